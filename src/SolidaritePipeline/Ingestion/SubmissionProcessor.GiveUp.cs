using Azure;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Ingestion;

/// <summary>
/// Poison handling: an upload that fails the same way <see cref="MaxAttempts"/> times is given up on,
/// recorded <c>failed</c> with its cause, and its original put aside in <c>rejected</c>, so that it is
/// not retried on every run or every redelivery, and blocks nothing else.
/// </summary>
public sealed partial class SubmissionProcessor
{
    public const int DefaultMaxAttempts = 5;

    /// <summary>Failures in a row, with the same cause, after which an upload is given up on (at least 1).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    // One point read per delivery: the price of never processing again an upload already given up on.
    private async Task<SubmissionRecord?> GivenUpAsync(UploadIdentity upload, CancellationToken ct) =>
        await ledger.FindAsync(upload.Mandataire, upload.SubmissionId, ct) is { } record && record.FailedAttempts >= MaxAttempts
            ? record
            : null;

    /// <summary>
    /// Moves the original out of <c>uploads</c>: copied to <c>rejected</c> unless the row already names a
    /// stored copy, then deleted (If-Match). Best effort: if storage refuses even this, the upload stays,
    /// and every later delivery finds the row and comes straight back here instead of processing it again.
    /// </summary>
    private async Task<IngestionOutcome> PutAsideAsync(ExactBlob blob, UploadIdentity upload, SubmissionRecord? record, CancellationToken ct)
    {
        try
        {
            if (record?.StoredBlob is null)
            {
                using var original = StagedFile.Create(StagingDirectory);
                await original.WriteAsync((write, token) =>
                    blob.DownloadToAsync(write, new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = upload.ETag } }, token), ct);
                await UploadFileAsync(StorageNames.RejectedContainer, upload.ArchiveBlob, original, null, ct);
                await ledger.RecordPutAsideAsync(upload.Mandataire, upload.SubmissionId, $"{StorageNames.RejectedContainer}/{upload.ArchiveBlob}", ct);
            }

            await blob.DeleteIfExistsAsync(new BlobRequestConditions { IfMatch = upload.ETag }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone or overwritten since: a new upload of the name is another submission with its own event.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left in place; the Submissions row already says failed, and why.
        }

        return new IngestionOutcome(upload.BlobName, upload.SubmissionId, upload.Mandataire, IngestionResult.Failed,
            record?.Exercice, FailureReason: record?.FailureReason);
    }

    /// <summary>What makes two failures "the same way": the innermost exception's type, and the storage status and error code.</summary>
    internal static string CauseOf(Exception failure)
    {
        while (failure is AggregateException { InnerExceptions.Count: > 0 } aggregate) failure = aggregate.InnerExceptions[0];
        return failure is RequestFailedException storage
            ? $"{nameof(RequestFailedException)} {storage.Status} {storage.ErrorCode}"
            : failure.GetType().FullName ?? failure.GetType().Name;
    }
}
