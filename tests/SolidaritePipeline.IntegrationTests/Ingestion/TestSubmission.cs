using System.Globalization;
using System.Text;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>A project line of a test file, with its money as text exactly as a person would type it.</summary>
public sealed record TestProject(string NoProjet, decimal Fqis, decimal Autres, int Personnes, string Statut = "en_cours");

/// <summary>
/// A submission file written in the test (schema v1 CSV), and the totals it must produce, computed
/// here with plain decimal sums, independently of the pipeline's aggregation code.
/// </summary>
public sealed record TestSubmission(string Exercice, string RegionCode, IReadOnlyList<TestProject> Projects)
{
    public static TestSubmission Of(string exercice, string regionCode, params TestProject[] projects) => new(exercice, regionCode, projects);

    public string Csv()
    {
        var text = new StringBuilder();
        text.Append("exercice;no_projet;titre_projet;organisme_promoteur;region_code;axe_intervention;clientele_cible;")
            .Append("montant_fqis;montant_autres_sources;date_debut;date_fin;personnes_rejointes;statut\n");
        foreach (var p in Projects)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{Exercice};{p.NoProjet};Projet {p.NoProjet};Organisme {p.NoProjet};{RegionCode};logement;familles;") // synthetic data
                .Append(CultureInfo.InvariantCulture, $"{p.Fqis:0.00};{p.Autres:0.00};2022-04-01;2023-03-31;{p.Personnes};{p.Statut}\n");
        }

        return text.ToString();
    }

    private IEnumerable<TestProject> Live => Projects.Where(p => p.Statut != "annule");

    public int ProjectCount => Live.Count();
    public int CancelledCount => Projects.Count - ProjectCount;
    public long FqisCents => (long)(Live.Sum(p => p.Fqis) * 100m);
    public long AutresCents => (long)(Live.Sum(p => p.Autres) * 100m);
    public long Personnes => Live.Sum(p => (long)p.Personnes);
}
