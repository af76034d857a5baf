using System.Text.Encodings.Web;
using System.Text.Json;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// Writes the rows of both tables twice, as CSV and as JSON (an array of objects with the CSV's
/// column names, amounts as numbers with two decimals, dates as <c>AAAA-MM-JJ</c> strings, empty
/// optional values as <c>null</c>). JSON values are not neutralised: no spreadsheet evaluates them.
/// </summary>
internal static class SnapshotRows
{
    public static JsonWriterOptions JsonOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        // Accents stay readable in the file; the files are served as application/json, never inlined in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Header(OpenDataCsv csv, OpenDataTable table) => csv.Header(table.Fields.Select(f => f.Name));

    public static void WriteProject(OpenDataCsv csv, Utf8JsonWriter json, string mandataire, Project p, ReferenceCatalog catalog)
    {
        var regionName = catalog.FindRegion(p.RegionCode)?.Name
            ?? throw new InvalidDataException($"Project {p.NoProjet} of {mandataire} names unknown region {p.RegionCode}.");
        var fqis = Money.ToCents(p.MontantFqis);
        var other = Money.ToCents(p.MontantAutresSources);
        // Free text is public here: e-mail addresses and phone numbers typed in it are redacted (docs/opendata.md).
        var titre = PersonalData.Redact(p.TitreProjet)!;
        var organisme = PersonalData.Redact(p.OrganismePromoteur)!;
        var municipalite = PersonalData.Redact(p.Municipalite);

        csv.Text(p.Exercice);
        csv.Text(mandataire);
        csv.Text(p.RegionCode);
        csv.Text(regionName);
        csv.Text(p.NoProjet);
        csv.Text(titre);
        csv.Text(organisme);
        csv.Text(p.Neq);
        csv.Text(municipalite);
        csv.Text(p.AxeIntervention);
        csv.Text(p.ClienteleCible);
        csv.Cents(fqis);
        csv.Cents(other);
        csv.Date(p.DateDebut);
        csv.Date(p.DateFin);
        csv.Integer(p.PersonnesRejointes);
        csv.Text(p.Statut);
        csv.EndRow();

        json.WriteStartObject();
        json.WriteString("exercice", p.Exercice);
        json.WriteString("mandataire", mandataire);
        json.WriteString("region_code", p.RegionCode);
        json.WriteString("region_nom", regionName);
        json.WriteString("no_projet", p.NoProjet);
        json.WriteString("titre_projet", titre);
        json.WriteString("organisme_promoteur", organisme);
        StringOrNull(json, "neq", p.Neq);
        StringOrNull(json, "municipalite", municipalite);
        json.WriteString("axe_intervention", p.AxeIntervention);
        json.WriteString("clientele_cible", p.ClienteleCible);
        Amount(json, "montant_fqis", fqis);
        Amount(json, "montant_autres_sources", other);
        json.WriteString("date_debut", OpenDataFormat.Date(p.DateDebut));
        json.WriteString("date_fin", OpenDataFormat.Date(p.DateFin));
        json.WriteNumber("personnes_rejointes", p.PersonnesRejointes);
        json.WriteString("statut", p.Statut);
        json.WriteEndObject();
    }

    public static void WriteRegionalTotal(OpenDataCsv csv, Utf8JsonWriter json, RegionalTotal t)
    {
        csv.Text(t.Exercice);
        csv.Text(t.RegionCode);
        csv.Text(t.RegionName);
        csv.Integer(t.MandataireCount);
        csv.Integer(t.Totals.ProjectCount);
        csv.Integer(t.Totals.CancelledProjectCount);
        csv.Cents(t.Totals.FqisAmountCents);
        csv.Cents(t.Totals.OtherAmountCents);
        csv.Integer(t.Totals.PeopleReached);
        csv.EndRow();

        json.WriteStartObject();
        json.WriteString("exercice", t.Exercice);
        json.WriteString("region_code", t.RegionCode);
        json.WriteString("region_nom", t.RegionName);
        json.WriteNumber("nb_mandataires", t.MandataireCount);
        json.WriteNumber("nb_projets", t.Totals.ProjectCount);
        json.WriteNumber("nb_projets_annules", t.Totals.CancelledProjectCount);
        Amount(json, "montant_fqis", t.Totals.FqisAmountCents);
        Amount(json, "montant_autres_sources", t.Totals.OtherAmountCents);
        json.WriteNumber("personnes_rejointes", t.Totals.PeopleReached);
        json.WriteEndObject();
    }

    private static void StringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    // Raw so that 12500.50 keeps its two decimals; a decimal would print 12500.5.
    private static void Amount(Utf8JsonWriter json, string name, long cents)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(OpenDataFormat.Amount(cents), skipInputValidation: true);
    }
}
