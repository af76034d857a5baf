using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Ingestion;

/// <summary>One row that reconciliation changed: its table, keys, and measures before and after (null = absent).</summary>
public sealed record TotalsChange(string Table, string PartitionKey, string RowKey, SubmissionTotals? Before, SubmissionTotals? After, string? Note = null);

/// <summary>
/// What reconciliation did: the rows it changed, and what it could not repair (each a sentence naming
/// the row or submission and why; today, only a sum beyond the tables' Int64). It never stops at the
/// first problem: every other row is still repaired.
/// </summary>
public sealed record ReconcileResult(IReadOnlyList<TotalsChange> Changes, IReadOnlyList<string> Problems);

/// <summary>
/// Rebuilds the totals from what is stored, trusting no stored number: for each (mandataire,
/// exercice) the newest accepted <c>Submissions</c> row wins, its measures are recomputed from its
/// normalized blob, then every regional row is recomputed. Safe to run while ingestion runs: each
/// write is conditional, and a submission newer than the stored ones is left alone.
/// </summary>
public sealed class Reconciler(StorageClients storage, SubmissionsTable submissions, TotalsTables totals, ReferenceCatalog catalog)
{
    public async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var changes = new List<TotalsChange>();
        var problems = new List<string>();

        var accepted = new List<SubmissionRecord>();
        await foreach (var record in submissions.ReadAllAsync(LedgerStatus.Accepted, cancellationToken))
        {
            if (record.Exercice is not null && record.NormalizedBlob is not null) accepted.Add(record);
        }

        var current = Aggregate.Current(accepted, r => (r.Mandataire, r.Exercice!, r.UploadedAt, r.SubmissionId))
            .ToDictionary(r => (r.Mandataire, r.Exercice!));

        // Every mandataire row in one query, rather than one read per row before its conditional write.
        var rowsRead = (await totals.Mandataires.ReadAsync(null, cancellationToken))
            .ToDictionary(r => (r.Row.Exercice, r.Row.Mandataire));
        var exercices = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var record in current.Values.OrderBy(r => r.Exercice, StringComparer.Ordinal).ThenBy(r => r.Mandataire, StringComparer.Ordinal))
        {
            var mandataire = catalog.FindMandataire(record.Mandataire);
            if (mandataire is null) continue; // an accepted row always names a known mandataire; a hand-made one is ignored
            var region = catalog.FindRegion(mandataire.RegionCode)!;
            exercices.Add(record.Exercice!);
            SubmissionTotals measures;
            try
            {
                measures = await MeasureAsync(record.NormalizedBlob!, cancellationToken);
            }
            catch (TotalsOverflowException e)
            {
                problems.Add(e.Message); // its MandataireTotals row is left as it is
                continue;
            }

            var expected = new MandataireTotal(record.Exercice!, record.Mandataire, region.Code, region.Name,
                measures, record.SubmissionId, record.UploadedAt, record.NormalizedBlob!);

            var (written, before) = await totals.RecordAsync(expected, rowsRead, cancellationToken);
            if (written)
                changes.Add(new TotalsChange(StorageNames.MandataireTotalsTable, expected.Exercice, expected.Mandataire, before?.Totals, expected.Totals,
                    before is null ? "missing" : before.SubmissionId != expected.SubmissionId ? $"was {before.SubmissionId}" : null));
        }

        foreach (var stored in await totals.Mandataires.ReadAsync(null, cancellationToken))
        {
            var row = stored.Row;
            exercices.Add(row.Exercice);
            if (current.ContainsKey((row.Mandataire, row.Exercice))) continue;
            if (await totals.RemoveAsync(stored, cancellationToken))
                changes.Add(new TotalsChange(StorageNames.MandataireTotalsTable, row.Exercice, row.Mandataire, row.Totals, null, "no accepted submission"));
        }

        var regionalBefore = (await totals.ReadRegionsAsync(null, cancellationToken))
            .ToDictionary(r => (r.Exercice, r.RegionCode), r => r);
        foreach (var exercice in regionalBefore.Keys.Select(k => k.Exercice))
            exercices.Add(exercice);

        foreach (var exercice in exercices)
        {
            var recomputed = await totals.RecomputeRegionsAsync(exercice, cancellationToken);
            problems.AddRange(recomputed.Overflows.Select(o => o.Error.Message)); // those rows were left as they were
            foreach (var after in recomputed.Written)
            {
                var before = regionalBefore.GetValueOrDefault((exercice, after.RegionCode));
                if (before is null || before.Totals != after.Totals || before.MandataireCount != after.MandataireCount || before.RegionName != after.RegionName)
                    changes.Add(new TotalsChange(StorageNames.RegionalTotalsTable, exercice, after.RegionCode, before?.Totals, after.Totals));
            }
        }

        return new ReconcileResult(changes, problems);
    }

    // The one place reconcile reads projects: the normalized blob, summed by the aggregation stage.
    private async Task<SubmissionTotals> MeasureAsync(string normalizedBlob, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageNames.NormalizedContainer).GetBlobClient(normalizedBlob);
        await using var stream = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        return await Aggregate.SubmissionAsync(NormalizedProjects.ReadAsync(stream, cancellationToken), $"normalized/{normalizedBlob}", cancellationToken);
    }
}
