#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name, outside any namespace.

/// <summary>
/// Loaded into the child <c>solidarite validate</c> processes of the hostile corpus tests through
/// <c>DOTNET_STARTUP_HOOKS</c>: on exit, writes the process's peak resident memory (VmHWM, in kB) to
/// the file named by <c>SOLIDARITE_PEAK_MEMORY_FILE</c>. A child that crashes writes nothing.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "SOLIDARITE_PEAK_MEMORY_FILE";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } path) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (peak is not null) File.WriteAllText(path, peak["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim());
        };
    }
}
