using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Espace;

/// <summary>One of a mandataire's own submissions: processed (a <c>Submissions</c> row) or still waiting in <c>uploads</c>.</summary>
public sealed record OwnSubmission(
    string Id,
    string Status,
    bool Current,
    string? Exercice,
    string Source,
    DateTimeOffset UploadedAt,
    DateTimeOffset? ProcessedAt,
    SubmissionRecord? Record)
{
    public const string Pending = "pending";
}

/// <summary>
/// The storage edge of the Espace mandataire: one mandataire's submissions and reports, always read
/// under that mandataire's own partition and folder, so an id of another mandataire finds nothing.
/// </summary>
public sealed partial class MandataireSubmissions(StorageClients storage)
{
    /// <summary>
    /// Every submission of <paramref name="mandataire"/>, newest upload first: the rows of <c>Submissions</c>
    /// (of <paramref name="exercice"/>, and those whose exercice could not be read), then the uploads not
    /// processed yet as <c>pending</c>, with the id the processor will give them.
    /// </summary>
    public async Task<IReadOnlyList<OwnSubmission>> ListAsync(string mandataire, string? exercice, CancellationToken cancellationToken)
    {
        var records = new List<SubmissionRecord>();
        var current = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in storage.Table(StorageNames.SubmissionsTable)
                               .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {mandataire}"), cancellationToken: cancellationToken))
                records.Add(SubmissionsTable.FromEntity(entity));
            await foreach (var entity in storage.Table(StorageNames.MandataireTotalsTable)
                               .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {mandataire}"), select: ["SubmissionId"], cancellationToken: cancellationToken))
                current.Add(entity.GetString("SubmissionId") ?? "");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A table not created yet: nothing processed, or nothing accepted.
        }

        var list = records
            .Where(r => exercice is null || r.Exercice is null || r.Exercice == exercice)
            .Select(r => new OwnSubmission(r.SubmissionId, r.Status, current.Contains(r.SubmissionId), r.Exercice, r.SourceBlob, r.UploadedAt, r.ProcessedAt, r))
            .ToList();

        var known = records.Select(r => r.SubmissionId).ToHashSet(StringComparer.Ordinal);
        try
        {
            await foreach (var blob in storage.Container(StorageNames.UploadsContainer)
                               .GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, mandataire + "/", cancellationToken))
            {
                var upload = UploadIdentity.From(blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ETag ?? default);
                if (!known.Contains(upload.SubmissionId))
                    list.Add(new OwnSubmission(upload.SubmissionId, OwnSubmission.Pending, false, null, upload.Source, upload.UploadedAt, null, null));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return list.OrderByDescending(s => s.UploadedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The report of one of <paramref name="mandataire"/>'s own submissions (<c>.json</c> or <c>.html</c>),
    /// or null: an unknown id, a malformed one, another mandataire's, or a submission without a report.
    /// </summary>
    public async Task<BinaryData?> ReadReportAsync(string mandataire, string submissionId, bool html, CancellationToken cancellationToken)
    {
        if (!SubmissionIdShape().IsMatch(submissionId)) return null;
        SubmissionRecord? record;
        try
        {
            var found = await storage.Table(StorageNames.SubmissionsTable)
                .GetEntityIfExistsAsync<TableEntity>(mandataire, submissionId, cancellationToken: cancellationToken);
            record = found.HasValue ? SubmissionsTable.FromEntity(found.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        if (record?.ReportBlob is null) return null;
        var blob = storage.Container(StorageNames.ReportsContainer).GetBlobClient($"{mandataire}/{submissionId}{(html ? ".html" : ".json")}");
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,64}$")]
    private static partial Regex SubmissionIdShape();
}
