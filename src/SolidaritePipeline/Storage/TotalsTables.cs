using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;

namespace SolidaritePipeline.Storage;

/// <summary>What a recompute of an exercice's regional rows wrote, and the regions it left as they were (their sum does not fit).</summary>
public sealed record RegionalRecompute(IReadOnlyList<RegionalTotal> Written, IReadOnlyList<RegionOverflow> Overflows);

/// <summary>What a write of a mandataire row did, and the row it found (null if none).</summary>
public sealed record MandataireWrite(bool Written, MandataireTotal? Before);

/// <summary>
/// The <c>MandataireTotals</c> and <c>RegionalTotals</c> tables, kept exact under at-least-once,
/// concurrent, out-of-order delivery by optimistic concurrency (docs/ingestion.md explains why each
/// step is safe). The sums themselves are <see cref="Aggregate"/>'s; this class only reads and writes.
/// </summary>
public sealed class TotalsTables(StorageClients storage, StoragePipelines pipelines, ReferenceCatalog catalog, TimeProvider time)
{
    public MandataireTotalsTable Mandataires { get; } = new(storage.Tables);

    public RegionalTotalsTable Regions { get; } = new(storage.Tables);

    /// <summary>
    /// Makes <paramref name="candidate"/> the mandataire's row for its exercice unless the row holds a
    /// newer submission (<see cref="MandataireTotal.IsNewerThan"/>) or is already exactly it. Ingestion
    /// records a new submission this way, and reconciliation repairs a row to what the stored
    /// submissions say: a row of the same submission with other numbers is rewritten.
    /// </summary>
    public ValueTask<MandataireWrite> RecordAsync(MandataireTotal candidate, CancellationToken cancellationToken) =>
        RecordAsync(candidate, read: null, cancellationToken);

    /// <summary>
    /// The same, starting from <paramref name="read"/>: the rows of the candidate's table read in one
    /// query a moment before (its row is absent if it had none), so that the first attempt needs no read
    /// of its own. Safe however old the read: the write is conditional on what it saw (an add fails if
    /// the row appeared, a replace if its ETag moved), and a retry reads the row afresh. A row the read
    /// found newer or already equal is left alone, as a read of its own would have left it.
    /// </summary>
    public ValueTask<MandataireWrite> RecordAsync(
        MandataireTotal candidate, IReadOnlyDictionary<(string Exercice, string Mandataire), StoredMandataireTotal>? read, CancellationToken cancellationToken)
    {
        var known = read;
        return pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var table = Mandataires.Client;
            StoredMandataireTotal? existing;
            if (known is not null)
            {
                existing = known.GetValueOrDefault((candidate.Exercice, candidate.Mandataire));
                known = null; // a retry means the read was stale
            }
            else
            {
                var entity = await table.GetEntityIfExistsAsync<TableEntity>(candidate.Exercice, candidate.Mandataire, cancellationToken: ct);
                existing = entity.HasValue ? new StoredMandataireTotal(TotalsEntities.ToMandataireTotal(entity.Value!), entity.Value!.ETag) : null;
            }

            var written = TotalsEntities.ToEntity(candidate, time.GetUtcNow());
            if (existing is null)
            {
                await table.AddEntityAsync(written, ct); // 409 if another writer added it first: retried
                return new MandataireWrite(true, null);
            }

            var current = existing.Row;
            if (current.IsNewerThan(candidate) || current == candidate) return new MandataireWrite(false, current);
            await table.UpdateEntityAsync(written, existing.ETag, TableUpdateMode.Replace, ct); // 412 if it moved: retried
            return new MandataireWrite(true, current);
        }, cancellationToken);
    }

    /// <summary>
    /// Recomputes the regional rows of <paramref name="exercice"/> from its mandataire rows and writes
    /// them in one transaction, conditional on the regional rows read first. Reading the regional rows
    /// before the mandataire rows is what makes it exact: a write that succeeds proves no other
    /// recompute wrote since, and every mandataire write is followed by its own recompute.
    /// A region whose sum does not fit Int64 (only data that never passed the validator gets there) keeps
    /// its row as it was, rewritten unchanged so the transaction still guards every row; the other
    /// regions are written, and the caller learns which region was left out and why.
    /// </summary>
    public ValueTask<RegionalRecompute> RecomputeRegionsAsync(string exercice, CancellationToken cancellationToken) =>
        pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var before = (await Regions.ReadEntitiesAsync(exercice, ct)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            var mandataires = await Mandataires.ReadAsync(exercice, ct);

            var (totals, overflows) = Aggregate.Regions(exercice, mandataires.Select(m => m.Row), catalog);
            var now = time.GetUtcNow();
            var batch = new TableBatch(exercice);
            foreach (var total in totals)
            {
                var entity = TotalsEntities.ToEntity(total, now);
                if (before.TryGetValue(total.RegionCode, out var old))
                    batch.Add(TableTransactionActionType.UpdateReplace, entity, old.ETag);
                else
                    batch.Add(TableTransactionActionType.Add, entity);
            }

            foreach (var overflow in overflows)
            {
                if (before.TryGetValue(overflow.RegionCode, out var old))
                    batch.Add(TableTransactionActionType.UpdateReplace, Unchanged(old), old.ETag);
            }

            await batch.SubmitAsync(Regions.Client, ct);
            return new RegionalRecompute(totals.Select(t => t with { UpdatedAt = now }).ToArray(), overflows);
        }, cancellationToken);

    /// <summary>The regional rows, of one exercice or all, ordered by exercice then region code.</summary>
    public Task<IReadOnlyList<RegionalTotal>> ReadRegionsAsync(string? exercice, CancellationToken cancellationToken) =>
        Regions.ReadAsync(exercice, cancellationToken);

    /// <summary>Deletes a mandataire row that no accepted submission backs, if it has not changed since it was read.</summary>
    public async Task<bool> RemoveAsync(StoredMandataireTotal row, CancellationToken cancellationToken)
    {
        try
        {
            await Mandataires.Client.DeleteEntityAsync(row.Row.Exercice, row.Row.Mandataire, row.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false; // gone already, or ingestion wrote a newer submission since
        }
    }

    // The row as it was, without the service's own properties, to rewrite it under its ETag.
    private static TableEntity Unchanged(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[name] = value;
        }

        return copy;
    }
}
