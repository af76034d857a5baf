using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Storage;

/// <summary>The reads of the <c>RegionalTotals</c> table (its conditional batch is <see cref="TotalsTables"/>'s).</summary>
public sealed class RegionalTotalsTable(TableServiceClient tables)
{
    internal TableClient Client => tables.GetTableClient(StorageNames.RegionalTotalsTable);

    /// <summary>The rows of one exercice, or of all when null, ordered by exercice then region code. A table not created yet holds no rows.</summary>
    public async Task<IReadOnlyList<RegionalTotal>> ReadAsync(string? exercice, CancellationToken cancellationToken) =>
        (await ReadEntitiesAsync(exercice, cancellationToken))
            .Select(TotalsEntities.ToRegionalTotal)
            .OrderBy(r => r.Exercice, StringComparer.Ordinal)
            .ThenBy(r => r.RegionCode, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The raw rows, with their ETags, for a conditional rewrite.</summary>
    internal async Task<IReadOnlyList<TableEntity>> ReadEntitiesAsync(string? exercice, CancellationToken cancellationToken)
    {
        var filter = exercice is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {exercice}");
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var entity in Client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(entity);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: no totals.
        }

        return rows;
    }
}
