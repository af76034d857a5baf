using System.Globalization;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>
/// The sizes of the reliability tests. The defaults keep them within CI's time; <c>scripts/soak.sh</c>
/// sets the same variables higher for a longer run. Every run prints its seed, so a failure can be
/// replayed with <c>SOAK_SEED</c>.
/// </summary>
public sealed record ReliabilitySettings(int Seed, double FaultRate, int FaultVersions, int Kills, int LoadVersions, int Parallelism)
{
    public static ReliabilitySettings FromEnvironment() => new(
        Seed: Int("SOAK_SEED", Environment.TickCount & 0xFFFF),
        FaultRate: Double("SOAK_FAULT_RATE", 0.15),
        FaultVersions: Int("SOAK_FAULT_VERSIONS", 2),
        Kills: Int("SOAK_KILLS", 20),
        LoadVersions: Int("SOAK_LOAD_VERSIONS", 3),
        Parallelism: Int("SOAK_PARALLEL", 8));

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double Double(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
