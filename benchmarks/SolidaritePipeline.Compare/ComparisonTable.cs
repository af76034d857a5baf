using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Compare;

/// <summary>
/// The one table: per engine, the median time and the best, rows and MB (10^6 bytes) per second at
/// the median, peak resident memory, and a ratio of medians, then of bests. For DuckDB, our time with
/// the same number of threads divided by its time (above 1: we are slower); for ours with the hash
/// given, its time over that DuckDB's (the same reading); for ours on several threads, our one-thread
/// time divided by it (the speed-up); for the CLI, its time over ours in process with as many threads
/// as it uses. On a machine shared with others, a slow spell only adds time: the best runs show what
/// each engine costs when nothing else is in its way.
/// </summary>
public static class ComparisonTable
{
    public static string Render(ComparisonResult result)
    {
        var engines = result.Engines;
        var oursOne = engines[0];
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Rows:N0} projects, {result.FileBytes / 1e6:F1} MB; median of {oursOne.Seconds.Length} run(s)."));
        text.AppendLine("| Engine | Median | Best | Rows/s | MB/s | Peak memory | Ratio | Ratio of bests |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        EngineResult? oursMany = null;
        EngineResult? theirs = null;
        foreach (var engine in engines)
        {
            if (ReferenceEquals(engine, oursOne))
            {
                text.AppendLine(Row(engine, result, oursOne, "ours / this"));
            }
            else if (engine.Engine.EndsWith(PipelineEngine.HashGivenSuffix, StringComparison.Ordinal) && theirs is not null)
            {
                // After the DuckDB it is set beside (the one with as many threads).
                text.AppendLine(Row(engine, result, theirs, $"this / {theirs.Engine}", thisOverOther: true));
            }
            else if (engine.Engine.StartsWith("ours", StringComparison.Ordinal))
            {
                oursMany = engine;
                text.AppendLine(Row(engine, result, oursOne, $"{oursOne.Engine} / this"));
            }
            else
            {
                // The DuckDB run after ours with the same threads (ours comes first in each pair).
                var ours = oursMany ?? oursOne;
                theirs = engine;
                text.AppendLine(Row(engine, result, ours, $"{ours.Engine} / this"));
            }
        }

        if (result.Cli is { } cli)
        {
            var ours = oursMany ?? oursOne;
            text.AppendLine(Row(cli, result, ours, $"CLI / {ours.Engine}", thisOverOther: true));
        }

        return text.ToString();
    }

    // The ratios are other's time over this engine's, or with thisOverOther its own over the other's.
    private static string Row(EngineResult engine, ComparisonResult result, EngineResult other, string ratioMeaning, bool thisOverOther = false)
    {
        var seconds = engine.MedianSeconds;
        var (ratio, bestRatio) = thisOverOther
            ? (seconds / other.MedianSeconds, engine.BestSeconds / other.BestSeconds)
            : (other.MedianSeconds / seconds, other.BestSeconds / engine.BestSeconds);
        var peak = engine.PeakBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MiB") : "—";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {engine.Engine} | {seconds:F2} s | {engine.BestSeconds:F2} s | {result.Rows / seconds:N0} | {result.FileBytes / 1e6 / seconds:F1} | {peak} | {ratio:F2} ({ratioMeaning}) | {bestRatio:F2} |");
    }
}
