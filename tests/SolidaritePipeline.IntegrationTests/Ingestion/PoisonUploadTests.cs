using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>An upload whose processing keeps failing is given up on after N attempts, without blocking the others.</summary>
public sealed class PoisonUploadTests
{
    private const string Exercice = "2022-2023";

    [Fact]
    public async Task An_upload_failing_the_same_way_five_times_is_recorded_failed_and_put_aside_while_the_others_go_through()
    {
        await using var h = await IngestionHarness.StartAsync();
        var estrie = TestSubmission.Of(Exercice, "05", new TestProject("E-1", 1_234.56m, 0m, 12));
        var laval = TestSubmission.Of(Exercice, "13", new TestProject("L-1", 777.77m, 1m, 7));
        var poisoned = await h.UploadAsync("estrie", "rapport.csv", estrie.Csv());
        // Storage refuses every write of Estrie's reports: the same failure on every attempt.
        var faulty = h.WithUnreachable(request => request.Uri.Path.Contains("/reports/estrie/", StringComparison.Ordinal));

        var runs = new List<(IReadOnlyList<IngestionOutcome> Outcomes, IReadOnlyList<IngestionFailure> Failures)>();
        for (var run = 1; run <= 6; run++)
        {
            if (run == 2) await h.UploadAsync("laval", "rapport.csv", laval.Csv()); // arrives while Estrie's keeps failing
            runs.Add(await faulty.Pending.ProcessAllAsync(null, null, default));
        }

        Assert.All(runs.Take(4), r => Assert.Equal([poisoned], r.Failures.Select(f => f.BlobName)));
        var givenUp = Assert.Single(runs[4].Outcomes);
        Assert.Equal((poisoned, IngestionResult.Failed), (givenUp.BlobName, givenUp.Result));
        Assert.Empty(runs[4].Failures);
        Assert.Empty(runs[5].Outcomes);
        Assert.Empty(runs[5].Failures);
        Assert.Equal(IngestionResult.Accepted, runs[1].Outcomes.Single(o => o.Mandataire == "laval").Result);

        var record = await h.Services.Ledger.FindAsync("estrie", givenUp.SubmissionId!, default);
        Assert.Equal((LedgerStatus.Failed, 5), (record!.Status, record.FailedAttempts));
        Assert.StartsWith("AggregateException: Retry failed", record.FailureReason, StringComparison.Ordinal); // the SDK gave up on the unreachable writes
        Assert.Equal($"rejected/estrie/{givenUp.SubmissionId}/rapport.csv", record.StoredBlob);
        Assert.Equal(estrie.Csv(), (await h.Services.Storage.Container(StorageNames.RejectedContainer)
            .GetBlobClient($"estrie/{givenUp.SubmissionId}/rapport.csv").DownloadContentAsync()).Value.Content.ToString());
        Assert.Empty(await h.BlobNamesAsync(StorageNames.UploadsContainer));
        var regions = await h.RegionsAsync(Exercice);
        TotalsAssert.Region(regions["13"], 1, laval);
        Assert.Equal(0, regions["05"].Totals.FqisAmountCents);
    }

    [Fact]
    public async Task A_given_up_upload_that_cannot_even_be_moved_is_skipped_by_later_runs_without_being_processed_again()
    {
        await using var h = await IngestionHarness.StartAsync();
        var poisoned = await h.UploadAsync("estrie", "rapport.csv", TestSubmission.Of(Exercice, "05", new TestProject("E-1", 10m, 0m, 1)).Csv());
        // Neither the report nor the copy to rejected can be written: the upload cannot leave uploads.
        var faulty = h.WithUnreachable(request =>
            request.Uri.Path.Contains("/reports/estrie/", StringComparison.Ordinal) || request.Uri.Path.Contains("/rejected/", StringComparison.Ordinal));
        var counting = new SubmissionProcessor(faulty.Storage, faulty.Validator, faulty.Totals, faulty.Ledger, faulty.Pipelines, TimeProvider.System)
        {
            MaxAttempts = 2,
        };

        await Assert.ThrowsAnyAsync<Exception>(() => counting.ProcessAsync(poisoned, default));
        var second = await counting.ProcessAsync(poisoned, default);
        var third = await counting.ProcessAsync(poisoned, default);

        Assert.Equal((IngestionResult.Failed, IngestionResult.Failed), (second.Result, third.Result));
        Assert.True(await h.UploadExistsAsync(poisoned));
        var record = await h.Services.Ledger.FindAsync("estrie", third.SubmissionId!, default);
        Assert.Equal((LedgerStatus.Failed, 2), (record!.Status, record.FailedAttempts)); // the third delivery did not process it again
    }

    [Fact]
    public void Failures_are_the_same_way_when_their_innermost_type_and_storage_status_agree()
    {
        var refused = new Azure.RequestFailedException(503, "busy", "ServerBusy", null);
        var wrapped = new AggregateException(new Azure.RequestFailedException(503, "busy again", "ServerBusy", null));

        Assert.Equal(SubmissionProcessor.CauseOf(refused), SubmissionProcessor.CauseOf(wrapped));
        Assert.NotEqual(SubmissionProcessor.CauseOf(refused), SubmissionProcessor.CauseOf(new Azure.RequestFailedException(500, "x", "InternalError", null)));
        Assert.NotEqual(SubmissionProcessor.CauseOf(refused), SubmissionProcessor.CauseOf(new IOException("disk")));
    }
}
