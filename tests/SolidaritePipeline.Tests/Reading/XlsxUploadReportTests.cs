using SolidaritePipeline.Tests.Validation;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>Hostile workbooks end in a rejected report with the reader's code, never in a crash.</summary>
public sealed class XlsxUploadReportTests
{
    [Theory]
    [InlineData(XlsxFixtureFiles.ZipBomb, "file-too-large")]
    [InlineData(XlsxFixtureFiles.EntityExpansion, "format-error")]
    [InlineData(XlsxFixtureFiles.NotAZip, "format-error")]
    public async Task A_hostile_workbook_is_rejected_with_one_file_error(string fixture, string code)
    {
        await using var stream = File.OpenRead(XlsxFixtureFiles.Path(fixture));

        var (report, projects) = await Fixture.ValidateAsync(stream, "rapport.xlsx", "estrie");

        Assert.False(report.IsAccepted);
        Assert.Equal("xlsx", report.Format);
        Assert.Equal([code], report.Errors.Select(e => e.Code));
        Assert.Empty(projects);
    }
}
