using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tools.Demo;

/// <summary>
/// Makes plausible, fictitious projects for one mandataire. Every title and organisation says it is
/// fictitious (<c>(fictif)</c>, <c>Organisme fictif 12</c>); e-mails use the reserved
/// <c>example.org</c> domain and random enterprise numbers starting with <c>99</c>.
/// </summary>
internal static class SyntheticProjects
{
    private static readonly DateOnly ExerciceStart = new(2022, 4, 1);
    private static readonly DateOnly ExerciceEnd = new(2023, 3, 31);

    // Titles by area of intervention: the kind of projects an alliance funds.
    private static readonly (string Axe, string[] Titles)[] TitlesByAxe =
    [
        ("securite_alimentaire", ["Cuisines collectives", "Épicerie solidaire", "Frigo communautaire", "Jardins collectifs", "Paniers de Noël"]),
        ("logement", ["Accompagnement en recherche de logement", "Comité de locataires", "Aide aux premiers loyers"]),
        ("transport", ["Navette solidaire", "Transport bénévole vers les services", "Vélos partagés de quartier"]),
        ("reussite_educative", ["Aide aux devoirs", "Ateliers parents-enfants", "Club de lecture jeunesse"]),
        ("emploi_integration", ["Plateau de travail", "Accompagnement vers l'emploi", "Francisation en milieu de travail"]),
        ("sante_bien_etre", ["Halte-répit", "Activités de prévention", "Cafés-rencontres en santé mentale"]),
        ("participation_sociale", ["Café de quartier", "Fête de voisinage", "Comité citoyen", "Bénévolat intergénérationnel"]),
        ("autre", ["Concertation locale", "Diagnostic de territoire"]),
    ];

    private static readonly string[] OrganisationKinds =
        ["Organisme", "Centre communautaire", "Carrefour d'entraide", "Regroupement", "Comptoir alimentaire", "Service bénévole"];

    // The main town of each mandataire's territory, for the optional municipalite column.
    private static readonly Dictionary<string, string> Towns = new(StringComparer.Ordinal)
    {
        ["bas-saint-laurent"] = "Rimouski", ["saguenay-lac-saint-jean"] = "Saguenay", ["capitale-nationale"] = "Québec",
        ["mauricie"] = "Trois-Rivières", ["estrie"] = "Sherbrooke", ["montreal"] = "Montréal", ["outaouais"] = "Gatineau",
        ["abitibi-temiscamingue"] = "Rouyn-Noranda", ["cote-nord"] = "Baie-Comeau", ["jamesie"] = "Chibougamau",
        ["eeyou-istchee"] = "Chisasibi", ["nunavik"] = "Kuujjuaq", ["gaspesie-iles-de-la-madeleine"] = "Gaspé",
        ["chaudiere-appalaches"] = "Lévis", ["laval"] = "Laval", ["lanaudiere"] = "Joliette", ["laurentides"] = "Saint-Jérôme",
        ["monteregie-est"] = "Saint-Hyacinthe", ["monteregie-ouest"] = "Salaberry-de-Valleyfield", ["longueuil"] = "Longueuil",
        ["centre-du-quebec"] = "Drummondville",
    };

    /// <summary>Between 24 and 40 projects, numbered from 1, for exercice 2022-2023.</summary>
    public static List<Project> Make(Mandataire mandataire, Random random)
    {
        var count = random.Next(24, 41);
        var projects = new List<Project>(count);
        for (var n = 1; n <= count; n++) projects.Add(MakeOne(mandataire, n, random));
        return projects;
    }

    /// <summary>One project numbered <paramref name="number"/>; the number only shapes <c>no_projet</c>.</summary>
    public static Project MakeOne(Mandataire mandataire, int number, Random random)
    {
        var (axe, titles) = TitlesByAxe[random.Next(TitlesByAxe.Length)];
        var clientele = SchemaV1.ClientelesCibles[random.Next(SchemaV1.ClientelesCibles.Count)].Code;
        var start = ExerciceStart.AddDays(random.Next(0, 300));
        var end = start.AddDays(random.Next(30, 400));
        var cancelled = random.Next(12) == 0;
        var organisation = $"{OrganisationKinds[random.Next(OrganisationKinds.Length)]} fictif {random.Next(1, 80)}";

        return new Project(
            Exercice: SyntheticSubmissions.Exercice,
            NoProjet: $"{Prefix(mandataire.Code)}-2223-{number:000}",
            TitreProjet: $"{titles[random.Next(titles.Length)]} (fictif)",
            OrganismePromoteur: organisation,
            Neq: random.Next(3) == 0 ? $"99{random.Next(0, 100_000_000):00000000}" : null,
            RegionCode: mandataire.RegionCode,
            Municipalite: random.Next(4) == 0 ? null : Towns.GetValueOrDefault(mandataire.Code),
            AxeIntervention: axe,
            ClienteleCible: clientele,
            MontantFqis: Cents(random, 1_500_00, 85_000_00),
            MontantAutresSources: random.Next(3) == 0 ? 0m : Cents(random, 100_00, 40_000_00),
            DateDebut: start,
            DateFin: end,
            PersonnesRejointes: random.Next(8, 1_800),
            Statut: cancelled ? ProjectStatus.Annule : end <= ExerciceEnd ? ProjectStatus.Termine : ProjectStatus.EnCours,
            CourrielContact: random.Next(3) == 0 ? null : $"contact{number}.{mandataire.Code}@example.org");
    }

    /// <summary>An amount in whole cents, as exact dollars.</summary>
    public static decimal Cents(Random random, int minCents, int maxCents) => random.Next(minCents, maxCents) / 100m;

    // estrie -> EST, bas-saint-laurent -> BSL: short, readable project numbers.
    private static string Prefix(string code)
    {
        var parts = code.Split('-');
        return parts.Length == 1
            ? code[..Math.Min(3, code.Length)].ToUpperInvariant()
            : string.Concat(parts.Select(p => char.ToUpperInvariant(p[0])));
    }
}
