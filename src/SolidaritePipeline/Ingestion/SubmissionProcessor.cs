using System.Runtime.ExceptionServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Ingestion;

/// <summary>What became of one upload.</summary>
public sealed record IngestionOutcome(
    string BlobName,
    string? SubmissionId,
    string Mandataire,
    IngestionResult Result,
    string? Exercice = null,
    bool TotalsChanged = false,
    int ErrorCount = 0,
    string? FailureReason = null);

public enum IngestionResult
{
    Accepted,
    Rejected,
    /// <summary>The upload is no longer there: another delivery of the same event finished it.</summary>
    AlreadyProcessed,
    /// <summary>The blob was overwritten while this delivery read it: the new content has its own event.</summary>
    Superseded,
    /// <summary>The name cannot be addressed inside <c>uploads</c> (<c>.</c>, <c>..</c>, or a client already resolved elsewhere): nothing was read or written.</summary>
    Refused,
    /// <summary>Processing failed the same way <see cref="SubmissionProcessor.MaxAttempts"/> times: recorded <c>failed</c> and put aside in <c>rejected</c>.</summary>
    Failed,
}

/// <summary>
/// The one entry point of ingestion, called by the blob trigger and by <c>solidarite run</c>. Every
/// step is idempotent and the steps run in an order that any prefix of them (a crash, a timeout)
/// leaves totals exact, and a redelivery finishes the job (docs/ingestion.md).
/// </summary>
public sealed partial class SubmissionProcessor(
    StorageClients storage,
    SubmissionValidator validator,
    TotalsTables totals,
    SubmissionsTable ledger,
    StoragePipelines pipelines,
    TimeProvider time)
{
    /// <summary>Where uploads are staged while they are read; the system temp folder when null.</summary>
    public string? StagingDirectory { get; init; }

    /// <summary>A seam for tests: called after each named step, it may throw to simulate a crash there.</summary>
    internal Func<string, CancellationToken, Task>? AfterStep { get; init; }

    /// <summary>Processes the upload the trigger was given. Only its name is used: reads and writes go through <see cref="StorageClients"/>.</summary>
    public Task<IngestionOutcome> ProcessAsync(BlobClient upload, CancellationToken cancellationToken) =>
        upload.BlobContainerName == StorageNames.UploadsContainer
            ? ProcessAsync(upload.Name, cancellationToken)
            : Task.FromResult(new IngestionOutcome(upload.Name, null, UploadName.InvalidFolder, IngestionResult.Refused));

    /// <summary>Processes <c>uploads/{blobName}</c>. Throws, after recording the failure, when it cannot finish.</summary>
    public async Task<IngestionOutcome> ProcessAsync(string blobName, CancellationToken cancellationToken)
    {
        // A valid name is addressed as the SDK does; any other exactly, so that no '..' in it can lead outside uploads.
        var name = UploadName.Check(blobName);
        var blob = new ExactBlob(storage.Container(StorageNames.UploadsContainer), blobName, escapeSeparators: !name.IsValid);
        if (!blob.IsAddressable) return new IngestionOutcome(blobName, null, name.Folder, IngestionResult.Refused);
        UploadIdentity? upload = null;
        try
        {
            return await pipelines.Upload.ExecuteAsync(async ct =>
            {
                BlobProperties properties;
                try
                {
                    properties = await blob.GetPropertiesAsync(ct);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    return new IngestionOutcome(blobName, null, name.Folder, IngestionResult.AlreadyProcessed);
                }

                upload = UploadIdentity.From(blobName, properties.LastModified, properties.ETag);
                if (await GivenUpAsync(upload, ct) is { } record)
                    return await PutAsideAsync(blob, upload, record, ct);
                return await ProcessCoreAsync(blob, upload, ct);
            }, cancellationToken);
        }
        catch (Exception e) when (upload is not null && !cancellationToken.IsCancellationRequested)
        {
            var attempts = await RecordFailureAsync(upload, e, cancellationToken);
            if (attempts < MaxAttempts) throw;
            return await PutAsideAsync(blob, upload, await ledger.FindAsync(upload.Mandataire, upload.SubmissionId, cancellationToken), cancellationToken);
        }
    }

    private async Task<IngestionOutcome> ProcessCoreAsync(ExactBlob blob, UploadIdentity upload, CancellationToken ct)
    {
        // Read once, staged once, hashed on the way to disk: every later step reads this copy.
        using var original = StagedFile.Create(StagingDirectory);
        try
        {
            // If-Match: validate exactly the content the id was derived from.
            await original.WriteAsync((write, token) =>
                blob.DownloadToAsync(write, new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = upload.ETag } }, token), ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            var result = e.Status == 404 ? IngestionResult.AlreadyProcessed : IngestionResult.Superseded;
            return new IngestionOutcome(upload.BlobName, upload.SubmissionId, upload.Mandataire, result);
        }

        var sha256 = original.Sha256!;
        var file = new SubmissionFile(upload.Mandataire, upload.Source, upload.FileName, upload.SubmissionId, upload.UploadedAt, sha256);
        using var normalized = StagedFile.Create(StagingDirectory);
        var sums = TotalsSum.Zero;
        ValidationReport report;
        if (!upload.PathIsValid)
        {
            report = SubmissionValidator.RejectFile(file, "path-error", sha256);
        }
        else
        {
            await using var read = original.OpenRead();
            await using var output = normalized.OpenWrite();
            using var writer = new NormalizedProjectWriter(output);
            report = await validator.ValidateAsync(read, file, project =>
            {
                writer.Write(project);
                sums = sums.Add(project);
            }, ct);
        }

        // Checked before anything is written; within the schema's ceilings a file's sums always fit.
        // (The projects were summed by the aggregation stage's TotalsSum as the validator streamed them.)
        var measures = report.IsAccepted ? sums.ToTotals($"submission {upload.SubmissionId} ({upload.Source})") : null;
        var exercice = report.IsAccepted
            ? report.Exercice ?? throw new InvalidOperationException($"Accepted report {upload.SubmissionId} names no exercice.")
            : report.Exercice;
        string? normalizedBlob = null;
        if (report.IsAccepted)
        {
            normalizedBlob = upload.NormalizedBlob(exercice!);
            // Named by submission id: a crash after this leaves a blob nothing points to yet, and a redelivery rewrites the same bytes.
            await UploadFileAsync(StorageNames.NormalizedContainer, normalizedBlob, normalized, NormalizedProjects.ContentType, ct);
        }

        // Same: named by submission id, rewritten identically by a redelivery.
        var reportBlob = await ReportBlobs.WriteAsync(storage, upload, report, ct);

        var storedContainer = report.IsAccepted ? StorageNames.ArchiveContainer : StorageNames.RejectedContainer;
        // Before the row that names it, so no Submissions row ever points to a missing original.
        await UploadFileAsync(storedContainer, upload.ArchiveBlob, original, null, ct);

        // After the files it names; replaces an earlier failed row of the same upload. Totals are not touched yet: a crash here only delays them.
        await ledger.WriteAsync(new SubmissionRecord(
            upload.Mandataire, upload.SubmissionId, report.Status, exercice, report.RowCount, report.ErrorCount, report.WarningCount,
            sha256, upload.Source, $"{storedContainer}/{upload.ArchiveBlob}", normalizedBlob, reportBlob,
            upload.UploadedAt, time.GetUtcNow(), measures), ct);
        await StepDoneAsync("submission-recorded", ct);

        var changed = false;
        if (report.IsAccepted)
        {
            var mandataire = validator.Catalog.FindMandataire(upload.Mandataire)
                ?? throw new InvalidOperationException($"Accepted report for unknown mandataire '{upload.Mandataire}'.");
            var region = validator.Catalog.FindRegion(mandataire.RegionCode)!;
            // Conditional (If-Match): an older submission, delivered late, never replaces a newer one.
            (changed, _) = await totals.RecordAsync(new MandataireTotal(
                exercice!, upload.Mandataire, region.Code, region.Name, measures!, upload.SubmissionId, upload.UploadedAt, normalizedBlob!), ct);
            await StepDoneAsync("mandataire-recorded", ct);

            // Always, even when nothing changed above: this is what repairs a crash between the two writes.
            var recomputed = await totals.RecomputeRegionsAsync(exercice!, ct);
            // Another region beyond Int64 (stored data that never passed the validator) is reconcile's to
            // report; this upload fails only if its own region's total could not be written.
            if (recomputed.Overflows.FirstOrDefault(o => o.RegionCode == region.Code) is { } own) throw own.Error;
            await StepDoneAsync("regions-recomputed", ct);
        }

        try
        {
            // If-Match: never delete a newer upload that reused the name meanwhile.
            await blob.DeleteIfExistsAsync(new BlobRequestConditions { IfMatch = upload.ETag }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Overwritten since: the new content is another upload with its own event.
        }

        return new IngestionOutcome(upload.BlobName, upload.SubmissionId, upload.Mandataire,
            report.IsAccepted ? IngestionResult.Accepted : IngestionResult.Rejected, exercice, changed, report.ErrorCount);
    }

    /// <summary>
    /// How a staged file goes to storage. Up to 256 MiB, one Put Blob streamed from the file (one
    /// transaction, no copy in memory). Beyond, blocks of 16 MiB, two at a time: the SDK holds the
    /// blocks it sends in memory, and its defaults raised the peak of a 1 000 000-project ingest by
    /// about 40 MiB (the end-to-end benchmark, docs/performance.md).
    /// </summary>
    internal static readonly StorageTransferOptions StagedFileTransfer = new()
    {
        InitialTransferSize = 256L << 20,
        MaximumTransferSize = 16L << 20,
        MaximumConcurrency = 2,
    };

    private async Task UploadFileAsync(string container, string name, StagedFile file, string? contentType, CancellationToken ct)
    {
        await using var read = file.OpenRead();
        var options = new BlobUploadOptions
        {
            HttpHeaders = contentType is null ? null : new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = StagedFileTransfer,
        };
        await storage.Container(container).GetBlobClient(name).UploadAsync(read, options, ct);
    }

    private Task StepDoneAsync(string step, CancellationToken ct) => AfterStep?.Invoke(step, ct) ?? Task.CompletedTask;

    /// <summary>Returns how many times in a row the upload has now failed this way.</summary>
    private async Task<int> RecordFailureAsync(UploadIdentity upload, Exception failure, CancellationToken cancellationToken)
    {
        var reason = $"{failure.GetType().Name}: {failure.Message}";
        if (reason.Length > 4000) reason = reason[..4000];
        try
        {
            var at = time.GetUtcNow();
            return await ledger.MarkFailedAsync(upload.FailedRecord(at), CauseOf(failure), reason, at, cancellationToken);
        }
        catch (Exception markFailure) when (markFailure is not OperationCanceledException)
        {
            // Storage is too far gone even to record the failure: surface both, the upload stays in place.
            ExceptionDispatchInfo.Throw(new AggregateException(
                $"Upload {upload.Source} failed and the failure could not be recorded.", failure, markFailure));
            return 0;
        }
    }
}
