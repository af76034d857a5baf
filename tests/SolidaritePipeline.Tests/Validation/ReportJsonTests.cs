using System.Text.Json;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

public sealed class ReportJsonTests
{
    [Fact]
    public async Task The_json_report_has_the_contract_names_and_a_utc_timestamp()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/cell-errors.csv");

        using var json = JsonDocument.Parse(ReportJson.Serialize(report));
        var root = json.RootElement;

        Assert.Equal("test-submission", root.GetProperty("submissionId").GetString());
        Assert.Equal("estrie", root.GetProperty("mandataire").GetString());
        Assert.Equal("uploads/estrie/cell-errors.csv", root.GetProperty("source").GetString());
        Assert.Equal("2026-11-26T14:03:11Z", root.GetProperty("receivedAt").GetString());
        Assert.Equal("rejected", root.GetProperty("status").GetString());
        Assert.Equal(("csv", "utf-8", ","), (root.GetProperty("format").GetString(), root.GetProperty("encoding").GetString(), root.GetProperty("delimiter").GetString()));
        Assert.Equal("2022-2023", root.GetProperty("exercice").GetString());
        Assert.Equal(18, root.GetProperty("rowCount").GetInt32());
        Assert.Equal(19, root.GetProperty("errorCount").GetInt32());
        Assert.Equal(0, root.GetProperty("warningCount").GetInt32());
        var first = root.GetProperty("errors")[0];
        Assert.Equal("type-error", first.GetProperty("code").GetString());
        Assert.Equal(2, first.GetProperty("row").GetInt32());
        Assert.Equal("montant_fqis", first.GetProperty("field").GetString());
        Assert.Equal("1,500", first.GetProperty("value").GetString());
        Assert.StartsWith("Le montant « 1,500 » est ambigu", first.GetProperty("message").GetProperty("fr").GetString());
        Assert.StartsWith("The amount", first.GetProperty("message").GetProperty("en").GetString());
    }

    [Fact]
    public async Task A_report_reads_back_equal_through_a_stream()
    {
        var (report, _) = await Fixture.ValidateAsync("accepted/header-labels.csv");
        using var stream = new MemoryStream();

        await ReportJson.WriteAsync(report, stream);
        stream.Position = 0;
        var back = await ReportJson.ReadAsync(stream);

        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(back));
        Assert.Equal(report.Warnings, back.Warnings);
        Assert.Equal(2, back.WarningCount);
    }
}
