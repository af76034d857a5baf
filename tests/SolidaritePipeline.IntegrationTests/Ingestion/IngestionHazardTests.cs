using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>One test per hazard of at-least-once delivery (design.md section 5), each against exact totals computed in the test.</summary>
public sealed class IngestionHazardTests
{
    private const string Exercice = "2022-2023";

    private static readonly TestSubmission Estrie = TestSubmission.Of(Exercice, "05",
        new TestProject("E-1", 12_500.50m, 1_000m, 120), new TestProject("E-2", 3_333.33m, 0.01m, 45), new TestProject("E-3", 999.99m, 250.25m, 7));

    [Fact]
    public async Task The_same_upload_processed_twice_counts_once()
    {
        await using var h = await IngestionHarness.StartAsync();
        var blob = await h.UploadAsync("estrie", "rapport.csv", Estrie.Csv());

        // Two deliveries racing, then a third after a delivery that died before deleting the upload.
        var outcomes = await Task.WhenAll(h.Processor.ProcessAsync(blob, default), h.Processor.ProcessAsync(blob, default));
        var second = await h.UploadAsync("estrie", "rapport2.csv", Estrie.Csv());
        var dying = h.ProcessorWith((step, _) => step == "regions-recomputed" ? throw new InvalidOperationException("killed") : Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => dying.ProcessAsync(second, default));
        Assert.True(await h.UploadExistsAsync(second));
        await h.Processor.ProcessAsync(second, default);
        await h.Processor.ProcessAsync(second, default);

        Assert.Contains(outcomes, o => o.Result == IngestionResult.Accepted);
        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["05"], 1, Estrie);
        Assert.Equal(1_683_382L, regions["05"].Totals.FqisAmountCents); // 12 500,50 + 3 333,33 + 999,99 $
        Assert.False(await h.UploadExistsAsync(blob));
        Assert.False(await h.UploadExistsAsync(second));
    }

    [Fact]
    public async Task Mandataires_of_one_region_processed_at_once_all_count()
    {
        await using var h = await IngestionHarness.StartAsync();
        var est = TestSubmission.Of(Exercice, "16", new TestProject("ME-1", 10_000m, 500m, 100), new TestProject("ME-2", 2_000.02m, 0m, 20));
        var ouest = TestSubmission.Of(Exercice, "16", new TestProject("MO-1", 7_777.77m, 1.11m, 77));
        var longueuil = TestSubmission.Of(Exercice, "16", new TestProject("L-1", 40_000m, 2_500.50m, 400), new TestProject("L-2", 0.01m, 0m, 1, "annule"));
        var blobs = new[]
        {
            await h.UploadAsync("monteregie-est", "est.csv", est.Csv()),
            await h.UploadAsync("monteregie-ouest", "ouest.csv", ouest.Csv()),
            await h.UploadAsync("longueuil", "longueuil.csv", longueuil.Csv()),
            await h.UploadAsync("estrie", "estrie.csv", Estrie.Csv()),
        };

        // Each blob twice, all at once: eight racers on one regional partition.
        await Task.WhenAll(blobs.Concat(blobs).Select(b => Task.Run(() => h.Processor.ProcessAsync(b, default))));

        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["16"], 3, est, ouest, longueuil);
        Assert.Equal(5_977_779L, regions["16"].Totals.FqisAmountCents); // 10 000 + 2 000,02 + 7 777,77 + 40 000 $ (the cancelled 0,01 $ left out)
        Assert.Equal(1, regions["16"].Totals.CancelledProjectCount);
        TotalsAssert.Region(regions["05"], 1, Estrie);
    }

    [Fact]
    public async Task An_older_upload_processed_after_a_newer_one_does_not_replace_it()
    {
        await using var h = await IngestionHarness.StartAsync();
        var older = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_000m, 0m, 10));
        var newer = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 2_000m, 0m, 20), new TestProject("E-2", 300m, 0m, 3));
        var olderBlob = await h.UploadAsync("estrie", "v1.csv", older.Csv());
        await Task.Delay(1100); // the blob clock counts whole seconds
        var newerBlob = await h.UploadAsync("estrie", "v2.csv", newer.Csv());
        Assert.True(await h.LastModifiedAsync(newerBlob) > await h.LastModifiedAsync(olderBlob));

        var newerOutcome = await h.Processor.ProcessAsync(newerBlob, default);
        var olderOutcome = await h.Processor.ProcessAsync(olderBlob, default);

        Assert.Equal(IngestionResult.Accepted, olderOutcome.Result);
        Assert.False(olderOutcome.TotalsChanged);
        Assert.Equal(newerOutcome.SubmissionId, (await h.MandataireAsync(Exercice, "estrie"))!.SubmissionId);
        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, newer);
    }

    [Fact]
    public async Task A_newer_upload_replaces_the_older_totals_of_its_mandataire_and_exercice_only()
    {
        await using var h = await IngestionHarness.StartAsync();
        var first = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_000m, 0m, 10));
        var replacement = TestSubmission.Of(Exercice, "05", new TestProject("E-9", 4_321.09m, 12.34m, 5));
        var otherYear = TestSubmission.Of("2023-2024", "05", new TestProject("E-1", 50m, 0m, 1));
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "a.csv", first.Csv()), default);
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "autre-annee.csv", otherYear.Csv()), default);
        await Task.Delay(1100);
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "b.csv", replacement.Csv()), default);

        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, replacement);
        TotalsAssert.Region((await h.RegionsAsync("2023-2024"))["05"], 1, otherYear);
    }

    [Fact]
    public async Task Uploads_in_the_same_second_are_ordered_by_submission_id_whatever_the_processing_order()
    {
        await using var h = await IngestionHarness.StartAsync();
        var a = TestSubmission.Of(Exercice, "05", new TestProject("A", 100m, 0m, 1));
        var b = TestSubmission.Of(Exercice, "05", new TestProject("B", 200m, 0m, 2));
        string blobA, blobB;
        do
        {
            blobA = await h.UploadAsync("estrie", "a.csv", a.Csv());
            blobB = await h.UploadAsync("estrie", "b.csv", b.Csv());
        }
        while (await h.LastModifiedAsync(blobA) != await h.LastModifiedAsync(blobB));
        var idA = UploadIdentity.From(blobA, await h.LastModifiedAsync(blobA), (await h.Services.Storage.Container("uploads").GetBlobClient(blobA).GetPropertiesAsync()).Value.ETag).SubmissionId;
        var idB = UploadIdentity.From(blobB, await h.LastModifiedAsync(blobB), (await h.Services.Storage.Container("uploads").GetBlobClient(blobB).GetPropertiesAsync()).Value.ETag).SubmissionId;
        var winner = string.CompareOrdinal(idA, idB) > 0 ? a : b;
        var (first, second) = winner == a ? (blobA, blobB) : (blobB, blobA); // the winner first, so order alone would pick the loser

        await h.Processor.ProcessAsync(first, default);
        await h.Processor.ProcessAsync(second, default);

        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, winner);
    }

    [Fact]
    public async Task A_crash_between_the_mandataire_write_and_the_regional_write_is_repaired_by_the_redelivery()
    {
        await using var h = await IngestionHarness.StartAsync();
        var blob = await h.UploadAsync("estrie", "rapport.csv", Estrie.Csv());
        var crashing = h.ProcessorWith((step, _) => step == "mandataire-recorded" ? throw new IOException("process killed") : Task.CompletedTask);

        await Assert.ThrowsAnyAsync<Exception>(() => crashing.ProcessAsync(blob, default));
        var mandataire = await h.MandataireAsync(Exercice, "estrie");
        Assert.Equal(Estrie.FqisCents, mandataire!.Totals.FqisAmountCents);
        Assert.Empty(await h.RegionsAsync(Exercice)); // the regional write never happened
        Assert.True(await h.UploadExistsAsync(blob));

        var redelivery = await h.Processor.ProcessAsync(blob, default);

        Assert.False(redelivery.TotalsChanged); // the mandataire row was already right…
        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, Estrie); // …and the region is repaired anyway
        var record = await h.Services.Ledger.FindAsync("estrie", redelivery.SubmissionId!, default);
        Assert.Equal(LedgerStatus.Accepted, record!.Status);
        Assert.Null(record.FailureReason);
    }

    [Fact]
    public async Task A_rejected_upload_after_an_accepted_one_leaves_the_totals_unchanged()
    {
        await using var h = await IngestionHarness.StartAsync();
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "bon.csv", Estrie.Csv()), default);
        await Task.Delay(1100);
        var bad = Estrie.Csv().Replace("12500.50", "douze mille", StringComparison.Ordinal);

        var outcome = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "mauvais.csv", bad), default);

        Assert.Equal(IngestionResult.Rejected, outcome.Result);
        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, Estrie);
        Assert.Contains($"estrie/{outcome.SubmissionId}/mauvais.csv", await h.BlobNamesAsync(StorageNames.RejectedContainer));
        Assert.Contains($"estrie/{outcome.SubmissionId}.json", await h.BlobNamesAsync(StorageNames.ReportsContainer));
        var html = (await h.Services.Storage.Container(StorageNames.ReportsContainer).GetBlobClient($"estrie/{outcome.SubmissionId}.html").DownloadContentAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", html.Details.ContentType);
        Assert.Contains("mauvais.csv", html.Content.ToString());
        var record = await h.Services.Ledger.FindAsync("estrie", outcome.SubmissionId!, default);
        Assert.Equal(LedgerStatus.Rejected, record!.Status);
        Assert.True(record.ErrorCount >= 1);
    }

    [Fact]
    public async Task Cancelled_projects_are_counted_apart_and_add_no_money_nor_people()
    {
        await using var h = await IngestionHarness.StartAsync();
        var withCancelled = TestSubmission.Of(Exercice, "06",
            new TestProject("M-1", 20_000m, 5_000m, 300), new TestProject("M-2", 15_000m, 1_000m, 150, "annule"), new TestProject("M-3", 0.99m, 0m, 1, "termine"));

        await h.Processor.ProcessAsync(await h.UploadAsync("montreal", "rapport.csv", withCancelled.Csv()), default);

        var montreal = (await h.RegionsAsync(Exercice))["06"];
        TotalsAssert.Region(montreal, 1, withCancelled);
        Assert.Equal((2, 1, 2_000_099L, 500_000L, 301L),
            (montreal.Totals.ProjectCount, montreal.Totals.CancelledProjectCount, montreal.Totals.FqisAmountCents, montreal.Totals.OtherAmountCents, montreal.Totals.PeopleReached));
    }

    [Fact]
    public async Task Every_exercice_with_data_has_seventeen_regional_rows_zeros_included()
    {
        await using var h = await IngestionHarness.StartAsync();

        var outcome = await h.Processor.ProcessAsync(await h.UploadAsync("nunavik", "rapport.csv",
            TestSubmission.Of(Exercice, "10", new TestProject("N-1", 1m, 0m, 1)).Csv()), default);

        var regions = await h.RegionsAsync(Exercice);
        Assert.Equal(IngestionResult.Accepted, outcome.Result);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)), regions.Keys.Order());
        Assert.All(regions.Values.Where(r => r.RegionCode != "10"), r => Assert.Equal((0, 0, 0L, 0L), (r.MandataireCount, r.Totals.ProjectCount, r.Totals.FqisAmountCents, r.Totals.PeopleReached)));
        Assert.Equal(("Nord-du-Québec", 1, 100L), (regions["10"].RegionName, regions["10"].MandataireCount, regions["10"].Totals.FqisAmountCents));
        Assert.Equal("Montérégie", regions["16"].RegionName);
    }

    [Fact]
    public async Task A_storage_failure_ends_in_a_failed_row_with_its_cause_and_the_upload_kept_for_a_retry()
    {
        await using var h = await IngestionHarness.StartAsync();
        var blob = await h.UploadAsync("estrie", "rapport.csv", Estrie.Csv());
        var broken = h.WithUnreachable(request => request.Uri.Path.Contains("/normalized/", StringComparison.Ordinal));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => broken.Processor.ProcessAsync(blob, default));

        Assert.True(await h.UploadExistsAsync(blob));
        Assert.Empty(await h.RegionsAsync(Exercice));
        var failed = await h.Services.Ledger.ReadAllAsync(LedgerStatus.Failed, default).ToListAsync();
        var row = Assert.Single(failed);
        Assert.Equal(("estrie", "uploads/estrie/rapport.csv"), (row.Mandataire, row.SourceBlob));
        Assert.False(string.IsNullOrWhiteSpace(row.FailureReason));
        Assert.StartsWith(error.GetType().Name, row.FailureReason, StringComparison.Ordinal);

        var retried = await h.Processor.ProcessAsync(blob, default); // storage is back

        Assert.Equal(row.SubmissionId, retried.SubmissionId);
        Assert.Equal(LedgerStatus.Accepted, (await h.Services.Ledger.FindAsync("estrie", row.SubmissionId, default))!.Status);
        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, Estrie);
    }
}
