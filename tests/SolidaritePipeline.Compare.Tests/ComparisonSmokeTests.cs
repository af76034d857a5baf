using System.Diagnostics;
using System.Globalization;
using SolidaritePipeline.Compare;

namespace SolidaritePipeline.Compare.Tests;

/// <summary>
/// A 10 000-project run of the comparison harness: it still works, and ours and DuckDB agree on the
/// regional totals, which are also summed here straight from the file.
/// </summary>
public sealed class ComparisonSmokeTests : IDisposable
{
    private const int Rows = 10_000;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("compare-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Ours_and_DuckDB_find_the_regional_totals_summed_straight_from_a_10000_project_file()
    {
        var options = new CompareOptions { Rows = Rows, Repeat = 1, InProcess = true, RunCli = false, OutDir = _folder.FullName, Keep = true };

        var result = await Comparison.RunAsync(options, TextWriter.Null);

        var expected = SumStraightFromFile(Assert.Single(_folder.GetFiles("*.csv")).FullName);
        var threads = Environment.ProcessorCount;
        Assert.Equal(
            ["ours, 1 thread(s)", "DuckDB, 1 thread(s)", "ours, 1 thread(s), hash given", $"ours, {threads} thread(s)", $"DuckDB, {threads} thread(s)", $"ours, {threads} thread(s), hash given"],
            result.Engines.Select(e => e.Engine));
        Assert.All(result.Engines, engine => Assert.Equal(expected, Assert.Single(engine.Totals)));
        Assert.Equal(Rows, expected.Projects + expected.Cancelled);
        Assert.InRange(expected.Cancelled, 1, Rows - 1);
    }

    [Fact]
    public void The_table_gives_each_ratio_of_medians_and_of_best_runs_and_sets_ours_with_the_hash_given_beside_DuckDB()
    {
        var ours = new EngineResult("ours, 1 thread(s)", [1.2, 0.9, 1.0], 100L << 20, []);
        var duck = new EngineResult("DuckDB, 1 thread(s)", [0.75, 1.0, 0.85], 200L << 20, []);
        var cli = new EngineResult("solidarite validate (CLI)", [1.5, 1.35, 1.6], null, []);

        var given = new EngineResult("ours, 1 thread(s), hash given", [0.8, 0.7, 0.9], 90L << 20, []);

        var table = ComparisonTable.Render(new ComparisonResult(1_000, 2_000_000, [ours, duck, given], cli));

        // Medians 1.00 and 0.85, bests 0.90 and 0.75; the hash given 0.80 and 0.70 over DuckDB's; the CLI's 1.50 and 1.35 over ours.
        Assert.Contains("| DuckDB, 1 thread(s) | 0.85 s | 0.75 s |", table);
        Assert.Contains("| 1.18 (ours, 1 thread(s) / this) | 1.20 |", table);
        Assert.Contains("| ours, 1 thread(s), hash given | 0.80 s | 0.70 s |", table);
        Assert.Contains("| 0.94 (this / DuckDB, 1 thread(s)) | 0.93 |", table);
        Assert.Contains("| 1.50 (CLI / ours, 1 thread(s)) | 1.50 |", table);
    }

    [Fact]
    public async Task A_child_taking_turns_says_it_is_ready_then_answers_each_run_with_one_result_its_pauses_and_its_peak_only_after_the_first()
    {
        var options = new CompareOptions { Rows = 2_000, Repeat = 1, InProcess = true, RunCli = false, OutDir = _folder.FullName, Keep = true };
        await Comparison.RunAsync(options, TextWriter.Null);
        var path = Assert.Single(_folder.GetFiles("*.csv")).FullName;
        var output = new StringWriter();

        Assert.True(await Comparison.TryRunAsChildAsync(["--child-rounds", "ours:1", path], new StringReader("run\nrun\n"), output));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("ready", lines[0]);
        var runs = lines[1..].Select(line => System.Text.Json.JsonSerializer.Deserialize<EngineResult>(line)!).ToArray();
        Assert.Equal(2, runs.Length);
        Assert.All(runs, run => Assert.Equal(2_000, run.Totals.Sum(t => t.Projects + t.Cancelled)));
        Assert.All(runs, run => Assert.Single(run.Seconds));
        Assert.All(runs, run => Assert.InRange(Assert.Single(run.GcPauseMilliseconds!), 0, run.Seconds[0] * 1000));
        Assert.NotNull(runs[0].PeakBytes);
        Assert.Null(runs[1].PeakBytes);
    }

    [Theory]
    [InlineData(SubmissionFormat.Xlsx, new[] { "ours, 1 thread(s)", "MiniExcel 1.46 (Query<T>)", "ExcelDataReader 3.6" })]
    [InlineData(SubmissionFormat.Json, new[] { "ours, 1 thread(s)", "System.Text.Json (JsonSerializer)" })]
    public async Task The_same_rows_as_a_workbook_or_as_JSON_give_every_reader_the_totals_summed_straight_from_the_CSV(SubmissionFormat format, string[] engines)
    {
        var options = new CompareOptions { Format = format, Rows = 2_000, Repeat = 1, InProcess = true, RunCli = false, OutDir = _folder.FullName, Keep = true };

        var result = await Comparison.RunAsync(options, TextWriter.Null);

        var expected = SumStraightFromFile(Assert.Single(_folder.GetFiles("*.csv")).FullName);
        Assert.Single(_folder.GetFiles("*" + SubmissionFormats.Extension(format)));
        Assert.Equal(engines, result.Engines.Select(e => e.Engine));
        Assert.All(result.Engines, engine => Assert.Equal(expected, Assert.Single(engine.Totals)));
        Assert.Equal(2_000, expected.Projects + expected.Cancelled);
    }

    [Fact]
    public void A_one_cent_difference_between_engines_is_reported_with_its_region()
    {
        RegionTotals[] ours = [new("05", 10, 2, 1_234_567, 890, 4_000)];
        RegionTotals[] theirs = [new("05", 10, 2, 1_234_568, 890, 4_000)];

        Assert.Null(Agreement.Differences("ours", ours, "DuckDB", [.. ours]));
        Assert.Contains("region 05", Agreement.Differences("ours", ours, "DuckDB", theirs), StringComparison.Ordinal);
        Assert.Contains("DuckDB nothing", Agreement.Differences("ours", ours, "DuckDB", []), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_writes_the_same_file_and_another_seed_a_different_one()
    {
        string Write(string name, int seed)
        {
            var path = Path.Combine(_folder.FullName, name);
            SubmissionCsv.Write(path, 500, seed);
            return path;
        }

        var first = File.ReadAllBytes(Write("a.csv", 7));
        Assert.Equal(first, File.ReadAllBytes(Write("b.csv", 7)));
        Assert.NotEqual(first, File.ReadAllBytes(Write("c.csv", 8)));
    }

    [Fact]
    public async Task The_harness_program_prints_the_table_with_each_engine_measured_in_its_own_process()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "SolidaritePipeline.Compare.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { program, "--rows", "2000", "--repeat", "1", "--no-cli", "--out", _folder.FullName }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var table = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("| ours, 1 thread(s) |", table, StringComparison.Ordinal);
        Assert.Contains("| DuckDB, 1 thread(s) |", table, StringComparison.Ordinal);
        Assert.Contains("| ours, 1 thread(s), hash given |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("—", table, StringComparison.Ordinal); // every engine has its own peak memory
        Assert.Empty(_folder.GetFiles()); // without --keep the file is removed
    }

    // The regional measures computed without either engine: split each line (titles may be quoted), sum in cents.
    private static RegionTotals SumStraightFromFile(string path)
    {
        string? region = null;
        long projects = 0, cancelled = 0, fqis = 0, other = 0, people = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = Split(line);
            region ??= cells[5];
            Assert.Equal(region, cells[5]);
            if (cells[14] == "annule")
            {
                cancelled++;
                continue;
            }

            projects++;
            fqis += Cents(cells[9]);
            other += cells[10].Length == 0 ? 0 : Cents(cells[10]);
            people += int.Parse(cells[13], CultureInfo.InvariantCulture);
        }

        return new RegionTotals(region!, projects, cancelled, fqis, other, people);
    }

    private static long Cents(string amount) => (long)(decimal.Parse(amount, CultureInfo.InvariantCulture) * 100m);

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"') quoted = !quoted;
            else if (i == line.Length || (line[i] == ',' && !quoted))
            {
                cells.Add(line[start..i].Trim('"'));
                start = i + 1;
            }
        }

        return cells;
    }
}
