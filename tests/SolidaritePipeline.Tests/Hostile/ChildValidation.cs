using System.Diagnostics;
using System.Globalization;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>
/// Runs the built <c>solidarite validate --json</c> on one file in a child process, as a mandataire
/// would, and reads back its exit code, its report, its time and its peak resident memory (written by
/// <see cref="StartupHook"/>). The child's managed heap is capped at 1 GiB so that a runaway input fails
/// fast instead of starving the machine; a child past its time is killed.
/// </summary>
internal static class ChildValidation
{
    public sealed record Outcome(int ExitCode, string Json, string Html, string Error, TimeSpan Elapsed, long PeakBytes);

    public static async Task<Outcome> RunAsync(string path, string mandataire, string htmlPath, TimeSpan timeout)
    {
        var directory = AppContext.BaseDirectory;
        var peakFile = Path.Combine(Path.GetDirectoryName(htmlPath)!, "peak-kb.txt");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(directory, "solidarite.dll"), "validate", path, "--mandataire", mandataire, "--json", "--html", htmlPath })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        start.Environment[StartupHook.FileVariable] = peakFile;
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x40000000";
        start.Environment.Remove("Validation__MaxBytes");
        start.Environment.Remove("Validation__MaxRows");

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The validate command did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"validate did not finish within {timeout.TotalSeconds:N0} s: {path}");
        }

        watch.Stop();
        var peak = File.Exists(peakFile) ? long.Parse(await File.ReadAllTextAsync(peakFile), CultureInfo.InvariantCulture) * 1024 : -1;
        var html = File.Exists(htmlPath) ? await File.ReadAllTextAsync(htmlPath) : "";
        return new Outcome(process.ExitCode, await output, html, await error, watch.Elapsed, peak);
    }
}
