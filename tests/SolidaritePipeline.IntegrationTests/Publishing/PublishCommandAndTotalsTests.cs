using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class PublishCommandAndTotalsTests
{
    private static CliContext Context(StringWriter output, StringWriter error, DateTimeOffset now) =>
        new(output, error, new FakeTimeProvider(now), _ => null, CancellationToken.None);

    [Fact]
    public async Task Publish_without_a_date_names_the_snapshot_after_today_in_Quebec_and_prints_its_files()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        var output = new StringWriter();
        var error = new StringWriter();

        // 03:30 UTC on 27 November is still 26 November in Québec (EST, UTC−5).
        var exit = await CliApp.RunAsync(["publish", "--storage", storage.ConnectionString], Context(output, error,
            new DateTimeOffset(2026, 11, 27, 3, 30, 0, TimeSpan.Zero)));

        Assert.Equal(0, exit);
        Assert.Contains("Published opendata/snapshots/2026-11-26/ (7 projects, 34 regional totals, exercices: 2022-2023, 2023-2024).", output.ToString());
        var csv = await storage.ReadAsync("snapshots/2026-11-26/projets.csv");
        var line = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("projets.csv ", StringComparison.Ordinal));
        Assert.Contains($" {csv.Length} bytes  sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv))}", line);
        using var latest = JsonDocument.Parse(await storage.ReadAsync("latest.json"));
        Assert.Equal("2026-11-26", latest.RootElement.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Publish_with_a_malformed_date_is_a_usage_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["publish", "--date", "26/11/2026", "--storage", "UseDevelopmentStorage=true"],
            Context(output, error, DateTimeOffset.UnixEpoch));

        Assert.Equal(2, exit);
        Assert.Contains("--date takes AAAA-MM-JJ, not '26/11/2026'", error.ToString());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Totals_for_BI_come_from_RegionalTotals_in_cents_and_in_dollars()
    {
        await using var storage = await PublishingStorage.StartAsync();
        var table = storage.Tables.GetTableClient("RegionalTotals");
        await table.CreateIfNotExistsAsync();
        var updated = new DateTimeOffset(2026, 11, 20, 14, 1, 0, TimeSpan.Zero);
        foreach (var (exercice, region, name, fqis) in new[]
        {
            ("2022-2023", "05", "Estrie", 1950050L), ("2022-2023", "01", "Bas-Saint-Laurent", 0L), ("2023-2024", "05", "Estrie", 7L),
        })
        {
            await table.AddEntityAsync(new TableEntity(exercice, region)
            {
                ["RegionName"] = name, ["MandataireCount"] = 1, ["ProjectCount"] = 2, ["CancelledProjectCount"] = 1,
                ["FqisAmountCents"] = fqis, ["OtherAmountCents"] = 100000L, ["PeopleReached"] = 155L, ["UpdatedAt"] = updated,
            });
        }

        var query = new RegionalTotalsQuery(new PublishedDataTables(storage.Tables, storage.Blobs));
        var rows = await query.ReadAsync("2022\u20132023", CancellationToken.None);

        Assert.Equal(["01", "05"], rows.Select(r => r.RegionCode));
        using var json = JsonDocument.Parse(RegionalTotalsQuery.ToJson(rows));
        var estrie = json.RootElement[1];
        // The names of totaux-regionaux.csv and .json, one vocabulary for the API and the open data (docs/bi.md).
        Assert.Equal(1950050L, estrie.GetProperty("montant_fqis_cents").GetInt64());
        Assert.Equal("19500.50", estrie.GetProperty("montant_fqis").GetRawText());
        Assert.Equal("1000.00", estrie.GetProperty("montant_autres_sources").GetRawText());
        Assert.Equal("Estrie", estrie.GetProperty("region_nom").GetString());

        var csv = Encoding.UTF8.GetString(await RegionalTotalsQuery.ToCsvAsync(rows, CancellationToken.None));
        Assert.Equal(
            "\uFEFFexercice,region_code,region_nom,nb_mandataires,nb_projets,nb_projets_annules,montant_fqis,montant_autres_sources," +
            "personnes_rejointes,montant_fqis_cents,montant_autres_sources_cents\r\n" +
            "2022-2023,01,Bas-Saint-Laurent,1,2,1,0.00,1000.00,155,0,100000\r\n" +
            "2022-2023,05,Estrie,1,2,1,19500.50,1000.00,155,1950050,100000\r\n",
            csv);
        Assert.Equal(3, (await query.ReadAsync(null, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("2022")]
    [InlineData("2022-2024")]
    [InlineData("2022-2023' or PartitionKey ne '")]
    public async Task A_malformed_exercice_is_refused_in_both_languages_before_any_query(string exercice)
    {
        var query = new RegionalTotalsQuery(new PublishedDataTables(new TableServiceClient("UseDevelopmentStorage=true"), new BlobServiceClient("UseDevelopmentStorage=true")));

        var error = await Assert.ThrowsAsync<InvalidExerciceException>(() => query.ReadAsync(exercice, CancellationToken.None));

        Assert.StartsWith("Exercice invalide", error.Message);
        Assert.Contains("Invalid exercice", error.Message);
    }
}
