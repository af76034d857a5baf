using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Tests.Validation;
using Xunit.Abstractions;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>Time and memory are measured alone: no other test runs beside these.</summary>
[CollectionDefinition(nameof(HostileCorpusCollection), DisableParallelization = true)]
public sealed class HostileCorpusCollection;

/// <summary>
/// Every input of the hostile corpus through <c>solidarite validate --json --html</c>: small ones in
/// this process, the big ones (files within the 50 MB limit) in a child process whose peak memory is
/// read. Each must give a clean report (<see cref="CleanReport"/>) within its time and memory bound.
/// Set <c>SOLIDARITE_HOSTILE_FIGURES</c> to a file to get one line of figures per input.
/// </summary>
[Collection(nameof(HostileCorpusCollection))]
public sealed class HostileCorpusTests(ITestOutputHelper output)
{
    /// <summary>The issue's bound: under 500 MB peak for a file within the size limit.</summary>
    private const long MemoryBound = 500L * 1024 * 1024;

    private static readonly TimeSpan SmallTimeBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BigTimeBound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> SmallInputs() => [.. HostileCorpus.All.Where(i => !i.Big).Select(i => i.Name)];

    public static TheoryData<string> BigInputs() => [.. HostileCorpus.All.Where(i => i.Big).Select(i => i.Name)];

    [Theory]
    [MemberData(nameof(SmallInputs))]
    public async Task A_hostile_input_gets_a_clean_report_within_its_time_and_memory_bounds(string name)
    {
        var input = HostileCorpus.Named(name);
        using var folder = new CorpusFolder();
        var path = folder.Write(input);
        var html = folder.HtmlPath(input);
        var stdout = new StringWriter();
        using var timeout = new CancellationTokenSource(SmallTimeBound * 2);
        var context = new CliContext(stdout, new StringWriter(), new FakeTimeProvider(Fixture.ReceivedAt), _ => null, timeout.Token);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var exit = await CliApp.RunAsync(["validate", path, "--mandataire", input.Mandataire, "--json", "--html", html], context);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Figures.Record(output, input, new FileInfo(path).Length, watch.Elapsed, allocated, "allocated", Figures.Verdict(exit, stdout.ToString()));
        CleanReport.Check(input, exit, stdout.ToString(), File.Exists(html) ? await File.ReadAllTextAsync(html) : "");
        Assert.True(watch.Elapsed < SmallTimeBound, $"{name}: {watch.Elapsed.TotalSeconds:N1} s, over {SmallTimeBound.TotalSeconds} s.");
        Assert.True(allocated < MemoryBound, $"{name}: {allocated / 1048576} MB allocated, over {MemoryBound / 1048576} MB.");
    }

    [Theory]
    [MemberData(nameof(BigInputs))]
    public async Task A_big_hostile_input_gets_a_clean_report_under_500_MB_in_a_child_process(string name)
    {
        var input = HostileCorpus.Named(name);
        using var folder = new CorpusFolder();
        var path = folder.Write(input);
        Assert.True(new FileInfo(path).Length <= HostileCorpus.MaxBytes + 1, $"{name} is over the size limit it is meant to stay within.");

        var outcome = await ChildValidation.RunAsync(path, input.Mandataire, folder.HtmlPath(input), BigTimeBound);

        Figures.Record(output, input, new FileInfo(path).Length, outcome.Elapsed, outcome.PeakBytes, "peak RSS", Figures.Verdict(outcome.ExitCode, outcome.Json));
        Assert.True(outcome.PeakBytes > 0, $"{name}: the child wrote no peak memory (exit {outcome.ExitCode}): {Tail(outcome.Error)}");
        CleanReport.Check(input, outcome.ExitCode, outcome.Json, outcome.Html);
        Assert.True(outcome.PeakBytes < MemoryBound, $"{name}: peak {outcome.PeakBytes / 1048576} MB, over {MemoryBound / 1048576} MB.");
        Assert.True(outcome.Elapsed < BigTimeBound, $"{name}: {outcome.Elapsed.TotalSeconds:N1} s.");
    }

    [Fact]
    public void The_corpus_holds_over_200_inputs_in_every_class_the_issue_names()
    {
        var classes = HostileCorpus.All.GroupBy(i => i.Class).ToDictionary(g => g.Key, g => g.Count());
        string[] named =
        [
            "amount-ceiling", "long-header", "xlsx-strings", "csv-columns", "xlsx-wide-rows", "duplicate-keys", "date-range", "csv-long-row",
            "personal-data", "zip-bomb", "xml-entities", "xml-huge-tag", "xlsx-declarations", "json-depth", "json-big-values", "encoding", "bom", "nul-bytes", "csv-shape",
            "formula-injection", "html-injection", "amount-format", "limits", "xlsx-structure", "json-shape", "file-level",
        ];

        Assert.True(HostileCorpus.All.Count >= 200, $"{HostileCorpus.All.Count} inputs");
        Assert.All(named, c => Assert.True(classes.ContainsKey(c), $"no input of class {c}"));
        Assert.InRange(HostileCorpus.All.Count(i => i.Big), 5, 20);
        Assert.All(HostileCorpus.All.Where(i => i.Expected.Accepted == false && i.Expected.AnyOf.Count == 0), i => Assert.Contains(i.Class, new[] { "bom", "csv-shape" }));
    }

    [Fact]
    public void The_corpus_is_the_same_every_time_it_is_generated()
    {
        // A sample across classes: a generator that drew on the clock or an unseeded random would differ.
        foreach (var input in HostileCorpus.All.Where((i, n) => !i.Big && n % 7 == 0))
            Assert.True(input.Bytes().AsSpan().SequenceEqual(input.Bytes()), $"{input.Name} differs between two generations");
    }

    /// <summary>The entry point of <c>scripts/hostile-corpus.sh</c>: writes the corpus and its manifest to a folder.</summary>
    [Fact]
    public void The_corpus_written_to_a_folder_holds_every_input_and_a_manifest()
    {
        var target = Environment.GetEnvironmentVariable("SOLIDARITE_HOSTILE_CORPUS_DIR");
        var withBig = Environment.GetEnvironmentVariable("SOLIDARITE_HOSTILE_CORPUS_BIG") == "1";
        using var temporary = target is null ? new CorpusFolder() : null;
        var folder = target ?? temporary!.Path;

        var inputs = HostileCorpus.All.Where(i => withBig || !i.Big).ToList();
        var manifest = CorpusFolder.WriteAll(folder, inputs);

        var lines = File.ReadAllLines(manifest);
        Assert.Equal(inputs.Count + 1, lines.Length);
        Assert.All(inputs, i => Assert.True(File.Exists(Path.Combine(folder, i.Class, i.Name, i.FileName)), i.Name));
        output.WriteLine($"{inputs.Count} inputs written to {folder}");
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}

/// <summary>One line of figures per input, to the test output and, when asked, to a file.</summary>
internal static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(ITestOutputHelper output, HostileInput input, long bytes, TimeSpan elapsed, long memory, string memoryKind, string verdict)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{input.Name}\t{input.Class}\t{(input.Big ? "big" : "small")}\t{bytes}\t{elapsed.TotalSeconds:0.000}\t{memory / 1048576.0:0.0}\t{memoryKind}\t{verdict}");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SOLIDARITE_HOSTILE_FIGURES") is not { Length: > 0 } file) return;
        lock (Gate) File.AppendAllText(file, line + Environment.NewLine);
    }

    /// <summary>The exit code and the report's codes, or why there is no report.</summary>
    public static string Verdict(int exit, string json)
    {
        try
        {
            return $"exit {exit}; {CleanReport.Summary(SolidaritePipeline.Reports.ReportJson.Deserialize(json))}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return $"exit {exit}; no readable report ({e.GetType().Name})";
        }
    }
}
