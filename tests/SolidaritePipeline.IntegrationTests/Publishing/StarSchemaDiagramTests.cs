using System.Text.Json;
using SolidaritePipeline.Cli.Local;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class StarSchemaDiagramTests
{
    private static string Committed => Path.Combine(Azurite.FindRepositoryRoot(), "docs", "images", "modele-etoile.svg");

    /// <summary>
    /// The README's picture of the model is drawn from a published datapackage.json. When the model
    /// changes, <c>scripts/model-diagram.sh</c> (this test with SOLIDARITE_WRITE_DIAGRAM=1) redraws it.
    /// </summary>
    [Fact]
    public async Task The_committed_picture_of_the_star_schema_is_the_one_drawn_from_the_data_package()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        using var package = JsonDocument.Parse(await storage.ReadAsync("latest/datapackage.json"));

        var svg = StarSchemaDiagram.Render(package.RootElement);

        Assert.Contains(">projets.csv</text>", svg);
        Assert.Contains(">→ statuts string</text>", svg);
        // One line per foreign key: 2 of totaux-regionaux, 3 of totaux-mandataires, 6 of projets, 1 of mandataires.
        Assert.Equal(12, svg.Split("<path ").Length - 1);
        if (Environment.GetEnvironmentVariable("SOLIDARITE_WRITE_DIAGRAM") == "1") await File.WriteAllTextAsync(Committed, svg);
        Assert.Equal(svg, await File.ReadAllTextAsync(Committed));
    }
}
