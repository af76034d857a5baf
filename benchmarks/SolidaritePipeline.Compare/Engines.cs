using System.Globalization;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Compare;

/// <summary>One way of turning the submission file into regional totals.</summary>
public interface IEngine
{
    string Name { get; }

    Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken);
}

/// <summary>
/// Ours: the entry point of <c>solidarite validate</c> (read, every rule, normalise), with each
/// accepted project added to its region's exact sum, as ingestion does. Fails if the file is rejected.
/// With <paramref name="threads"/> above 1 the rows are checked on that many threads whatever the
/// file's size (<see cref="ValidationOptions.MaxParallelism"/>); with 1, on the calling thread only.
/// <c>validate</c> hashes the file as it reads it (its SHA-256 names the submission); with
/// <paramref name="hashGiven"/> the SHA-256 is passed in, as ingestion passes the one it took while
/// staging the upload, and the validator does not hash: the work of a file in production.
/// </summary>
public sealed class PipelineEngine(int threads, bool hashGiven = false) : IEngine
{
    // What ingestion's staging would have computed; its value plays no part in the validation.
    private static readonly string GivenSha256 = new('0', 64);

    private readonly SubmissionValidator _validator = new(ReferenceCatalog.Default, new ValidationOptions
    {
        MaxRows = 0, MaxBytes = 0, MaxParallelism = threads, ParallelFromBytes = 0,
    });

    public string Name => string.Create(CultureInfo.InvariantCulture, $"ours, {threads} thread(s){(hashGiven ? HashGivenSuffix : "")}");

    /// <summary>What the name of an engine given the hash ends with.</summary>
    public const string HashGivenSuffix = ", hash given";

    public int Threads => threads;

    public bool HashGiven => hashGiven;

    public async Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, TotalsSum>(StringComparer.Ordinal);
        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var file = new SubmissionFile(SubmissionCsv.Mandataire, path, Path.GetFileName(path), "compare", DateTimeOffset.UnixEpoch, hashGiven ? GivenSha256 : null);
        var report = await _validator.ValidateAsync(content, file, project =>
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, project.RegionCode, out _);
            sum = sum.Add(project);
        }, cancellationToken);
        if (!report.IsAccepted)
        {
            var first = report.Errors.FirstOrDefault();
            throw new InvalidOperationException(
                $"The pipeline rejected {path}: {report.ErrorCount} error(s), first {first?.Code} at row {first?.Row} ({first?.Field}).");
        }

        return [.. sums.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var totals = s.Value.ToTotals($"region {s.Key}");
            return new RegionTotals(s.Key, totals.ProjectCount, totals.CancelledProjectCount, totals.FqisAmountCents, totals.OtherAmountCents, totals.PeopleReached);
        })];
    }
}

/// <summary>
/// DuckDB, in memory: <c>read_csv</c> with every column declared and cast to the type our schema gives
/// it (money DECIMAL(18,2), dates DATE, people INTEGER), each column touched so that none is skipped by
/// projection pushdown, the project numbers counted distinct and the dates ordered (two of our rules),
/// grouped by region. <paramref name="threads"/> is DuckDB's <c>SET threads</c>.
/// </summary>
public sealed class DuckDbEngine(int threads) : IEngine
{
    private const string Columns =
        "{'exercice': 'VARCHAR', 'no_projet': 'VARCHAR', 'titre_projet': 'VARCHAR', 'organisme_promoteur': 'VARCHAR', " +
        "'neq': 'VARCHAR', 'region_code': 'VARCHAR', 'municipalite': 'VARCHAR', 'axe_intervention': 'VARCHAR', " +
        "'clientele_cible': 'VARCHAR', 'montant_fqis': 'DECIMAL(18,2)', 'montant_autres_sources': 'DECIMAL(18,2)', " +
        "'date_debut': 'DATE', 'date_fin': 'DATE', 'personnes_rejointes': 'INTEGER', 'statut': 'VARCHAR', 'courriel_contact': 'VARCHAR'}";

    public string Name => string.Create(CultureInfo.InvariantCulture, $"DuckDB, {threads} thread(s)");

    public int Threads => threads;

    public async Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using (var set = connection.CreateCommand())
        {
            set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}");
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var query = connection.CreateCommand();
        query.CommandText = $"""
            SELECT region_code,
                   count(*) FILTER (WHERE statut <> 'annule') AS projects,
                   count(*) FILTER (WHERE statut = 'annule') AS cancelled,
                   CAST(coalesce(sum(montant_fqis) FILTER (WHERE statut <> 'annule'), 0) * 100 AS BIGINT) AS fqis_cents,
                   CAST(coalesce(sum(montant_autres_sources) FILTER (WHERE statut <> 'annule'), 0) * 100 AS BIGINT) AS other_cents,
                   CAST(coalesce(sum(personnes_rejointes) FILTER (WHERE statut <> 'annule'), 0) AS BIGINT) AS people,
                   count(*) AS all_rows,
                   count(DISTINCT no_projet) AS distinct_numbers,
                   count(*) FILTER (WHERE date_fin < date_debut) AS end_before_start,
                   count(exercice) + count(titre_projet) + count(organisme_promoteur) + count(neq) + count(municipalite)
                     + count(axe_intervention) + count(clientele_cible) + count(courriel_contact) AS cells_touched
            FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true, delim = ',', quote = '"',
                          auto_detect = false, columns = {Columns})
            GROUP BY region_code
            ORDER BY region_code
            """;
        var totals = new List<RegionTotals>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var region = reader.GetString(0);
            if (reader.GetInt64(7) != reader.GetInt64(6) || reader.GetInt64(8) != 0)
                throw new InvalidOperationException($"DuckDB found duplicate project numbers or dates out of order in region {region} of {path}.");
            totals.Add(new RegionTotals(region, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return totals;
    }
}
