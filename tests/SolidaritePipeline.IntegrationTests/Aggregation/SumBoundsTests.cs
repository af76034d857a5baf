using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.IntegrationTests.Publishing;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.IntegrationTests.Aggregation;

/// <summary>
/// Sums that cannot overflow: amounts beyond the schema's ceilings never reach the totals, the largest
/// acceptable files add up to the cent, and stored sums beyond Int64 (rows written by hand, data accepted
/// before the ceilings) make <c>reconcile</c> and <c>publish</c> fail cleanly, never crash, never half-publish.
/// </summary>
public sealed class SumBoundsTests
{
    private const string Exercice = "2022-2023";
    private const decimal FiftyQuadrillion = 50_000_000_000_000_000m;

    private static CliContext Context(StringWriter output, StringWriter error) =>
        new(output, error, new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)), _ => null, CancellationToken.None);

    [Fact]
    public async Task Two_Monteregie_files_of_fifty_quadrillion_dollars_are_rejected_and_later_uploads_of_the_exercice_still_count()
    {
        await using var h = await IngestionHarness.StartAsync();
        var huge = TestSubmission.Of(Exercice, "16", new TestProject("H-1", 1_000m, FiftyQuadrillion, 10));
        var est = await h.UploadAsync("monteregie-est", "enorme.csv", huge.Csv());
        var ouest = await h.UploadAsync("monteregie-ouest", "enorme.csv", huge.Csv());

        var outcomes = new[] { await h.Processor.ProcessAsync(est, default), await h.Processor.ProcessAsync(ouest, default) };

        Assert.All(outcomes, o => Assert.Equal((IngestionResult.Rejected, 1), (o.Result, o.ErrorCount)));
        var longueuil = TestSubmission.Of(Exercice, "16", new TestProject("L-1", 4_999_999.99m, 99_999_999.99m, 1_000_000));
        var estrie = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 12_500.50m, 0m, 12));
        Assert.Equal(IngestionResult.Accepted, (await h.Processor.ProcessAsync(await h.UploadAsync("longueuil", "l.csv", longueuil.Csv()), default)).Result);
        Assert.Equal(IngestionResult.Accepted, (await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "e.csv", estrie.Csv()), default)).Result);
        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["16"], 1, longueuil);
        TotalsAssert.Region(regions["05"], 1, estrie);
    }

    [Fact]
    public async Task The_largest_acceptable_amounts_from_every_Monteregie_mandataire_are_accepted_and_add_up_to_the_cent()
    {
        await using var h = await IngestionHarness.StartAsync();
        // Every row at or one cent under the ceilings, so that a lost cent or a rounded sum shows.
        TestSubmission File(string prefix) => new(Exercice, "16", Enumerable.Range(1, 1_000)
            .Select(i => new TestProject($"{prefix}-{i:0000}", SchemaV1.MaxMontantFqis - (i % 2) * 0.01m,
                SchemaV1.MaxMontantAutresSources - (i % 3) * 0.01m, SchemaV1.MaxPersonnesRejointes, i % 97 == 0 ? "annule" : "en_cours"))
            .ToArray());
        var files = new[] { ("monteregie-est", File("ME")), ("monteregie-ouest", File("MO")), ("longueuil", File("LO")) };

        foreach (var (mandataire, file) in files)
        {
            var outcome = await h.Processor.ProcessAsync(await h.UploadAsync(mandataire, "max.csv", file.Csv()), default);
            Assert.Equal(IngestionResult.Accepted, outcome.Result);
        }

        var region = (await h.RegionsAsync(Exercice))["16"];
        TotalsAssert.Region(region, 3, files.Select(f => f.Item2).ToArray());
        // 3 × (990 live rows × 5 000 000 $ − 495 cents): computed by hand, not by the pipeline.
        Assert.Equal(3 * (990 * 500_000_000L - 495), region.Totals.FqisAmountCents);
    }

    [Fact]
    public async Task Publish_stops_with_a_clear_error_and_writes_nothing_when_a_region_sums_past_Int64()
    {
        await using var storage = await PublishingStorage.StartAsync();
        // Accepted before the ceilings existed: each row fits Int64 cents, their regional sum does not.
        await storage.AcceptAsync("monteregie-est", "16", "sub-est", Projects.Make("H-1", regionCode: "16", other: FiftyQuadrillion));
        await storage.AcceptAsync("monteregie-ouest", "16", "sub-ouest", Projects.Make("H-2", regionCode: "16", other: FiftyQuadrillion));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["publish", "--date", "2026-11-26", "--storage", storage.ConnectionString], Context(output, error));

        Assert.Equal(1, exit);
        Assert.Contains("inconsistent stored data", error.ToString());
        Assert.Contains("region 16 of exercice 2022-2023", error.ToString());
        Assert.Contains("OtherAmountCents = 10000000000000000000 exceeds Int64", error.ToString());
        Assert.Empty(await storage.ListAsync("snapshots/"));
        Assert.Empty(await storage.ListAsync(SolidaritePipeline.Publishing.SnapshotPublisher.LatestName));
    }

    [Fact]
    public async Task Publish_totals_regions_whose_sum_passes_Int64_exactly_on_the_page_and_leaves_no_half_snapshot()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await storage.AcceptAsync("estrie", "05", "sub-estrie", Projects.Make("H-1", other: FiftyQuadrillion));
        await storage.AcceptAsync("longueuil", "16", "sub-longueuil", Projects.Make("H-2", regionCode: "16", other: FiftyQuadrillion));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["publish", "--date", "2026-11-26", "--storage", storage.ConnectionString], Context(output, error));

        Assert.Equal((0, ""), (exit, error.ToString()));
        var page = Encoding.UTF8.GetString(await storage.ReadAsync("snapshots/2026-11-26/index.html"));
        Assert.Contains("<td class=\"n\">100\u202F000\u202F000\u202F000\u202F000\u202F000,00\u00A0$</td>", page); // 2 × 5·10^16 $, past Int64 in cents
        var totals = Encoding.UTF8.GetString(await storage.ReadAsync("snapshots/2026-11-26/totaux-regionaux.csv"));
        Assert.Contains("2022-2023,16,Montérégie,1,1,0,1000.00,50000000000000000.00,10", totals);
        using var latest = System.Text.Json.JsonDocument.Parse(await storage.ReadAsync(SolidaritePipeline.Publishing.SnapshotPublisher.LatestName));
        Assert.Equal(
            latest.RootElement.GetProperty("files").EnumerateArray().Select(f => "snapshots/2026-11-26/" + f.GetProperty("name").GetString()).Order(StringComparer.Ordinal),
            (await storage.ListAsync("snapshots/2026-11-26/")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_refuses_a_corrupt_huge_total_and_leaves_the_previous_snapshot_current_and_no_new_folder()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        Assert.Equal(0, await CliApp.RunAsync(["publish", "--date", "2026-11-25", "--storage", storage.ConnectionString], Context(new(), new())));
        var latestBefore = await storage.ReadAsync(SolidaritePipeline.Publishing.SnapshotPublisher.LatestName);
        await storage.Tables.GetTableClient(StorageNames.MandataireTotalsTable).UpdateEntityAsync(
            new TableEntity("2022-2023", "montreal") { ["FqisAmountCents"] = long.MaxValue }, Azure.ETag.All, TableUpdateMode.Merge);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["publish", "--date", "2026-11-26", "--storage", storage.ConnectionString], Context(output, error));

        Assert.Equal(1, exit);
        Assert.Contains("inconsistent stored data", error.ToString());
        Assert.Contains("montreal", error.ToString());
        Assert.Empty(await storage.ListAsync("snapshots/2026-11-26/"));
        Assert.Equal(latestBefore, await storage.ReadAsync(SolidaritePipeline.Publishing.SnapshotPublisher.LatestName));
    }

    [Fact]
    public async Task Reconcile_reports_a_region_it_cannot_sum_without_crashing_leaves_its_row_and_still_repairs_the_others()
    {
        await using var h = await IngestionHarness.StartAsync();
        var estrie = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_234.56m, 0m, 12));
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "estrie.csv", estrie.Csv()), default);
        await SeedLegacyAsync(h, "monteregie-est", "sub-est");
        await SeedLegacyAsync(h, "monteregie-ouest", "sub-ouest");
        var regional = h.Services.Storage.Table(StorageNames.RegionalTotalsTable);
        await regional.UpdateEntityAsync(new TableEntity(Exercice, "05") { ["FqisAmountCents"] = 1L }, Azure.ETag.All, TableUpdateMode.Merge);
        var monteregieBefore = (await h.RegionsAsync(Exercice))["16"];
        await regional.UpsertEntityAsync(new TableEntity("2023-2024", "05") { ["FqisAmountCents"] = 5L, ["RegionName"] = "Estrie" });
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["reconcile", "--storage", h.Azurite.ConnectionString], Context(output, error));

        Assert.Equal(1, exit);
        Assert.Contains("not repaired", error.ToString());
        Assert.Contains("RegionalTotals 2022-2023/16", error.ToString());
        Assert.Contains("OtherAmountCents = 10000000000000000000 exceeds Int64", error.ToString());
        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["05"], 1, estrie); // the other regions of the exercice were repaired
        Assert.Equal(monteregieBefore, regions["16"]); // the region that cannot be stored keeps its row as it was, never a wrapped number
        Assert.Equal(0L, (await h.RegionsAsync("2023-2024"))["05"].Totals.FqisAmountCents); // and so was the other exercice
    }

    [Fact]
    public async Task With_a_stored_region_past_Int64_uploads_of_other_regions_still_count_and_its_own_fail_with_the_cause_recorded()
    {
        await using var h = await IngestionHarness.StartAsync();
        await SeedLegacyAsync(h, "monteregie-est", "sub-est");
        await SeedLegacyAsync(h, "monteregie-ouest", "sub-ouest");
        var estrie = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_234.56m, 0m, 12));
        var longueuil = TestSubmission.Of(Exercice, "16", new TestProject("L-1", 10m, 0m, 1));

        var accepted = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "estrie.csv", estrie.Csv()), default);
        var blob = await h.UploadAsync("longueuil", "longueuil.csv", longueuil.Csv());
        var failure = await Assert.ThrowsAsync<TotalsOverflowException>(() => h.Processor.ProcessAsync(blob, default));

        Assert.Equal(IngestionResult.Accepted, accepted.Result);
        TotalsAssert.Region((await h.RegionsAsync(Exercice))["05"], 1, estrie);
        Assert.Equal(("OtherAmountCents", (Int128)10_000_000_000_000_000_000m), (failure.Measure, failure.Value));
        Assert.True(await h.UploadExistsAsync(blob)); // kept for a retry once the stored data is fixed
        var ledger = h.Services.Storage.Table(StorageNames.SubmissionsTable);
        var row = await ledger.QueryAsync<TableEntity>(e => e.PartitionKey == "longueuil").SingleAsync();
        Assert.StartsWith("TotalsOverflowException: The sum of RegionalTotals 2022-2023/16 (longueuil, monteregie-est, monteregie-ouest)", row.GetString("FailureReason"));
    }

    // Rows as ingestion left them before the ceilings: an accepted submission of 50 000 000 000 000 000 $ from other sources.
    private static async Task SeedLegacyAsync(IngestionHarness h, string mandataire, string submissionId)
    {
        var project = Projects.Make("H-1", regionCode: "16", other: FiftyQuadrillion);
        var blobName = $"{mandataire}/{Exercice}/{submissionId}.jsonl";
        using (var buffer = new MemoryStream())
        {
            using (var writer = new NormalizedProjectWriter(buffer)) writer.Write(project);
            buffer.Position = 0;
            await h.Services.Storage.Container(StorageNames.NormalizedContainer).GetBlobClient(blobName).UploadAsync(buffer, overwrite: true);
        }

        var totals = new SubmissionTotals(1, 0, 100_000, 5_000_000_000_000_000_000, 10);
        var uploadedAt = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
        await h.Services.Ledger.WriteAsync(new SubmissionRecord(mandataire, submissionId, LedgerStatus.Accepted, Exercice, 1, 0, 0, null,
            $"uploads/{mandataire}/x.csv", null, blobName, null, uploadedAt, uploadedAt, totals), default);
        await h.Services.Storage.Table(StorageNames.MandataireTotalsTable).UpsertEntityAsync(new TableEntity(Exercice, mandataire)
        {
            ["RegionCode"] = "16", ["RegionName"] = "Montérégie", ["ProjectCount"] = 1, ["CancelledProjectCount"] = 0,
            ["FqisAmountCents"] = 100_000L, ["OtherAmountCents"] = totals.OtherAmountCents, ["PeopleReached"] = 10L,
            ["SubmissionId"] = submissionId, ["SubmissionUploadedAt"] = uploadedAt, ["NormalizedBlob"] = blobName,
        });
    }
}
