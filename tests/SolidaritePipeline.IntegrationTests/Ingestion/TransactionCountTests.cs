using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.IntegrationTests.Reliability;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>
/// What one submission costs in storage transactions depends on the steps, not on the rows: the
/// projects are summed in memory and streamed to one normalised blob, the totals tables take a fixed
/// number of reads and writes. (Timings live in the end-to-end benchmark, not here.)
/// </summary>
public sealed class TransactionCountTests
{
    [Fact]
    public async Task One_submission_costs_the_same_storage_transactions_of_each_kind_with_50_rows_as_with_5000()
    {
        var small = await CountFirstSubmissionAsync(50);
        var large = await CountFirstSubmissionAsync(5_000);

        Assert.Equal(small, large);
        // Each blob written once, the upload read once: the bytes do not multiply the calls.
        Assert.Equal(1, large["blob PUT normalized"]);
        Assert.Equal(1, large["blob PUT archive"]);
        Assert.Equal(1, large["blob GET uploads"]);
        // The regional rows of the exercice in one batch.
        Assert.Equal(1, large["table POST $batch"]);
        Assert.InRange(large.Where(c => c.Key.StartsWith("table ", StringComparison.Ordinal)).Sum(c => c.Value), 5, 10);
    }

    // The first submission of estrie on fresh storage, so both sizes take the same path (an insert, not a replacement).
    private static async Task<IReadOnlyDictionary<string, long>> CountFirstSubmissionAsync(int rows)
    {
        await using var azurite = await Azurite.StartAsync();
        var counter = new StorageCallCounter(azurite.BlobPort);
        var services = IngestionHarness.Wire(StorageClients.FromConnectionString(azurite.ConnectionString, IngestionHarness.FastSdkRetry, counter));
        await services.Storage.EnsureCreatedAsync();
        var projects = Enumerable.Range(1, rows)
            .Select(i => new TestProject($"E-{i}", 1_000m + i, i % 3 == 0 ? 0m : 250.25m, i % 40, i % 7 == 0 ? "annule" : "en_cours"))
            .ToArray();
        var submission = TestSubmission.Of("2022-2023", "05", projects);
        await services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient("estrie/rapport.csv")
            .UploadAsync(BinaryData.FromString(submission.Csv()), overwrite: true);
        counter.Reset();

        var outcome = await services.Processor.ProcessAsync("estrie/rapport.csv", default);

        var calls = counter.ByKind;
        Assert.Equal(IngestionResult.Accepted, outcome.Result);
        var region = (await services.Totals.ReadRegionsAsync("2022-2023", default)).Single(r => r.RegionCode == "05");
        TotalsAssert.Region(region, 1, submission);
        return calls;
    }
}
