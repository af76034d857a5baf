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
    /// <summary>Processes every upload present now, one at a time, one failure not stopping the others.</summary>
    public Task<(IReadOnlyList<IngestionOutcome> Outcomes, IReadOnlyList<IngestionFailure> Failures)> ProcessAllAsync(
        Action<IngestionOutcome>? onOutcome, Action<IngestionFailure>? onFailure, CancellationToken cancellationToken) =>
        ProcessAllAsync(1, onOutcome, onFailure, cancellationToken);

    /// <summary>
    /// Processes every upload present now, up to <paramref name="maxParallelism"/> at once as the
    /// Functions host runs several blob triggers at once, one failure not stopping the others. The
    /// callbacks are called one at a time.
    /// </summary>
    public async Task<(IReadOnlyList<IngestionOutcome> Outcomes, IReadOnlyList<IngestionFailure> Failures)> ProcessAllAsync(
        int maxParallelism, Action<IngestionOutcome>? onOutcome, Action<IngestionFailure>? onFailure, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var outcomes = new List<IngestionOutcome>();
        var failures = new List<IngestionFailure>();
        var names = new List<string>();
        await foreach (var item in storage.Container(StorageNames.UploadsContainer).GetBlobsAsync(cancellationToken: cancellationToken))
            names.Add(item.Name);

        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(names, options, async (name, ct) =>
        {
            try
            {
                var outcome = await processor.ProcessAsync(name, ct);
                lock (gate)
                {
                    outcomes.Add(outcome);
                    onOutcome?.Invoke(outcome);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var failure = new IngestionFailure(name, e);
                lock (gate)
                {
                    failures.Add(failure);
                    onFailure?.Invoke(failure);
                }
            }
        });

        return (outcomes, failures);
    }
}
