using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Storage;

/// <summary>The statuses of a <c>Submissions</c> row.</summary>
public static class LedgerStatus
{
    public const string Accepted = SubmissionStatus.Accepted;
    public const string Rejected = SubmissionStatus.Rejected;
    public const string Failed = "failed";
}

/// <summary>One row of the <c>Submissions</c> table (PartitionKey = mandataire, RowKey = submissionId).</summary>
public sealed record SubmissionRecord(
    string Mandataire,
    string SubmissionId,
    string Status,
    string? Exercice,
    int RowCount,
    int ErrorCount,
    int WarningCount,
    string? Sha256,
    string SourceBlob,
    string? StoredBlob,
    string? NormalizedBlob,
    string? ReportBlob,
    DateTimeOffset UploadedAt,
    DateTimeOffset ProcessedAt,
    SubmissionTotals? Totals,
    string? FailureReason = null,
    int FailedAttempts = 0);

/// <summary>The <c>Submissions</c> table: one row per processed upload, whatever its outcome.</summary>
public sealed class SubmissionsTable(TableServiceClient tables, StoragePipelines? pipelines = null)
{
    private readonly StoragePipelines _pipelines = pipelines ?? new StoragePipelines();

    private TableClient Table => tables.GetTableClient(StorageNames.SubmissionsTable);

    /// <summary>Writes the whole row (an outcome replaces an earlier failure of the same upload).</summary>
    public async Task WriteAsync(SubmissionRecord record, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Records that processing failed for a reason that is not the file's data, and returns how many
    /// times in a row it has now failed with the same <paramref name="cause"/> (a new cause starts again
    /// at 1). A row that already holds an outcome (accepted or rejected) keeps it and only gains the
    /// <c>FailureReason</c>: a duplicate delivery that failed must not hide the outcome of one that succeeded.
    /// </summary>
    /// <param name="upload">The row's keys, <c>SourceBlob</c> and <c>UploadedAt</c>, for a row not written yet (its other fields are not read).</param>
    public ValueTask<int> MarkFailedAsync(SubmissionRecord upload, string cause, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _pipelines.Conflicts.ExecuteAsync(async ct =>
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(upload.Mandataire, upload.SubmissionId, cancellationToken: ct);
            var attempts = existing.HasValue && existing.Value!.GetString("FailureCause") == cause
                ? (existing.Value.GetInt32("FailedAttempts") ?? 0) + 1
                : 1;
            var patch = new TableEntity(upload.Mandataire, upload.SubmissionId)
            {
                ["FailureReason"] = reason,
                ["FailureCause"] = cause,
                ["FailedAttempts"] = attempts,
                ["ProcessedAt"] = at,
            };
            if (!existing.HasValue)
            {
                patch["Status"] = LedgerStatus.Failed;
                patch["SourceBlob"] = upload.SourceBlob;
                patch["UploadedAt"] = upload.UploadedAt;
                await Table.AddEntityAsync(patch, ct);
                return attempts;
            }

            if (existing.Value!.GetString("Status") is not (LedgerStatus.Accepted or LedgerStatus.Rejected))
                patch["Status"] = LedgerStatus.Failed;
            await Table.UpdateEntityAsync(patch, existing.Value.ETag, TableUpdateMode.Merge, ct);
            return attempts;
        }, cancellationToken);

    /// <summary>Where the original of an upload given up on was put aside (<c>rejected/…</c>), unless the row already names one.</summary>
    public async Task RecordPutAsideAsync(string mandataire, string submissionId, string storedBlob, CancellationToken cancellationToken) =>
        await Table.UpdateEntityAsync(
            new TableEntity(mandataire, submissionId) { ["StoredBlob"] = storedBlob }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public async Task<SubmissionRecord?> FindAsync(string mandataire, string submissionId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(mandataire, submissionId, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>Every row, optionally of one status.</summary>
    public async IAsyncEnumerable<SubmissionRecord> ReadAllAsync(
        string? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = status is null
            ? Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status eq {status}"), cancellationToken: cancellationToken);
        await foreach (var entity in query)
            yield return FromEntity(entity);
    }

    /// <summary>
    /// The rows of one exercice (or all), processed strictly after <paramref name="since"/> (or ever), for
    /// the read API. A table not created yet holds no rows.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionRecord>> ReadAsync(string? exercice, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (exercice is not null) filters.Add(TableClient.CreateQueryFilter($"Exercice eq {exercice}"));
        if (since is { } after) filters.Add(TableClient.CreateQueryFilter($"ProcessedAt gt {after.ToUniversalTime()}"));
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);
        var rows = new List<SubmissionRecord>();
        try
        {
            await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(FromEntity(entity));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nothing processed.
        }

        return rows;
    }

    internal static TableEntity ToEntity(SubmissionRecord r)
    {
        var entity = new TableEntity(r.Mandataire, r.SubmissionId)
        {
            ["Status"] = r.Status,
            ["Exercice"] = r.Exercice,
            ["RowCount"] = r.RowCount,
            ["ErrorCount"] = r.ErrorCount,
            ["WarningCount"] = r.WarningCount,
            ["Sha256"] = r.Sha256,
            ["SourceBlob"] = r.SourceBlob,
            ["StoredBlob"] = r.StoredBlob,
            ["NormalizedBlob"] = r.NormalizedBlob,
            ["ReportBlob"] = r.ReportBlob,
            ["UploadedAt"] = r.UploadedAt,
            ["ProcessedAt"] = r.ProcessedAt,
            ["FailureReason"] = r.FailureReason,
        };
        if (r.Totals is not null) TotalsEntities.WriteMeasures(entity, r.Totals);
        return entity;
    }

    internal static SubmissionRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("Status") ?? "",
        e.GetString("Exercice"),
        e.GetInt32("RowCount") ?? 0,
        e.GetInt32("ErrorCount") ?? 0,
        e.GetInt32("WarningCount") ?? 0,
        e.GetString("Sha256"),
        e.GetString("SourceBlob") ?? "",
        e.GetString("StoredBlob"),
        e.GetString("NormalizedBlob"),
        e.GetString("ReportBlob"),
        e.GetDateTimeOffset("UploadedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ProcessedAt") ?? DateTimeOffset.MinValue,
        e.ContainsKey("FqisAmountCents") ? TotalsEntities.ReadMeasures(e) : null,
        e.GetString("FailureReason"),
        e.GetInt32("FailedAttempts") ?? 0);
}
