using System.Globalization;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Publishing;

/// <summary>A <c>since</c> that is not an ISO 8601 date and time; its message is bilingual, French first.</summary>
public sealed class InvalidSinceException(string value) : Exception(
    $"Valeur « since » invalide « {value} » : écrivez une date et heure ISO 8601 (ex. 2026-11-26T07:00:00Z). / " +
    $"Invalid 'since' '{value}': write an ISO 8601 date and time (e.g. 2026-11-26T07:00:00Z).");

/// <summary>
/// <c>GET api/mandataire-totals</c>: the rows of <c>MandataireTotals</c>, with the columns and names of
/// <c>totaux-mandataires.csv</c>.
/// </summary>
public sealed class MandataireTotalsQuery(IPublishedData data)
{
    public async Task<IReadOnlyList<MandataireTotal>> ReadAsync(string? exercice, CancellationToken cancellationToken)
    {
        var only = exercice is null ? null : RegionalTotalsQuery.NormaliseExercice(exercice);
        var rows = await new CurrentSubmissions(data).ReadAsync(cancellationToken);
        return only is null ? rows : rows.Where(r => r.Exercice == only).ToArray();
    }

    public static byte[] ToJson(IReadOnlyList<MandataireTotal> rows) =>
        OpenDataTables.MandataireTotals(ReferenceCatalog.Default).ToJson(rows);

    public static Task<byte[]> ToCsvAsync(IReadOnlyList<MandataireTotal> rows, CancellationToken cancellationToken) =>
        OpenDataTables.MandataireTotals(ReferenceCatalog.Default).ToCsvAsync(rows, cancellationToken);
}

/// <summary>
/// <c>GET api/submissions?exercice=&amp;since=</c>: the ministry's view of the <c>Submissions</c> table for
/// incremental refresh. <c>since</c> keeps the uploads processed strictly after that instant, so a
/// refresh that passes the largest <c>traitee_le</c> it has seen gets only what is new.
/// </summary>
public sealed class SubmissionsQuery(IPublishedData data)
{
    public static DateTimeOffset ParseSince(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) && value.Contains('T')
            ? since
            : throw new InvalidSinceException(value);

    /// <summary>Rows ordered by processing time, then mandataire and id, so pages of a refresh line up.</summary>
    public async Task<IReadOnlyList<SubmissionView>> ReadAsync(string? exercice, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var only = exercice is null ? null : RegionalTotalsQuery.NormaliseExercice(exercice);
        var rows = await data.ReadSubmissionsAsync(only, since, cancellationToken);
        return rows
            .OrderBy(r => r.ProcessedAt)
            .ThenBy(r => r.Mandataire, StringComparer.Ordinal)
            .ThenBy(r => r.SubmissionId, StringComparer.Ordinal)
            .ToArray();
    }

    public static byte[] ToJson(IReadOnlyList<SubmissionView> rows) => Table.ToJson(rows);

    public static Task<byte[]> ToCsvAsync(IReadOnlyList<SubmissionView> rows, CancellationToken cancellationToken) => Table.ToCsvAsync(rows, cancellationToken);

    private static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static OpenDataCell Measure(SubmissionView v, Func<SubmissionTotals, long> measure, bool dollars) =>
        v.Totals is { } totals
            ? dollars ? OpenDataCell.Dollars(measure(totals)) : OpenDataCell.Integer(measure(totals))
            : OpenDataCell.Missing(dollars ? OpenDataType.Number : OpenDataType.Integer);

    /// <summary>The columns of the submissions read, named like the open data's (docs/bi.md); not published as open data.</summary>
    internal static OpenDataTable<SubmissionView> Table { get; } = new(
        "soumissions",
        "Redditions de comptes traitées",
        "Une ligne par fichier traité : statut, exercice, comptes et, pour une reddition acceptée, ses totaux.",
        [
            (new("mandataire", OpenDataType.String, "Mandataire", "Code du mandataire."), v => OpenDataCell.String(v.Mandataire)),
            (new("soumission", OpenDataType.String, "Soumission", "Identifiant de la soumission."), v => OpenDataCell.String(v.SubmissionId)),
            (new("statut", OpenDataType.String, "Statut", "accepted, rejected ou failed."), v => OpenDataCell.String(v.Status)),
            (new("exercice", OpenDataType.String, "Exercice", "Exercice déclaré (vide si le fichier n'a pas pu être lu).", Required: false),
                v => OpenDataCell.String(v.Exercice)),
            (new("courante", OpenDataType.Boolean, "Courante", "Vrai si c'est la reddition acceptée qui compte pour ce mandataire et cet exercice."),
                v => OpenDataCell.Boolean(v.Current)),
            (new("nb_lignes", OpenDataType.Integer, "Lignes", "Nombre de lignes de projets lues."), v => OpenDataCell.Integer(v.RowCount)),
            (new("nb_erreurs", OpenDataType.Integer, "Erreurs", "Nombre d'erreurs du rapport de validation."), v => OpenDataCell.Integer(v.ErrorCount)),
            (new("nb_avertissements", OpenDataType.Integer, "Avertissements", "Nombre d'avertissements."), v => OpenDataCell.Integer(v.WarningCount)),
            (new("recue_le", OpenDataType.String, "Reçue le", "Heure de dépôt du fichier (UTC, ISO 8601)."), v => OpenDataCell.String(Instant(v.UploadedAt))),
            (new("traitee_le", OpenDataType.String, "Traitée le", "Heure du traitement (UTC, ISO 8601) ; celle que compare since."),
                v => OpenDataCell.String(Instant(v.ProcessedAt))),
            (new("nb_projets", OpenDataType.Integer, "Nombre de projets", "Projets non annulés (reddition acceptée)."), v => Measure(v, t => t.ProjectCount, false)),
            (new("nb_projets_annules", OpenDataType.Integer, "Projets annulés", "Projets annulés."), v => Measure(v, t => t.CancelledProjectCount, false)),
            (new("montant_fqis", OpenDataType.Number, "Montant FQIS ($)", "En dollars, deux décimales."), v => Measure(v, t => t.FqisAmountCents, true)),
            (new("montant_autres_sources", OpenDataType.Number, "Autres sources ($)", "En dollars, deux décimales."), v => Measure(v, t => t.OtherAmountCents, true)),
            (new("personnes_rejointes", OpenDataType.Integer, "Personnes rejointes", "Projets non annulés."), v => Measure(v, t => t.PeopleReached, false)),
            (new("montant_fqis_cents", OpenDataType.Integer, "Montant FQIS (cents)", "En cents."), v => Measure(v, t => t.FqisAmountCents, false)),
            (new("montant_autres_sources_cents", OpenDataType.Integer, "Autres sources (cents)", "En cents."), v => Measure(v, t => t.OtherAmountCents, false)),
        ],
        ["mandataire", "soumission"]);
}
