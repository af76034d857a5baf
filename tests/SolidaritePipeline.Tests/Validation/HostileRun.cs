using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Runs the validator over a hostile file and counts the bytes allocated while it reads it, on the
/// test's thread (the validation of a seekable in-memory file never leaves it, which is checked), so
/// tests running in parallel do not blur the figure; and checks what a report echoes.
/// </summary>
internal static class HostileRun
{
    public const long MiB = 1024 * 1024;

    public static async Task<(ValidationReport Report, long Allocated)> ValidateMeasuredAsync(
        byte[] bytes, string fileName, ValidationOptions? options = null)
    {
        var thread = Environment.CurrentManagedThreadId;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), fileName, options: options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId); // else the count missed part of the work
        return (report, allocated);
    }

    /// <summary>The report as ingestion writes it: JSON and HTML, both of which must be small.</summary>
    public static void AssertReportsStaySmall(ValidationReport report)
    {
        Assert.InRange(ReportJson.Serialize(report).Length, 1, 64 * 1024);
        Assert.InRange(ReportHtml.Render(report).Length, 1, 256 * 1024);
    }

    public static void AssertCut(string? echoed)
    {
        Assert.NotNull(echoed);
        Assert.Equal(EchoedText.MaxLength + EchoedText.Marker.Length, echoed.Length);
        Assert.EndsWith(EchoedText.Marker, echoed, StringComparison.Ordinal);
    }
}
