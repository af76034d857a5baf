using System.Text;
using System.Text.Json;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class SyntheticMarkingTests
{
    private const string Folder = "snapshots/2026-11-26/";

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(bytes.Length >= 3 && bytes[0] == 0xEF ? 3 : 0));

    [Fact]
    public async Task Data_from_the_demo_generator_is_marked_synthetic_in_the_page_the_data_package_and_every_csv()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SyntheticMarker.MarkAsync(storage.Blobs, CancellationToken.None);
        await SnapshotPublisherTests.SeedAsync(storage);

        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        var page = Text(await storage.ReadAsync(Folder + "index.html"));
        Assert.Contains("<title>DONNÉES SYNTHÉTIQUES — Alliances pour la solidarité", page);
        Assert.Contains("<p class=\"avis\" role=\"note\">Données synthétiques produites par le générateur de démonstration", page);

        using var package = JsonDocument.Parse(await storage.ReadAsync(Folder + "datapackage.json"));
        Assert.StartsWith("DONNÉES SYNTHÉTIQUES", package.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("Données synthétiques", package.RootElement.GetProperty("description").GetString());

        var resources = package.RootElement.GetProperty("resources").EnumerateArray().ToArray();
        Assert.Equal(SnapshotPublisherTests.Tables.Length, resources.Length);
        foreach (var resource in resources)
        {
            var name = resource.GetProperty("name").GetString()!;
            var csv = await storage.ReadAsync(Folder + name + ".csv");
            var lines = Text(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.EndsWith(",donnees_synthetiques", lines[0]);
            Assert.All(lines.Skip(1), l => Assert.EndsWith(",true", l));
            Assert.Empty(TableSchemaChecker.Check(csv, resource.GetProperty("schema")));
            Assert.Contains("synthétiques", resource.GetProperty("title").GetString());

            using var json = JsonDocument.Parse(await storage.ReadAsync(Folder + name + ".json"));
            Assert.All(json.RootElement.EnumerateArray(), row => Assert.True(row.GetProperty("donnees_synthetiques").GetBoolean()));
        }
    }

    [Fact]
    public async Task A_publication_of_real_data_carries_no_synthetic_mark()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);

        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        var names = await storage.ListAsync(Folder);
        Assert.Equal(2 * SnapshotPublisherTests.Tables.Length + 3, names.Count);
        foreach (var name in names)
        {
            var text = Text(await storage.ReadAsync(name));
            Assert.DoesNotContain("synth", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SYNTH", text, StringComparison.Ordinal);
        }
    }
}
