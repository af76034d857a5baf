using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Compare;

/// <summary>
/// The one table: per engine, the median time, rows and MB (10^6 bytes) per second, peak resident
/// memory, and our time divided by the engine's (above 1: we are slower). The CLI row's ratio is the
/// CLI's time over ours in process.
/// </summary>
public static class ComparisonTable
{
    public static string Render(ComparisonResult result)
    {
        var ours = result.Engines[0].MedianSeconds;
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Rows:N0} projects, {result.FileBytes / 1e6:F1} MB; median of {result.Engines[0].Seconds.Length} run(s)."));
        text.AppendLine("| Engine | Median | Rows/s | MB/s | Peak memory | Ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var engine in result.Engines)
            text.AppendLine(Row(engine, result, ours / engine.MedianSeconds, "ours / this"));
        if (result.Cli is { } cli)
            text.AppendLine(Row(cli, result, cli.MedianSeconds / ours, "CLI / ours"));
        return text.ToString();
    }

    private static string Row(EngineResult engine, ComparisonResult result, double ratio, string ratioMeaning)
    {
        var seconds = engine.MedianSeconds;
        var peak = engine.PeakBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MiB") : "—";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {engine.Engine} | {seconds:F2} s | {result.Rows / seconds:N0} | {result.FileBytes / 1e6 / seconds:F1} | {peak} | {ratio:F2} ({ratioMeaning}) |");
    }
}
