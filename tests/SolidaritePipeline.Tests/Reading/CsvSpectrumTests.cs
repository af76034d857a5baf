using System.Text.Json;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>
/// Our CSV reader against csv-spectrum (the pinned npm package): every <c>csvs/*.csv</c> must read as
/// its <c>json/*.json</c> says, read from the package itself.
/// </summary>
public sealed class CsvSpectrumTests
{
    private static string SpectrumDirectory =>
        Path.Combine(Azurite.FindRepositoryRoot(), "node_modules", "csv-spectrum");

    public static TheoryData<string> Cases()
    {
        var csvs = Path.Combine(SpectrumDirectory, "csvs");
        if (!Directory.Exists(csvs))
            throw new DirectoryNotFoundException($"{csvs} is missing: run `npm ci` at the repository root.");
        return new TheoryData<string>(Directory.GetFiles(csvs, "*.csv").Select(Path.GetFileNameWithoutExtension).Order()!);
    }

    [Fact]
    public void The_package_holds_the_twelve_cases_we_check()
    {
        Assert.Equal(12, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_csv_reads_as_its_json_says(string name)
    {
        var expected = Expected(name);

        var actual = await ReadAsync(Path.Combine(SpectrumDirectory, "csvs", name + ".csv"));

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i]);
    }

    private static List<Dictionary<string, string>> Expected(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpectrumDirectory, "json", name + ".json")));
        // Upstream erratum (csv-spectrum issue #22): one file holds an object where the others hold an array.
        var records = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
        var rows = records
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))
            .ToList();
        // Upstream erratum (csv-spectrum issue #20): the JSON's phone number is not the one in the CSV.
        if (name == "location_coordinates" && rows[0]["Contact Phone Number"] == "1234567890")
            rows[0]["Contact Phone Number"] = "2095257564";
        return rows;
    }

    private static async Task<List<Dictionary<string, string>>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var content = await SubmissionContent.LoadAsync(file, keep: true, maxBytes: 0, CancellationToken.None);
        var layout = CsvSubmissionReader.Detect(content);
        var rows = CsvSubmissionReader.ReadRows(content.Stream!, layout, new ValidationOptions().MaxColumns, CancellationToken.None).ToList();
        var header = rows[0].Cells.Select(c => c.Text).ToArray();
        return rows.Skip(1)
            .Select(r => header.Select((label, i) => (label, value: i < r.Cells.Count ? r.Cells[i].Text : "")).ToDictionary(p => p.label, p => p.value))
            .ToList();
    }
}
