using Azure.Data.Tables;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

public sealed class ReconcileTests
{
    private const string Exercice = "2022-2023";

    [Fact]
    public async Task Reconcile_repairs_corrupted_regional_and_mandataire_rows_from_the_stored_submissions()
    {
        await using var h = await IngestionHarness.StartAsync();
        var laval = TestSubmission.Of(Exercice, "13", new TestProject("L-1", 8_000.08m, 800m, 80), new TestProject("L-2", 1_000m, 0m, 10, "annule"));
        var estrie = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_234.56m, 0m, 12));
        await h.Processor.ProcessAsync(await h.UploadAsync("laval", "laval.csv", laval.Csv()), default);
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "estrie.csv", estrie.Csv()), default);

        var regional = h.Services.Storage.Table(StorageNames.RegionalTotalsTable);
        await regional.UpdateEntityAsync(new TableEntity(Exercice, "13") { ["FqisAmountCents"] = 1L, ["MandataireCount"] = 7 }, Azure.ETag.All, TableUpdateMode.Merge);
        await regional.DeleteEntityAsync(Exercice, "02");
        var mandataires = h.Services.Storage.Table(StorageNames.MandataireTotalsTable);
        await mandataires.UpdateEntityAsync(new TableEntity(Exercice, "estrie") { ["PeopleReached"] = 999_999L }, Azure.ETag.All, TableUpdateMode.Merge);

        var (changes, problems) = await h.Services.Reconciler.ReconcileAsync(default);

        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["13"], 1, laval);
        TotalsAssert.Region(regions["05"], 1, estrie);
        Assert.Equal(17, regions.Count);
        Assert.Equal(12L, (await h.MandataireAsync(Exercice, "estrie"))!.Totals.PeopleReached);
        Assert.Contains(changes, c => c.Table == StorageNames.RegionalTotalsTable && c.RowKey == "13" && c.Before!.FqisAmountCents == 1L);
        Assert.Contains(changes, c => c.Table == StorageNames.RegionalTotalsTable && c.RowKey == "02" && c.Before is null);
        Assert.Contains(changes, c => c.Table == StorageNames.MandataireTotalsTable && c.RowKey == "estrie");
        Assert.Empty(problems);

        Assert.Empty((await h.Services.Reconciler.ReconcileAsync(default)).Changes); // and then there is nothing left to repair
    }
}
