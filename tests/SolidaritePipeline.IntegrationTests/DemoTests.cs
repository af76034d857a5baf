using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Demo;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.IntegrationTests;

/// <summary>Runs <c>solidarite demo</c> once, end to end, against its own Azurite; the tests read what it printed.</summary>
public sealed class DemoRun : IAsyncLifetime
{
    public const int Seed = 11;

    public string Output { get; } = Path.Combine(Path.GetTempPath(), "solidarite-demo-" + Guid.NewGuid().ToString("N"));
    public int ExitCode { get; private set; }
    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var azurite = await Azurite.StartAsync();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var context = new CliContext(stdout, stderr, TimeProvider.System, _ => null, CancellationToken.None);
        ExitCode = await CliApp.RunAsync(
            ["demo", "--storage", azurite.ConnectionString, "--out", Output, "--seed", Seed.ToString(CultureInfo.InvariantCulture)], context);
        (Stdout, Stderr) = (stdout.ToString(), stderr.ToString());
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Output)) Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed partial class DemoTests(DemoRun demo) : IClassFixture<DemoRun>
{
    // The same files the demo generated, for the independent side of every comparison.
    private static readonly SyntheticSubmissions Synthetic = DemoData.Generate(ReferenceCatalog.Default, DemoRun.Seed);

    [Fact]
    public void The_demo_prints_regional_totals_equal_to_the_generated_accepted_projects_to_the_cent()
    {
        Assert.True(demo.ExitCode == CliApp.ExitOk, $"exit {demo.ExitCode}\n{demo.Stderr}\n{demo.Stdout}");

        var printed = ParseTable(demo.Stdout);
        var expected = ExpectedRows();

        Assert.Equal(expected.Keys, printed.Keys);
        foreach (var (region, row) in expected) Assert.Equal(row, printed[region]);
    }

    [Fact]
    public void The_demo_counts_the_four_rejected_files_and_leaves_their_reports_and_the_snapshot_page_on_disk()
    {
        Assert.True(demo.ExitCode == CliApp.ExitOk, $"exit {demo.ExitCode}\n{demo.Stderr}\n{demo.Stdout}");
        var files = Synthetic.Files;

        Assert.Contains(
            $"Submissions: {files.Count} processed, {files.Count(f => f.ShouldBeAccepted)} accepted, 4 rejected, 0 failed.",
            demo.Stdout, StringComparison.Ordinal);

        var reports = ReportLine().Matches(demo.Stdout).ToDictionary(m => m.Groups["blob"].Value, m => m.Groups["path"].Value);
        var flawed = files.Where(f => !f.ShouldBeAccepted).ToList();
        Assert.Equal(flawed.Select(f => f.UploadName).Order(), reports.Keys.Order());
        foreach (var file in flawed)
        {
            var html = File.ReadAllText(reports[file.UploadName]);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(reports[file.UploadName], ".json")));
            Assert.Equal("rejected", json.RootElement.GetProperty("status").GetString());
            var codes = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
            Assert.All(file.ExpectedErrors, e =>
            {
                Assert.Contains(e.Code, codes);
                Assert.Contains(e.Code, html, StringComparison.Ordinal);
            });
        }

        var index = SnapshotLine().Match(demo.Stdout).Groups["path"].Value;
        Assert.True(File.Exists(index), index);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(index)!, "totaux-regionaux.csv")));
    }

    [Fact]
    public void Every_file_the_demo_publishes_says_its_data_is_synthetic()
    {
        Assert.True(demo.ExitCode == CliApp.ExitOk, $"exit {demo.ExitCode}\n{demo.Stderr}\n{demo.Stdout}");
        var folder = Path.GetDirectoryName(SnapshotLine().Match(demo.Stdout).Groups["path"].Value)!;

        Assert.Contains("<title>DONNÉES SYNTHÉTIQUES", File.ReadAllText(Path.Combine(folder, "index.html")));
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "datapackage.json")));
        Assert.StartsWith("DONNÉES SYNTHÉTIQUES", package.RootElement.GetProperty("title").GetString());
        var csvs = Directory.GetFiles(folder, "*.csv");
        Assert.Equal(9, csvs.Length);
        foreach (var csv in csvs)
        {
            var lines = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.EndsWith(",donnees_synthetiques", lines[0]);
            Assert.All(lines.Skip(1), l => Assert.EndsWith(",true", l));
        }
    }

    // Computed from the generator's current accepted projects alone, never from what the pipeline wrote.
    private static Dictionary<string, string[]> ExpectedRows()
    {
        var catalog = ReferenceCatalog.Default;
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var grand = new long[4];
        decimal fqisAll = 0, otherAll = 0;
        foreach (var region in catalog.Regions)
        {
            var mine = Synthetic.CurrentProjects.Where(c => catalog.FindMandataire(c.Key)!.RegionCode == region.Code).ToList();
            var projects = mine.SelectMany(c => c.Value).ToList();
            var live = projects.Where(p => p.Statut != "annule").ToList();
            var fqis = live.Sum(p => p.MontantFqis);
            var other = live.Sum(p => p.MontantAutresSources);
            long[] counts = [mine.Count, live.Count, projects.Count - live.Count, live.Sum(p => (long)p.PersonnesRejointes)];
            rows[region.Code] = Row(counts, fqis, other);
            for (var i = 0; i < counts.Length; i++) grand[i] += counts[i];
            fqisAll += fqis;
            otherAll += other;
        }

        rows["Total"] = Row(grand, fqisAll, otherAll);
        return rows;
    }

    private static string[] Row(long[] counts, decimal fqis, decimal other) =>
    [
        counts[0].ToString(CultureInfo.InvariantCulture), counts[1].ToString(CultureInfo.InvariantCulture),
        counts[2].ToString(CultureInfo.InvariantCulture), fqis.ToString("0.00", CultureInfo.InvariantCulture),
        other.ToString("0.00", CultureInfo.InvariantCulture), counts[3].ToString(CultureInfo.InvariantCulture),
    ];

    // "| 05 Estrie | 1 | 26 | 2 | 1 234 567,89 | 12 345,00 | 9 876 |" -> "05": ["1", "26", "2", "1234567.89", "12345.00", "9876"]
    private static Dictionary<string, string[]> ParseTable(string stdout)
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var key = cells[0] == "Total" ? "Total" : RegionCell().Match(cells[0]) is { Success: true } m ? m.Groups[1].Value : null;
            if (key is null) continue;
            rows.Add(key, [.. cells.Skip(1).Select(c => c.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'))]);
        }

        return rows;
    }

    [GeneratedRegex(@"^(\d{2}) ")]
    private static partial Regex RegionCell();

    [GeneratedRegex(@"^  (?<blob>\S+) \(\d+ errors?[^)]*\): (?<path>\S.*\.html)\r?$", RegexOptions.Multiline)]
    private static partial Regex ReportLine();

    [GeneratedRegex(@"^Open-data snapshot: (?<path>\S.*index\.html)\r?$", RegexOptions.Multiline)]
    private static partial Regex SnapshotLine();
}
