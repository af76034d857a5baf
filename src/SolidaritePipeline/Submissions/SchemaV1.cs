namespace SolidaritePipeline.Submissions;

/// <summary>The kinds of value a schema field holds.</summary>
public enum FieldType
{
    Text,
    Exercice,
    Neq,
    RegionCode,
    Code,
    Money,
    Date,
    Integer,
    Email,
}

/// <summary>One allowed value of an enumerated field: its code and the French label people type.</summary>
public sealed record AllowedValue(string Code, string LabelFr);

/// <summary>One column of submission schema v1 (design.md section 3).</summary>
public sealed record SchemaField(
    string Name,
    bool Required,
    FieldType Type,
    string TitleFr,
    string DescriptionFr,
    string DescriptionEn,
    int? MaxLength = null,
    IReadOnlyList<AllowedValue>? AllowedValues = null,
    decimal? Maximum = null)
{
    public bool IsEnumerated => AllowedValues is { Count: > 0 };
}

/// <summary>Submission schema v1: the fields, in the order templates and normalised files list them.</summary>
public static class SchemaV1
{
    public const string Version = "1";

    // Ceilings: a value above one is a typo, and together they keep every sum of an exercice far
    // inside Int64 cents, the type of the totals tables (docs/schema-limits.md shows the arithmetic).
    public const decimal MaxMontantFqis = 5_000_000m;
    public const decimal MaxMontantAutresSources = 100_000_000m;
    public const int MaxPersonnesRejointes = 1_000_000;

    /// <summary>How many years before the exercice starts, or after it ends, a project's dates may fall.</summary>
    public const int DateWindowYears = 10;

    /// <summary>
    /// The first and last dates a project of the exercice starting on 1 April <paramref name="startYear"/>
    /// may carry: <see cref="DateWindowYears"/> years around the exercice (1 April to 31 March).
    /// </summary>
    public static (DateOnly First, DateOnly Last) DateWindow(int startYear) => (
        new DateOnly(Math.Clamp(startYear - DateWindowYears, 1, 9999), 4, 1),
        new DateOnly(Math.Clamp(startYear + 1 + DateWindowYears, 1, 9999), 3, 31));

    public static IReadOnlyList<AllowedValue> AxesIntervention { get; } =
    [
        new("securite_alimentaire", "Sécurité alimentaire"),
        new("logement", "Logement"),
        new("transport", "Transport"),
        new("reussite_educative", "Réussite éducative"),
        new("emploi_integration", "Emploi et intégration"),
        new("sante_bien_etre", "Santé et bien-être"),
        new("participation_sociale", "Participation sociale"),
        new("autre", "Autre"),
    ];

    public static IReadOnlyList<AllowedValue> ClientelesCibles { get; } =
    [
        new("familles", "Familles"),
        new("jeunes", "Jeunes"),
        new("aines", "Aînés"),
        new("personnes_immigrantes", "Personnes immigrantes"),
        new("autochtones", "Autochtones"),
        new("personnes_handicapees", "Personnes handicapées"),
        new("population_generale", "Population générale"),
        new("autre", "Autre"),
    ];

    public static IReadOnlyList<AllowedValue> Statuts { get; } =
    [
        new(ProjectStatus.EnCours, "En cours"),
        new(ProjectStatus.Termine, "Terminé"),
        new(ProjectStatus.Annule, "Annulé"),
    ];

    public static IReadOnlyList<SchemaField> Fields { get; } =
    [
        new("exercice", true, FieldType.Exercice, "Exercice financier",
            "Exercice financier du 1er avril au 31 mars, sous la forme AAAA-AAAA (ex. 2022-2023), le même sur chaque ligne.",
            "Fiscal year, 1 April to 31 March, written YYYY-YYYY (e.g. 2022-2023), the same on every row."),
        new("no_projet", true, FieldType.Text, "Numéro du projet",
            "Numéro du projet chez le mandataire, unique dans le fichier.",
            "The mandataire's project number, unique in the file.", MaxLength: 40),
        new("titre_projet", true, FieldType.Text, "Titre du projet",
            "Titre du projet.", "Project title.", MaxLength: 250),
        new("organisme_promoteur", true, FieldType.Text, "Organisme promoteur",
            "Nom de l'organisme qui porte le projet.", "Name of the organisation that runs the project.", MaxLength: 250),
        new("neq", false, FieldType.Neq, "NEQ",
            "Numéro d'entreprise du Québec de l'organisme : 10 chiffres (facultatif).",
            "The organisation's Québec enterprise number: 10 digits (optional)."),
        new("region_code", true, FieldType.RegionCode, "Région administrative",
            "Code de la région administrative (01 à 17) ou son nom ; celle du mandataire.",
            "Administrative region code (01 to 17) or its name; the mandataire's own region."),
        new("municipalite", false, FieldType.Text, "Municipalité",
            "Municipalité principale du projet (facultatif).", "The project's main municipality (optional).", MaxLength: 100),
        new("axe_intervention", true, FieldType.Code, "Axe d'intervention",
            "Axe d'intervention principal du projet.", "The project's main area of intervention.",
            AllowedValues: AxesIntervention),
        new("clientele_cible", true, FieldType.Code, "Clientèle cible",
            "Clientèle principalement visée par le projet.", "The project's main target group.",
            AllowedValues: ClientelesCibles),
        new("montant_fqis", true, FieldType.Money, "Montant FQIS ($)",
            "Montant accordé par le FQIS, en dollars, de 0 à 5 000 000, au plus 2 décimales (ex. 12 500,50).",
            "Amount granted by the FQIS, in dollars, 0 to 5,000,000, at most 2 decimals (e.g. 12500.50).",
            Maximum: MaxMontantFqis),
        new("montant_autres_sources", false, FieldType.Money, "Montant d'autres sources ($)",
            "Financement d'autres sources, en dollars, de 0 à 100 000 000, au plus 2 décimales (facultatif, 0 par défaut).",
            "Funding from other sources, in dollars, 0 to 100,000,000, at most 2 decimals (optional, 0 by default).",
            Maximum: MaxMontantAutresSources),
        new("date_debut", true, FieldType.Date, "Date de début",
            "Date de début du projet : AAAA-MM-JJ ou JJ/MM/AAAA, au plus 10 ans avant ou après l'exercice.",
            "Project start date: YYYY-MM-DD or DD/MM/YYYY, at most 10 years before or after the fiscal year."),
        new("date_fin", true, FieldType.Date, "Date de fin",
            "Date de fin du projet, égale ou postérieure à la date de début, au plus 10 ans après l'exercice.",
            "Project end date, on or after the start date, at most 10 years after the fiscal year."),
        new("personnes_rejointes", true, FieldType.Integer, "Personnes rejointes",
            "Nombre de personnes rejointes, nombre entier de 0 à 1 000 000.", "Number of people reached, a whole number from 0 to 1,000,000.",
            Maximum: MaxPersonnesRejointes),
        new("statut", true, FieldType.Code, "Statut",
            "État du projet. Les projets annulés sont comptés à part.", "Project status. Cancelled projects are counted separately.",
            AllowedValues: Statuts),
        new("courriel_contact", false, FieldType.Email, "Courriel de contact",
            "Courriel d'une personne-ressource (facultatif). Renseignement personnel : jamais publié.",
            "A contact person's e-mail (optional). Personal information: never published."),
    ];

    public static SchemaField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
