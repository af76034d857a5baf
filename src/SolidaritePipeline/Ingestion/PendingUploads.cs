using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Ingestion;

/// <summary>An upload that could not be processed, after retries; it stays in <c>uploads</c>.</summary>
public sealed record IngestionFailure(string BlobName, Exception Error);

/// <summary>
/// What the blob trigger does, for a host without Event Grid (<c>solidarite run</c>): lists
/// <c>uploads</c> and hands each blob to the same <see cref="SubmissionProcessor"/>.
/// </summary>
public sealed class PendingUploads(StorageClients storage, SubmissionProcessor processor)
{
    /// <summary>Processes every upload present now, one failure not stopping the others.</summary>
    public async Task<(IReadOnlyList<IngestionOutcome> Outcomes, IReadOnlyList<IngestionFailure> Failures)> ProcessAllAsync(
        Action<IngestionOutcome>? onOutcome, Action<IngestionFailure>? onFailure, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestionOutcome>();
        var failures = new List<IngestionFailure>();
        var names = new List<string>();
        await foreach (var item in storage.Container(StorageNames.UploadsContainer).GetBlobsAsync(cancellationToken: cancellationToken))
            names.Add(item.Name);

        foreach (var name in names)
        {
            try
            {
                var outcome = await processor.ProcessAsync(name, cancellationToken);
                outcomes.Add(outcome);
                onOutcome?.Invoke(outcome);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = new IngestionFailure(name, e);
                failures.Add(failure);
                onFailure?.Invoke(failure);
            }
        }

        return (outcomes, failures);
    }
}
