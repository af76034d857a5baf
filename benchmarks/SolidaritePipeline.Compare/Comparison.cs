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
/// Each engine runs in a child process of this program, so that its peak memory is its own. The runs go
/// in rounds: each child runs the file once in turn, then the CLI once, round after round, the engines'
/// order reversed every other round. On a shared machine whose speed drifts over seconds, each engine
/// then meets the same moments, and the ratios compare engines rather than minutes.
/// </summary>
public static class Comparison
{
    private const string ChildFlag = "--child";
    private const string ChildRoundsFlag = "--child-rounds";
    private const string Ready = "ready";

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
            var cliPath = options.RunCli ? options.CliPath ?? CliRun.DefaultPath() : null;
            List<EngineResult> results;
            EngineResult? cli;
            if (options.InProcess)
            {
                results = [];
                foreach (var engine in engines) results.Add(await Measurement.TimeAsync(engine, path, options.Repeat, cancellationToken) with { PeakBytes = null });
                cli = cliPath is null ? null : await CliRun.TimeAsync(cliPath, path, options.Repeat, cancellationToken);
            }
            else
            {
                (results, cli) = await RunInRoundsAsync(engines, path, options.Repeat, cliPath, cancellationToken);
            }

            foreach (var result in results.Concat(cli is null ? [] : [cli]))
            {
                var cpu = result.CpuSeconds is { } used
                    ? $" (CPU {string.Join(", ", used.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s)"
                    : "";
                // Runs that never paused a millisecond (DuckDB works in native code) get no list.
                if (result.GcPauseMilliseconds is { } paused && paused.Any(p => p >= 1))
                    cpu += $" (GC pauses {string.Join(", ", paused.Select(p => p.ToString("F0", CultureInfo.InvariantCulture)))} ms)";
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Engine}: {string.Join(", ", result.Seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s{cpu}"));
            }

            foreach (var other in results.Skip(1))
            {
                if (Agreement.Differences(results[0].Engine, results[0].Totals, other.Engine, other.Totals) is { } differences)
                    throw new InvalidOperationException($"The engines disagree on the regional totals:{Environment.NewLine}{differences}");
            }

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

    /// <summary>
    /// The child side. <c>--child ENGINE FILE REPEAT</c> (see <see cref="EngineCatalog"/>) runs the file
    /// REPEAT times and prints one <see cref="EngineResult"/> as JSON (the way to profile one engine
    /// alone). <c>--child-rounds ENGINE FILE</c> runs the file once for each <c>run</c> line it reads,
    /// printing each run's result on a line of its own (after a first line, <c>ready</c>), until its input ends.
    /// </summary>
    public static async Task<bool> TryRunAsChildAsync(IReadOnlyList<string> args, TextReader input, TextWriter output)
    {
        switch (args)
        {
            case [ChildFlag, var name, var path, var repeat]:
                var result = await Measurement.TimeAsync(EngineCatalog.FromChildName(name), path, int.Parse(repeat, CultureInfo.InvariantCulture), CancellationToken.None);
                await output.WriteLineAsync(JsonSerializer.Serialize(result));
                return true;
            case [ChildRoundsFlag, var name, var path]:
                var engine = EngineCatalog.FromChildName(name);
                var first = true;
                await output.WriteLineAsync(Ready);
                await output.FlushAsync();
                while (await input.ReadLineAsync() == "run")
                {
                    var run = await Measurement.TimeAsync(engine, path, 1, CancellationToken.None);
                    // The peak after the first run: a fresh process's, as a new host would see it.
                    await output.WriteLineAsync(JsonSerializer.Serialize(first ? run : run with { PeakBytes = null }));
                    await output.FlushAsync();
                    first = false;
                }

                return true;
            default:
                return false;
        }
    }

    // One child per engine, all started at once and each run in turn; the CLI, a fresh process each time, once a round.
    private static async Task<(List<EngineResult> Engines, EngineResult? Cli)> RunInRoundsAsync(
        IReadOnlyList<IEngine> engines, string path, int rounds, string? cliPath, CancellationToken cancellationToken)
    {
        var children = new List<Process>();
        try
        {
            foreach (var engine in engines)
            {
                var start = SelfStartInfo();
                foreach (var arg in new[] { ChildRoundsFlag, EngineCatalog.ChildName(engine), path }) start.ArgumentList.Add(arg);
                start.RedirectStandardInput = true;
                start.RedirectStandardOutput = true;
                children.Add(Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {engine.Name} child process."));
            }

            // Every child started before the first run: none starts its runtime during another's run.
            for (var i = 0; i < children.Count; i++)
            {
                if (await children[i].StandardOutput.ReadLineAsync(cancellationToken) != Ready)
                    throw new InvalidOperationException($"The {engines[i].Name} child process did not start.");
            }

            var runs = engines.Select(_ => new List<EngineResult>()).ToArray();
            var cliRuns = new List<EngineResult>();
            for (var round = 0; round < rounds; round++)
            {
                var order = Enumerable.Range(0, engines.Count);
                foreach (var i in round % 2 == 0 ? order : order.Reverse())
                {
                    await children[i].StandardInput.WriteLineAsync("run".AsMemory(), cancellationToken);
                    await children[i].StandardInput.FlushAsync(cancellationToken);
                    var line = await children[i].StandardOutput.ReadLineAsync(cancellationToken)
                        ?? throw new InvalidOperationException($"The {engines[i].Name} run failed (its process ended).");
                    runs[i].Add(JsonSerializer.Deserialize<EngineResult>(line)
                        ?? throw new InvalidOperationException($"The {engines[i].Name} run printed no result."));
                }

                if (cliPath is not null) cliRuns.Add(await CliRun.TimeAsync(cliPath, path, 1, cancellationToken));
            }

            var results = engines.Select((engine, i) => new EngineResult(
                engine.Name, [.. runs[i].SelectMany(r => r.Seconds)], runs[i][0].PeakBytes, runs[i][^1].Totals)
            {
                CpuSeconds = [.. runs[i].SelectMany(r => r.CpuSeconds ?? [])],
                GcPauseMilliseconds = [.. runs[i].SelectMany(r => r.GcPauseMilliseconds ?? [])],
            }).ToList();
            var cli = cliPath is null ? null : new EngineResult(cliRuns[0].Engine, [.. cliRuns.SelectMany(r => r.Seconds)], cliRuns.Max(r => r.PeakBytes), []);
            return (results, cli);
        }
        finally
        {
            foreach (var child in children)
            {
                // The end of its input ends a child's loop.
                child.StandardInput.Close();
                if (!child.WaitForExit(TimeSpan.FromSeconds(30))) child.Kill();
                child.Dispose();
            }
        }
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
