using System.Diagnostics;
using System.Globalization;

namespace SolidaritePipeline.Compare;

/// <summary>The timed runs of one engine on the file, its peak memory if known, and what it found.</summary>
public sealed record EngineResult(string Engine, double[] Seconds, long? PeakBytes, IReadOnlyList<RegionTotals> Totals)
{
    /// <summary>
    /// The CPU time of the whole process during each run, every thread counted (the runtime's own
    /// included): what a second core costs in work, beside what it saves in time. Null when not measured.
    /// </summary>
    public double[]? CpuSeconds { get; init; }

    /// <summary>
    /// The time the runtime held every thread of the process still to collect garbage during each run
    /// (<see cref="GC.GetTotalPauseDuration"/>): on two cores, a pause stops both. Null when not measured.
    /// </summary>
    public double[]? GcPauseMilliseconds { get; init; }

    /// <summary>The fastest run.</summary>
    public double BestSeconds => Seconds.Min();

    public double MedianSeconds
    {
        get
        {
            var sorted = Seconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

/// <summary>
/// Runs an engine <c>repeat</c> times. The peak memory is this process's peak resident set after the
/// first run: one run from a fresh process, runtime included, as a new host would see it (later runs
/// only add the heap that the runtime keeps between runs).
/// </summary>
public static class Measurement
{
    public static async Task<EngineResult> TimeAsync(IEngine engine, string path, int repeat, CancellationToken cancellationToken)
    {
        var seconds = new double[repeat];
        var cpu = new double[repeat];
        var pauses = new double[repeat];
        IReadOnlyList<RegionTotals> totals = [];
        long? peak = null;
        for (var i = 0; i < repeat; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pausedBefore = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            totals = await engine.RunAsync(path, cancellationToken);
            seconds[i] = clock.Elapsed.TotalSeconds;
            cpu[i] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            pauses[i] = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
            if (i == 0) peak = PeakResidentBytes();
        }

        return new EngineResult(engine.Name, seconds, peak, totals) { CpuSeconds = cpu, GcPauseMilliseconds = pauses };
    }

    /// <summary>VmHWM of /proc/self/status: the most resident memory this process ever had (Linux only).</summary>
    public static long? PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }

        return null;
    }
}
