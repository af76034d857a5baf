using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Publishing;

/// <summary>The Table Schema type of a published column.</summary>
public enum OpenDataType
{
    String,
    Number,
    Integer,
    Date,
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

/// <summary>One published table: file stem, French title and description, columns and primary key.</summary>
public sealed record OpenDataTable(
    string Name,
    string TitleFr,
    string DescriptionFr,
    IReadOnlyList<OpenDataField> Fields,
    IReadOnlyList<string> PrimaryKey)
{
    public string CsvFileName => Name + ".csv";
    public string JsonFileName => Name + ".json";
}

/// <summary>
/// The two tables of the open-data snapshot (design.md section 6). Their columns drive the CSV
/// headers, the JSON property names and the Table Schemas of <c>datapackage.json</c>, so the three
/// cannot drift apart.
/// </summary>
public static class OpenDataTables
{
    public const string ExercicePattern = "^[0-9]{4}-[0-9]{4}$";
    public const string NeutralisationNoteFr =
        " Une cellule de texte qui commence par =, +, -, @, une tabulation, un retour de chariot ou une apostrophe" +
        " est précédée d'une apostrophe (') contre l'injection de formules dans les tableurs.";

    public static OpenDataTable RegionalTotals(ReferenceCatalog catalog) => new(
        "totaux-regionaux",
        "Totaux régionaux des Alliances pour la solidarité",
        "Totaux par exercice financier et par région administrative des projets financés par le Fonds québécois " +
        "d'initiatives sociales (FQIS) dans le cadre des Alliances pour la solidarité, selon les redditions de comptes " +
        "acceptées des mandataires. Les 17 régions figurent pour chaque exercice, avec des zéros au besoin. " +
        "Les projets annulés sont comptés à part et n'entrent ni dans les montants ni dans les personnes rejointes.",
        [
            Exercice(),
            RegionCode(catalog),
            RegionName(),
            new("nb_mandataires", OpenDataType.Integer, "Nombre de mandataires",
                "Nombre de mandataires de la région dont une reddition de comptes est acceptée pour l'exercice.", Minimum: 0),
            new("nb_projets", OpenDataType.Integer, "Nombre de projets",
                "Nombre de projets non annulés.", Minimum: 0),
            new("nb_projets_annules", OpenDataType.Integer, "Nombre de projets annulés",
                "Nombre de projets annulés (exclus des montants et des personnes rejointes).", Minimum: 0),
            new("montant_fqis", OpenDataType.Number, "Montant FQIS ($)",
                "Somme des montants accordés par le FQIS aux projets non annulés, en dollars canadiens, deux décimales.", Minimum: 0),
            new("montant_autres_sources", OpenDataType.Number, "Montant d'autres sources ($)",
                "Somme du financement d'autres sources des projets non annulés, en dollars canadiens, deux décimales.", Minimum: 0),
            new("personnes_rejointes", OpenDataType.Integer, "Personnes rejointes",
                "Somme des personnes rejointes par les projets non annulés.", Minimum: 0),
        ],
        ["exercice", "region_code"]);

    public static OpenDataTable Projects(ReferenceCatalog catalog) => new(
        "projets",
        "Projets des Alliances pour la solidarité",
        "Un projet par ligne, tel que déclaré dans la reddition de comptes acceptée et la plus récente de chaque " +
        "mandataire pour chaque exercice. Aucun renseignement personnel n'est publié : le courriel de contact est exclu, et les " +
        "adresses courriel et numéros de téléphone saisis dans le titre, l'organisme ou la municipalité sont remplacés par " +
        "« [courriel retiré] » ou « [téléphone retiré] »." +
        NeutralisationNoteFr,
        [
            Exercice(),
            new("mandataire", OpenDataType.String, "Mandataire",
                "Code du mandataire régional qui a financé le projet.",
                Enum: catalog.Mandataires.Select(m => m.Code).ToArray()),
            RegionCode(catalog),
            RegionName(),
            FromSchema("no_projet"),
            FromSchema("titre_projet"),
            FromSchema("organisme_promoteur"),
            FromSchema("neq", "Numéro d'entreprise du Québec de l'organisme : 10 chiffres (vide s'il n'a pas été fourni).",
                pattern: "^[0-9]{10}$"),
            FromSchema("municipalite"),
            FromSchema("axe_intervention"),
            FromSchema("clientele_cible"),
            FromSchema("montant_fqis", "Montant accordé par le FQIS, en dollars canadiens, deux décimales.",
                minimum: 0, maximum: SchemaV1.MaxMontantFqis),
            FromSchema("montant_autres_sources", "Financement d'autres sources, en dollars canadiens, deux décimales (0 si aucun).",
                minimum: 0, maximum: SchemaV1.MaxMontantAutresSources, required: true),
            FromSchema("date_debut", "Date de début du projet (AAAA-MM-JJ)."),
            FromSchema("date_fin", "Date de fin du projet (AAAA-MM-JJ), égale ou postérieure à la date de début."),
            FromSchema("personnes_rejointes", minimum: 0, maximum: SchemaV1.MaxPersonnesRejointes),
            FromSchema("statut"),
        ],
        ["exercice", "mandataire", "no_projet"]);

    private static OpenDataField Exercice() => new("exercice", OpenDataType.String, "Exercice financier",
        "Exercice financier du 1er avril au 31 mars, sous la forme AAAA-AAAA (ex. 2022-2023).", Pattern: ExercicePattern);

    private static OpenDataField RegionCode(ReferenceCatalog catalog) => new("region_code", OpenDataType.String,
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
