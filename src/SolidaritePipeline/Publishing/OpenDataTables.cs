using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Publishing;

/// <summary>A project as published: the accepted project and the mandataire whose submission declared it.</summary>
public sealed record PublishedProject(string Mandataire, Project Project);

/// <summary>The Table Schema type of a published column.</summary>
public enum OpenDataType
{
    String,
    Number,
    Integer,
    Date,
    Boolean,
}

/// <summary>
/// One column of a published table: its name (the CSV header and the JSON property), its Table
/// Schema type and constraints, and its French title and description.
/// </summary>
public sealed record OpenDataField(
    string Name,
    OpenDataType Type,
    string TitleFr,
    string DescriptionFr,
    bool Required = true,
    IReadOnlyList<string>? Enum = null,
    string? Pattern = null,
    decimal? Minimum = null,
    decimal? Maximum = null);

/// <summary>A Frictionless foreign key: <paramref name="Field"/> of this table names a row of <paramref name="Resource"/> by its <c>code</c>.</summary>
public sealed record OpenDataForeignKey(string Field, string Resource, string ReferenceField = "code");

/// <summary>One published table: file stem, French title and description, columns, primary key and foreign keys.</summary>
public sealed record OpenDataTable(
    string Name,
    string TitleFr,
    string DescriptionFr,
    IReadOnlyList<OpenDataField> Fields,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<OpenDataForeignKey>? ForeignKeys = null)
{
    public string CsvFileName => Name + ".csv";
    public string JsonFileName => Name + ".json";
}

/// <summary>
/// The fact tables of the open-data snapshot (design.md section 6); the dimensions are in
/// <see cref="OpenDataDimensions"/>. Their columns drive the CSV headers, the JSON property names, the
/// Table Schemas of <c>datapackage.json</c> and the names the read API serves, so none can drift apart.
/// Columns added after the first publication go at the end (section 6 is a contract).
/// </summary>
public static class OpenDataTables
{
    public const string ExercicePattern = "^[0-9]{4}-[0-9]{4}$";
    public const string NeutralisationNoteFr =
        " Une cellule de texte qui commence par =, +, -, @, une tabulation, un retour de chariot ou une apostrophe" +
        " est précédée d'une apostrophe (') contre l'injection de formules dans les tableurs.";

    public static OpenDataTable<RegionalTotal> RegionalTotals(ReferenceCatalog catalog) => new(
        "totaux-regionaux",
        "Totaux régionaux des Alliances pour la solidarité",
        "Totaux par exercice financier et par région administrative des projets financés par le Fonds québécois " +
        "d'initiatives sociales (FQIS) dans le cadre des Alliances pour la solidarité, selon les redditions de comptes " +
        "acceptées des mandataires. Les 17 régions figurent pour chaque exercice, avec des zéros au besoin. " +
        "Les projets annulés sont comptés à part et n'entrent ni dans les montants ni dans les personnes rejointes.",
        [
            (Exercice(), t => OpenDataCell.String(t.Exercice)),
            (RegionCode(catalog), t => OpenDataCell.String(t.RegionCode)),
            (RegionName(), t => OpenDataCell.String(t.RegionName)),
            (new("nb_mandataires", OpenDataType.Integer, "Nombre de mandataires",
                "Nombre de mandataires de la région dont une reddition de comptes est acceptée pour l'exercice.", Minimum: 0),
                t => OpenDataCell.Integer(t.MandataireCount)),
            .. Measures<RegionalTotal>(t => t.Totals, "de la région"),
        ],
        ["exercice", "region_code"],
        [ToExercices, ToRegions]);

    /// <summary>One row per mandataire and exercice with an accepted submission: the measures of its current submission.</summary>
    public static OpenDataTable<MandataireTotal> MandataireTotals(ReferenceCatalog catalog) => new(
        "totaux-mandataires",
        "Totaux par mandataire des Alliances pour la solidarité",
        "Totaux par exercice financier et par mandataire, tels que les déclare la reddition de comptes acceptée et la plus " +
        "récente de chaque mandataire. Un mandataire sans reddition acceptée pour un exercice n'a pas de ligne pour cet exercice. " +
        "Les projets annulés sont comptés à part et n'entrent ni dans les montants ni dans les personnes rejointes.",
        [
            (Exercice(), t => OpenDataCell.String(t.Exercice)),
            (Mandataire(catalog), t => OpenDataCell.String(t.Mandataire)),
            (RegionCode(catalog), t => OpenDataCell.String(t.RegionCode)),
            .. Measures<MandataireTotal>(t => t.Totals, "du mandataire"),
        ],
        ["exercice", "mandataire"],
        [ToExercices, ToMandataires, ToRegions]);

    // The measures of both totals tables, in the order of totaux-regionaux.csv: dollars first (the
    // published contract), then the same amounts in cents, added later at the end.
    private static IEnumerable<(OpenDataField, Func<TRow, OpenDataCell>)> Measures<TRow>(Func<TRow, SubmissionTotals> totals, string of) =>
    [
        (new("nb_projets", OpenDataType.Integer, "Nombre de projets",
            "Nombre de projets non annulés.", Minimum: 0), r => OpenDataCell.Integer(totals(r).ProjectCount)),
        (new("nb_projets_annules", OpenDataType.Integer, "Nombre de projets annulés",
            "Nombre de projets annulés (exclus des montants et des personnes rejointes).", Minimum: 0),
            r => OpenDataCell.Integer(totals(r).CancelledProjectCount)),
        (new("montant_fqis", OpenDataType.Number, "Montant FQIS ($)",
            $"Somme des montants accordés par le FQIS aux projets non annulés {of}, en dollars canadiens, deux décimales.", Minimum: 0),
            r => OpenDataCell.Dollars(totals(r).FqisAmountCents)),
        (new("montant_autres_sources", OpenDataType.Number, "Montant d'autres sources ($)",
            $"Somme du financement d'autres sources des projets non annulés {of}, en dollars canadiens, deux décimales.", Minimum: 0),
            r => OpenDataCell.Dollars(totals(r).OtherAmountCents)),
        (new("personnes_rejointes", OpenDataType.Integer, "Personnes rejointes",
            $"Somme des personnes rejointes par les projets non annulés {of}.", Minimum: 0),
            r => OpenDataCell.Integer(totals(r).PeopleReached)),
        (CentsOf("montant_fqis", "Montant FQIS"), r => OpenDataCell.Integer(totals(r).FqisAmountCents)),
        (CentsOf("montant_autres_sources", "Montant d'autres sources"), r => OpenDataCell.Integer(totals(r).OtherAmountCents)),
    ];

    /// <summary>
    /// One row per project of the current submissions. Free text is public here: e-mail addresses and
    /// phone numbers typed in it are redacted (docs/opendata.md).
    /// </summary>
    public static OpenDataTable<PublishedProject> Projects(ReferenceCatalog catalog) => new(
        "projets",
        "Projets des Alliances pour la solidarité",
        "Un projet par ligne, tel que déclaré dans la reddition de comptes acceptée et la plus récente de chaque " +
        "mandataire pour chaque exercice. Aucun renseignement personnel n'est publié : le courriel de contact est exclu, et les " +
        "adresses courriel et numéros de téléphone saisis dans le titre, l'organisme ou la municipalité sont remplacés par " +
        "« [courriel retiré] » ou « [téléphone retiré] »." +
        NeutralisationNoteFr,
        [
            (Exercice(), r => OpenDataCell.String(r.Project.Exercice)),
            (Mandataire(catalog), r => OpenDataCell.String(r.Mandataire)),
            (RegionCode(catalog), r => OpenDataCell.String(r.Project.RegionCode)),
            (RegionName(), r => OpenDataCell.String(RegionNameOf(r, catalog))),
            (FromSchema("no_projet"), r => OpenDataCell.String(r.Project.NoProjet)),
            (FromSchema("titre_projet"), r => OpenDataCell.String(PersonalData.Redact(r.Project.TitreProjet))),
            (FromSchema("organisme_promoteur"), r => OpenDataCell.String(PersonalData.Redact(r.Project.OrganismePromoteur))),
            (FromSchema("neq", "Numéro d'entreprise du Québec de l'organisme : 10 chiffres (vide s'il n'a pas été fourni).",
                pattern: "^[0-9]{10}$"), r => OpenDataCell.String(r.Project.Neq)),
            (FromSchema("municipalite"), r => OpenDataCell.String(PersonalData.Redact(r.Project.Municipalite))),
            (FromSchema("axe_intervention"), r => OpenDataCell.String(r.Project.AxeIntervention)),
            (FromSchema("clientele_cible"), r => OpenDataCell.String(r.Project.ClienteleCible)),
            (FromSchema("montant_fqis", "Montant accordé par le FQIS, en dollars canadiens, deux décimales.",
                minimum: 0, maximum: SchemaV1.MaxMontantFqis), r => OpenDataCell.Dollars(Money.ToCents(r.Project.MontantFqis))),
            (FromSchema("montant_autres_sources", "Financement d'autres sources, en dollars canadiens, deux décimales (0 si aucun).",
                minimum: 0, maximum: SchemaV1.MaxMontantAutresSources, required: true),
                r => OpenDataCell.Dollars(Money.ToCents(r.Project.MontantAutresSources))),
            (FromSchema("date_debut", "Date de début du projet (AAAA-MM-JJ)."), r => OpenDataCell.Date(r.Project.DateDebut)),
            (FromSchema("date_fin", "Date de fin du projet (AAAA-MM-JJ), égale ou postérieure à la date de début."),
                r => OpenDataCell.Date(r.Project.DateFin)),
            (FromSchema("personnes_rejointes", minimum: 0, maximum: SchemaV1.MaxPersonnesRejointes), r => OpenDataCell.Integer(r.Project.PersonnesRejointes)),
            (FromSchema("statut"), r => OpenDataCell.String(r.Project.Statut)),
            (CentsOf("montant_fqis", "Montant FQIS"), r => OpenDataCell.Integer(Money.ToCents(r.Project.MontantFqis))),
            (CentsOf("montant_autres_sources", "Montant d'autres sources"), r => OpenDataCell.Integer(Money.ToCents(r.Project.MontantAutresSources))),
        ],
        ["exercice", "mandataire", "no_projet"],
        [ToExercices, ToMandataires, ToRegions, new("axe_intervention", "axes"), new("clientele_cible", "clienteles"), new("statut", "statuts")]);

    // The region's name from the catalog; a code the catalog does not know stops the publication.
    private static string RegionNameOf(PublishedProject row, ReferenceCatalog catalog) =>
        catalog.FindRegion(row.Project.RegionCode)?.Name
        ?? throw new InvalidDataException($"Project {row.Project.NoProjet} of {row.Mandataire} names unknown region {row.Project.RegionCode}.");

    private static readonly OpenDataForeignKey ToExercices = new("exercice", "exercices");
    private static readonly OpenDataForeignKey ToRegions = new("region_code", "regions");
    private static readonly OpenDataForeignKey ToMandataires = new("mandataire", "mandataires");

    private static OpenDataField CentsOf(string amount, string title) => new(amount + "_cents", OpenDataType.Integer,
        $"{title} (cents)", $"La valeur de {amount} en cents, nombre entier exact (100 cents = 1 $).", Minimum: 0);

    private static OpenDataField Mandataire(ReferenceCatalog catalog) => new("mandataire", OpenDataType.String, "Mandataire",
        "Code du mandataire régional (voir mandataires.csv).", Enum: catalog.Mandataires.Select(m => m.Code).ToArray());

    internal static OpenDataField Exercice() => new("exercice", OpenDataType.String, "Exercice financier",
        "Exercice financier du 1er avril au 31 mars, sous la forme AAAA-AAAA (ex. 2022-2023).", Pattern: ExercicePattern);

    internal static OpenDataField RegionCode(ReferenceCatalog catalog) => new("region_code", OpenDataType.String,
        "Code de région administrative", "Code à deux chiffres de la région administrative du Québec (01 à 17).",
        Enum: catalog.Regions.Select(r => r.Code).ToArray());

    private static OpenDataField RegionName() => new("region_nom", OpenDataType.String,
        "Région administrative", "Nom de la région administrative.");

    // Titles and descriptions come from submission schema v1; where the published form differs from what a
    // mandataire may type (formats, optional values filled in), the description says what the file holds.
    private static OpenDataField FromSchema(
        string name, string? descriptionFr = null, string? pattern = null,
        decimal? minimum = null, decimal? maximum = null, bool? required = null)
    {
        var field = SchemaV1.Find(name) ?? throw new InvalidOperationException($"Schema v1 has no field '{name}'.");
        var type = field.Type switch
        {
            FieldType.Money => OpenDataType.Number,
            FieldType.Integer => OpenDataType.Integer,
            FieldType.Date => OpenDataType.Date,
            _ => OpenDataType.String,
        };
        var isText = field.Type is FieldType.Text;
        return new OpenDataField(
            name,
            type,
            field.TitleFr,
            (descriptionFr ?? field.DescriptionFr) + (isText ? NeutralisationNoteFr : ""),
            required ?? field.Required,
            field.AllowedValues?.Select(v => v.Code).ToArray(),
            pattern,
            minimum,
            maximum);
    }
}
