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
        pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var table = Mandataires.Client;
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(candidate.Exercice, candidate.Mandataire, cancellationToken: ct);
            var entity = TotalsEntities.ToEntity(candidate, time.GetUtcNow());
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, ct); // 409 if another writer added it first: retried
                return new MandataireWrite(true, null);
            }

            var current = TotalsEntities.ToMandataireTotal(existing.Value!);
            if (current.IsNewerThan(candidate) || current == candidate) return new MandataireWrite(false, current);
            await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, ct); // 412 if it moved: retried
            return new MandataireWrite(true, current);
        }, cancellationToken);

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
