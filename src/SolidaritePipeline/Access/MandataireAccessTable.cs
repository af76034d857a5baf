using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Access;

/// <summary>One row of <c>MandataireAccess</c>: a signed-in principal acts for one mandataire.</summary>
public sealed record MandataireGrant(string PrincipalId, string Mandataire, DateTimeOffset GrantedAt);

/// <summary>
/// The <c>MandataireAccess</c> table (PartitionKey = principal id, RowKey empty): who acts for which
/// mandataire in the Espace mandataire. The ministry manages it with <c>solidarite access</c>; the
/// web API only reads it, so the browser never chooses the mandataire.
/// </summary>
public sealed class MandataireAccessTable(TableServiceClient tables, ReferenceCatalog catalog, TimeProvider time)
{
    private TableClient Table => tables.GetTableClient(StorageNames.MandataireAccessTable);

    /// <summary>Maps <paramref name="principalId"/> to <paramref name="mandataire"/>, replacing an earlier grant of that principal.</summary>
    public async Task<MandataireGrant> GrantAsync(string principalId, string mandataire, CancellationToken cancellationToken)
    {
        CheckPrincipal(principalId);
        var code = catalog.FindMandataire(mandataire.Trim().ToLowerInvariant())?.Code
            ?? throw new ArgumentException($"Mandataire inconnu « {mandataire} ». / Unknown mandataire '{mandataire}'.", nameof(mandataire));
        var grant = new MandataireGrant(principalId, code, time.GetUtcNow());
        await Table.CreateIfNotExistsAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(principalId, "") { ["Mandataire"] = code, ["GrantedAt"] = grant.GrantedAt },
            TableUpdateMode.Replace, cancellationToken);
        return grant;
    }

    /// <summary>Removes the principal's grant; false when it had none.</summary>
    public async Task<bool> RevokeAsync(string principalId, CancellationToken cancellationToken)
    {
        CheckPrincipal(principalId);
        try
        {
            var response = await Table.DeleteEntityAsync(principalId, "", ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The mandataire code the principal acts for, or null when it has no grant.</summary>
    public async Task<string?> FindAsync(string principalId, CancellationToken cancellationToken)
    {
        if (!IsValidPrincipal(principalId)) return null;
        try
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(principalId, "", cancellationToken: cancellationToken);
            return found.HasValue ? found.Value!.GetString("Mandataire") : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // No table yet: nobody was granted anything.
        }
    }

    /// <summary>Every grant, ordered by mandataire then principal.</summary>
    public async Task<IReadOnlyList<MandataireGrant>> ListAsync(CancellationToken cancellationToken)
    {
        var grants = new List<MandataireGrant>();
        try
        {
            await foreach (var e in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                grants.Add(new MandataireGrant(e.PartitionKey, e.GetString("Mandataire") ?? "", e.GetDateTimeOffset("GrantedAt") ?? DateTimeOffset.MinValue));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return grants.OrderBy(g => g.Mandataire, StringComparer.Ordinal).ThenBy(g => g.PrincipalId, StringComparer.Ordinal).ToArray();
    }

    // Table keys refuse '/', '\', '#', '?' and control characters; an Entra object id is a GUID.
    private static bool IsValidPrincipal(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 256 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static void CheckPrincipal(string principalId)
    {
        if (!IsValidPrincipal(principalId))
            throw new ArgumentException(
                $"Identifiant de principal invalide « {principalId} ». / Invalid principal id '{principalId}'.", nameof(principalId));
    }
}
