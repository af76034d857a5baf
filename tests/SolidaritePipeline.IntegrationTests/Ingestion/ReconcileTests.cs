using Azure.Data.Tables;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.IntegrationTests.Reliability;
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

    [Fact]
    public async Task Reconcile_reads_the_mandataire_rows_as_often_for_three_mandataires_as_for_one()
    {
        var one = await CountReconcileReadsAsync(("estrie", "05"));
        var three = await CountReconcileReadsAsync(("estrie", "05"), ("laval", "13"), ("capitale-nationale", "03"));

        // One query for every row before the writes, one for the rows left without a submission, one per exercice recomputed.
        Assert.Equal(3, one);
        Assert.Equal(one, three);
    }

    [Fact]
    public async Task A_mandataire_row_written_from_a_stale_read_is_read_again_and_written_right()
    {
        await using var h = await IngestionHarness.StartAsync();
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "estrie.csv",
            TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_234.56m, 0m, 12)).Csv()), default);
        var totals = h.Services.Totals;
        var stale = (await totals.Mandataires.ReadAsync(null, default)).ToDictionary(r => (r.Row.Exercice, r.Row.Mandataire));
        var stored = stale[(Exercice, "estrie")].Row;
        // Another writer moves the row after the read: the read's ETag no longer matches.
        await h.Services.Storage.Table(StorageNames.MandataireTotalsTable)
            .UpdateEntityAsync(new TableEntity(Exercice, "estrie") { ["PeopleReached"] = 5L }, Azure.ETag.All, TableUpdateMode.Merge);
        var repaired = stored with { Totals = stored.Totals with { PeopleReached = 14 } };

        var fromStaleRow = await totals.RecordAsync(repaired, stale, default);
        var fromMissingRow = await totals.RecordAsync(repaired with { Totals = stored.Totals with { PeopleReached = 13 } },
            new Dictionary<(string, string), StoredMandataireTotal>(), default);

        Assert.True(fromStaleRow.Written);
        Assert.Equal(5L, fromStaleRow.Before!.Totals.PeopleReached); // what the fresh read found, not the stale one
        Assert.True(fromMissingRow.Written);
        Assert.Equal(13L, (await h.MandataireAsync(Exercice, "estrie"))!.Totals.PeopleReached);
    }

    // Reads of MandataireTotals by a reconcile that has one row to repair per mandataire.
    private static async Task<long> CountReconcileReadsAsync(params (string Mandataire, string Region)[] mandataires)
    {
        await using var azurite = await Azurite.StartAsync();
        var counter = new StorageCallCounter(azurite.BlobPort);
        var services = IngestionHarness.Wire(StorageClients.FromConnectionString(azurite.ConnectionString, IngestionHarness.FastSdkRetry, counter));
        await services.Storage.EnsureCreatedAsync();
        var rows = services.Storage.Table(StorageNames.MandataireTotalsTable);
        foreach (var (mandataire, region) in mandataires)
        {
            var submission = TestSubmission.Of(Exercice, region, new TestProject($"{region}-1", 1_000m, 0m, 10));
            await services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{mandataire}/rapport.csv")
                .UploadAsync(BinaryData.FromString(submission.Csv()), overwrite: true);
            await services.Processor.ProcessAsync($"{mandataire}/rapport.csv", default);
            await rows.UpdateEntityAsync(new TableEntity(Exercice, mandataire) { ["PeopleReached"] = 999_999L }, Azure.ETag.All, TableUpdateMode.Merge);
        }

        counter.Reset();
        var (changes, problems) = await services.Reconciler.ReconcileAsync(default);
        var reads = counter.ByKind.GetValueOrDefault($"table GET {StorageNames.MandataireTotalsTable}");

        Assert.Empty(problems);
        Assert.Equal(mandataires.Length, changes.Count(c => c.Table == StorageNames.MandataireTotalsTable));
        foreach (var (mandataire, _) in mandataires)
            Assert.Equal(10L, (await services.Totals.Mandataires.ReadAsync(Exercice, default)).Single(r => r.Row.Mandataire == mandataire).Row.Totals.PeopleReached);
        return reads;
    }
}
