using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Aggregation;

/// <summary>
/// What a recompute of an exercice's regional rows wrote, and the regions whose sums the tables cannot
/// hold (<see cref="TotalsOverflowException"/>): their rows were left as they were, the others written.
/// </summary>
public sealed record RegionalRecompute(IReadOnlyList<RegionalTotal> Written, IReadOnlyList<RegionOverflow> Overflows);

/// <summary>A region whose sum does not fit the tables' Int64, and the error that says which measure and by how much.</summary>
public sealed record RegionOverflow(string RegionCode, TotalsOverflowException Error);

/// <summary>
/// The <c>MandataireTotals</c> and <c>RegionalTotals</c> tables, kept exact under at-least-once,
/// concurrent, out-of-order delivery by optimistic concurrency (docs/ingestion.md explains why each
/// step is safe).
/// </summary>
public sealed class TotalsStore(StorageClients storage, StoragePipelines pipelines, ReferenceCatalog catalog, TimeProvider time)
{
    private TableClient Mandataires => storage.Table(StorageNames.MandataireTotalsTable);
    private TableClient Regions => storage.Table(StorageNames.RegionalTotalsTable);

    /// <summary>
    /// Makes <paramref name="candidate"/> the mandataire's current row for its exercice if it is newer
    /// than the recorded one (<see cref="MandataireTotal.IsNewerThan"/>). Returns whether it did.
    /// </summary>
    public ValueTask<bool> RecordAsync(MandataireTotal candidate, CancellationToken cancellationToken) =>
        pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var existing = await Mandataires.GetEntityIfExistsAsync<TableEntity>(candidate.Exercice, candidate.Mandataire, cancellationToken: ct);
            var entity = TotalsEntities.ToEntity(candidate, time.GetUtcNow());
            if (!existing.HasValue)
            {
                await Mandataires.AddEntityAsync(entity, ct); // 409 if another writer added it first: retried
                return true;
            }

            var current = TotalsEntities.ToMandataireTotal(existing.Value!);
            if (!candidate.IsNewerThan(current)) return false;
            await Mandataires.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, ct); // 412 if it moved: retried
            return true;
        }, cancellationToken);

    /// <summary>
    /// Recomputes the 17 regional rows of <paramref name="exercice"/> from its mandataire rows and writes
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
            var before = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in Regions.QueryAsync<TableEntity>(e => e.PartitionKey == exercice, cancellationToken: ct))
                before[row.RowKey] = row;

            var mandataires = new List<MandataireTotal>();
            await foreach (var row in Mandataires.QueryAsync<TableEntity>(e => e.PartitionKey == exercice, cancellationToken: ct))
                mandataires.Add(TotalsEntities.ToMandataireTotal(row));

            var (totals, overflows) = Sum(exercice, mandataires);
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

            await batch.SubmitAsync(Regions, ct);
            return new RegionalRecompute(totals.Select(t => t with { UpdatedAt = now }).ToArray(), overflows);
        }, cancellationToken);

    /// <summary>
    /// One row per region of the catalog, zeros included, summing the mandataire rows by their region
    /// (in Int128, <see cref="TotalsSum"/>). A region whose sum does not fit the tables is returned apart.
    /// </summary>
    public (IReadOnlyList<RegionalTotal> Totals, IReadOnlyList<RegionOverflow> Overflows) Sum(string exercice, IEnumerable<MandataireTotal> mandataires)
    {
        var byRegion = mandataires.GroupBy(m => m.RegionCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var totals = new List<RegionalTotal>();
        var overflows = new List<RegionOverflow>();
        foreach (var region in catalog.Regions)
        {
            var members = byRegion.GetValueOrDefault(region.Code, []);
            try
            {
                var sum = SubmissionTotals.Of(members.Select(m => m.Totals),
                    $"RegionalTotals {exercice}/{region.Code} ({string.Join(", ", members.Select(m => m.Mandataire))})");
                totals.Add(new RegionalTotal(exercice, region.Code, region.Name, members.Length, sum));
            }
            catch (TotalsOverflowException e)
            {
                overflows.Add(new RegionOverflow(region.Code, e));
            }
        }

        return (totals, overflows);
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

    /// <summary>The regional rows, of one exercice or all, ordered by exercice then region code.</summary>
    public async Task<IReadOnlyList<RegionalTotal>> ReadRegionsAsync(string? exercice, CancellationToken cancellationToken)
    {
        var query = exercice is null
            ? Regions.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : Regions.QueryAsync<TableEntity>(e => e.PartitionKey == exercice, cancellationToken: cancellationToken);
        var rows = new List<RegionalTotal>();
        await foreach (var entity in query)
            rows.Add(TotalsEntities.ToRegionalTotal(entity));
        return rows.OrderBy(r => r.Exercice, StringComparer.Ordinal).ThenBy(r => r.RegionCode, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every mandataire row with its ETag, for reconciliation.</summary>
    internal async Task<IReadOnlyList<(MandataireTotal Row, ETag ETag)>> ReadMandatairesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(MandataireTotal, ETag)>();
        await foreach (var entity in Mandataires.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            rows.Add((TotalsEntities.ToMandataireTotal(entity), entity.ETag));
        return rows;
    }

    /// <summary>
    /// Sets a mandataire row to what the stored submissions say, unless ingestion has meanwhile
    /// recorded a newer submission. Returns the row it replaced (null if none) when it wrote.
    /// </summary>
    internal ValueTask<(bool Written, MandataireTotal? Before)> RepairAsync(MandataireTotal expected, CancellationToken cancellationToken) =>
        pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var existing = await Mandataires.GetEntityIfExistsAsync<TableEntity>(expected.Exercice, expected.Mandataire, cancellationToken: ct);
            var entity = TotalsEntities.ToEntity(expected, time.GetUtcNow());
            if (!existing.HasValue)
            {
                await Mandataires.AddEntityAsync(entity, ct);
                return (true, (MandataireTotal?)null);
            }

            var current = TotalsEntities.ToMandataireTotal(existing.Value!);
            if (current.IsNewerThan(expected) || current == expected) return (false, current);
            await Mandataires.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, ct);
            return (true, current);
        }, cancellationToken);

    /// <summary>Deletes a mandataire row that no accepted submission backs, if it has not changed since it was read.</summary>
    internal async Task<bool> RemoveAsync(MandataireTotal row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Mandataires.DeleteEntityAsync(row.Exercice, row.Mandataire, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false; // gone already, or ingestion wrote a newer submission since
        }
    }
}
