namespace SolidaritePipeline.Submissions;

/// <summary>
/// One project of a submission, normalised to schema v1 (design.md section 3): codes instead of
/// labels, two-digit region code, exact decimal money.
/// </summary>
public sealed record Project(
    string Exercice,
    string NoProjet,
    string TitreProjet,
    string OrganismePromoteur,
    string? Neq,
    string RegionCode,
    string? Municipalite,
    string AxeIntervention,
    string ClienteleCible,
    decimal MontantFqis,
    decimal MontantAutresSources,
    DateOnly DateDebut,
    DateOnly DateFin,
    int PersonnesRejointes,
    string Statut,
    string? CourrielContact)
{
    public bool IsCancelled => Statut == ProjectStatus.Annule;
}

/// <summary>The normalised values of <c>statut</c>.</summary>
public static class ProjectStatus
{
    public const string EnCours = "en_cours";
    public const string Termine = "termine";
    public const string Annule = "annule";
}
