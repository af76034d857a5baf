using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Storage;

/// <summary>A <c>MandataireTotals</c> row as read, with the ETag that a conditional write or delete needs.</summary>
public sealed record StoredMandataireTotal(MandataireTotal Row, ETag ETag);

/// <summary>The reads of the <c>MandataireTotals</c> table (its conditional writes are <see cref="TotalsTables"/>'s).</summary>
public sealed class MandataireTotalsTable(TableServiceClient tables)
{
    internal TableClient Client => tables.GetTableClient(StorageNames.MandataireTotalsTable);

    /// <summary>
    /// The rows of one exercice, or of all when null, ordered by exercice, region code, mandataire.
    /// A table not created yet holds no rows.
    /// </summary>
    public async Task<IReadOnlyList<StoredMandataireTotal>> ReadAsync(string? exercice, CancellationToken cancellationToken)
    {
        var filter = exercice is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {exercice}");
        var rows = new List<StoredMandataireTotal>();
        try
        {
            await foreach (var entity in Client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(new StoredMandataireTotal(TotalsEntities.ToMandataireTotal(entity), entity.ETag));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nothing was ever accepted.
        }

        return rows
            .OrderBy(r => r.Row.Exercice, StringComparer.Ordinal)
            .ThenBy(r => r.Row.RegionCode, StringComparer.Ordinal)
            .ThenBy(r => r.Row.Mandataire, StringComparer.Ordinal)
            .ToArray();
    }
}
