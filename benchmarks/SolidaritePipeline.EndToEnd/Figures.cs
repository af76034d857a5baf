using System.Globalization;

namespace SolidaritePipeline.EndToEnd;

/// <summary>Medians, and the process's peak resident memory.</summary>
public static class Figures
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Seconds(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>VmHWM of /proc/self/status, in MiB: the most resident memory this process ever had (Linux only).</summary>
    public static string PeakResident()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return "—";
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null) return "—";
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kilobytes / 1024.0:F0} MiB");
    }
}
