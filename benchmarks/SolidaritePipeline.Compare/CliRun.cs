using System.Diagnostics;
using System.Globalization;

namespace SolidaritePipeline.Compare;

/// <summary>
/// <c>solidarite validate FILE --mandataire estrie --max-rows 0 --max-bytes 0</c> end to end, wall clock
/// from process start to exit (runtime start, hashing, validation, report). Its peak memory is the
/// largest of the maximum resident sets that GNU time reports for its runs, when /usr/bin/time is there.
/// </summary>
public static class CliRun
{
    private const string GnuTime = "/usr/bin/time";

    /// <summary>The CLI built in Release in the repository this program was built from.</summary>
    public static string DefaultPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SolidaritePipeline.sln")))
                return Path.Combine(folder.FullName, "src", "SolidaritePipeline.Cli", "bin", "Release", "net10.0", "solidarite.dll");
        }

        throw new InvalidOperationException("Repository not found above this program: pass --cli PATH-TO-solidarite.dll.");
    }

    public static async Task<EngineResult> TimeAsync(string cliDll, string path, int repeat, CancellationToken cancellationToken)
    {
        if (!File.Exists(cliDll))
            throw new InvalidOperationException($"{cliDll} not found: build it first (dotnet build src/SolidaritePipeline.Cli -c Release) or pass --cli.");
        var seconds = new double[repeat];
        long? peak = null;
        var timeOutput = Path.GetTempFileName();
        try
        {
            for (var i = 0; i < repeat; i++)
            {
                var measured = File.Exists(GnuTime);
                var start = new ProcessStartInfo(measured ? GnuTime : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
                string[] command = ["dotnet", cliDll, "validate", path, "--mandataire", SubmissionCsv.Mandataire, "--max-rows", "0", "--max-bytes", "0"];
                foreach (var arg in measured ? ["-f", "%M", "-o", timeOutput, .. command] : command[1..]) start.ArgumentList.Add(arg);

                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the CLI.");
                var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                seconds[i] = clock.Elapsed.TotalSeconds;
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"solidarite validate exited with {process.ExitCode}:{Environment.NewLine}{text}");
                if (measured)
                {
                    var kilobytes = long.Parse((await File.ReadAllTextAsync(timeOutput, cancellationToken)).Trim(), CultureInfo.InvariantCulture);
                    peak = Math.Max(peak ?? 0, kilobytes * 1024);
                }
            }
        }
        finally
        {
            File.Delete(timeOutput);
        }

        return new EngineResult("solidarite validate (CLI)", seconds, peak, []);
    }
}
