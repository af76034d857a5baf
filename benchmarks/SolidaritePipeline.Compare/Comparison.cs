using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace SolidaritePipeline.Compare;

/// <summary>The file compared, each engine's result, and the CLI's end-to-end run if there was one.</summary>
public sealed record ComparisonResult(int Rows, long FileBytes, IReadOnlyList<EngineResult> Engines, EngineResult? Cli);

/// <summary>
/// Generates the file, runs ours and DuckDB (one thread each, then <see cref="CompareOptions.Threads"/> each) on
/// it (for XLSX and JSON, the same rows in that format, ours on one thread and the reference readers of
/// <see cref="EngineCatalog"/>), fails unless every engine finds the same regional totals to the cent, then times the CLI.
/// Each engine runs in a child process of this program, so that its peak memory is its own.
/// </summary>
public static class Comparison
{
    private const string ChildFlag = "--child";

    public static async Task<ComparisonResult> RunAsync(CompareOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var folder = options.OutDir ?? Directory.CreateTempSubdirectory("solidarite-compare-").FullName;
        Directory.CreateDirectory(folder);
        var csvPath = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"submission-{options.Rows}-seed{options.Seed}.csv"));
        var path = Path.ChangeExtension(csvPath, SubmissionFormats.Extension(options.Format));
        try
        {
            var clock = Stopwatch.StartNew();
            SubmissionCsv.Write(csvPath, options.Rows, options.Seed);
            if (options.Format != SubmissionFormat.Csv)
            {
                SubmissionFormats.Convert(csvPath, options.Format, path);
                if (!options.Keep) File.Delete(csvPath);
            }

            var bytes = new FileInfo(path).Length;
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated {path}: {options.Rows:N0} projects, {bytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s."));

            var engines = EngineCatalog.For(options.Format, options.Threads);
            var results = new List<EngineResult>();
            foreach (var engine in engines)
            {
                var result = options.InProcess
                    ? await Measurement.TimeAsync(engine, path, options.Repeat, cancellationToken) with { PeakBytes = null }
                    : await RunChildAsync(engine, path, options.Repeat, cancellationToken);
                var cpu = result.CpuSeconds is { } used
                    ? $" (CPU {string.Join(", ", used.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s)"
                    : "";
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Engine}: {string.Join(", ", result.Seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s{cpu}"));
                results.Add(result);
            }

            foreach (var other in results.Skip(1))
            {
                if (Agreement.Differences(results[0].Engine, results[0].Totals, other.Engine, other.Totals) is { } differences)
                    throw new InvalidOperationException($"The engines disagree on the regional totals:{Environment.NewLine}{differences}");
            }

            var cli = options.RunCli ? await CliRun.TimeAsync(options.CliPath ?? CliRun.DefaultPath(), path, options.Repeat, cancellationToken) : null;
            if (cli is not null)
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{cli.Engine}: {string.Join(", ", cli.Seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s"));
            return new ComparisonResult(options.Rows, bytes, results, cli);
        }
        finally
        {
            if (!options.Keep)
            {
                File.Delete(path);
                if (options.OutDir is null) Directory.Delete(folder);
            }
        }
    }

    /// <summary>The child side: <c>--child ENGINE FILE REPEAT</c> (see <see cref="EngineCatalog"/>) prints one <see cref="EngineResult"/> as JSON.</summary>
    public static async Task<bool> TryRunAsChildAsync(IReadOnlyList<string> args, TextWriter output)
    {
        if (args is not [ChildFlag, var name, var path, var repeat]) return false;
        var engine = EngineCatalog.FromChildName(name);
        var result = await Measurement.TimeAsync(engine, path, int.Parse(repeat, CultureInfo.InvariantCulture), CancellationToken.None);
        await output.WriteLineAsync(JsonSerializer.Serialize(result));
        return true;
    }

    private static async Task<EngineResult> RunChildAsync(IEngine engine, string path, int repeat, CancellationToken cancellationToken)
    {
        var name = EngineCatalog.ChildName(engine);
        var start = SelfStartInfo();
        foreach (var arg in new[] { ChildFlag, name, path, repeat.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var text = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0) throw new InvalidOperationException($"The {engine.Name} run failed (exit {child.ExitCode}).");
        return JsonSerializer.Deserialize<EngineResult>(text.Trim())
            ?? throw new InvalidOperationException($"The {engine.Name} run printed no result.");
    }

    // This program again: its apphost, or `dotnet` with its assembly.
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly."));
        return start;
    }
}
