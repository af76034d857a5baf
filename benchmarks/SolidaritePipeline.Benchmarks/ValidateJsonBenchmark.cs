using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Benchmarks;

/// <summary>
/// Validates a generated, valid 100 000-project JSON submission from memory (an array of project
/// objects, amounts and people as numbers, every tenth title with escapes): read, validate,
/// normalise. Allocations are per whole file.
/// </summary>
[MemoryDiagnoser]
public class ValidateJsonBenchmark
{
    public const int Rows = ValidateCsvBenchmark.Rows;

    private static readonly string[] Axes = ["securite_alimentaire", "logement", "transport", "reussite_educative", "autre"];
    private static readonly string[] Clienteles = ["familles", "jeunes", "aines", "population_generale"];
    private static readonly string[] Statuts = ["en_cours", "termine", "annule"];

    private byte[] _json = [];
    private SubmissionValidator _validator = null!;
    private SubmissionFile _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = Generate();
        _validator = new SubmissionValidator(ReferenceCatalog.Default, new ValidationOptions { MaxRows = 0, MaxBytes = 0, MaxParallelism = 1 });
        _file = new SubmissionFile("estrie", "uploads/estrie/bench.json", "bench.json", "bench", DateTimeOffset.UnixEpoch);
    }

    [Benchmark]
    public async Task<int> Validate()
    {
        var projects = 0;
        var report = await _validator.ValidateAsync(new MemoryStream(_json, writable: false), _file, _ => projects++);
        if (!report.IsAccepted || projects != Rows) throw new InvalidOperationException($"Expected {Rows} accepted projects, got {projects} ({report.ErrorCount} errors).");
        return projects;
    }

    public static byte[] Generate()
    {
        var text = new StringBuilder(Rows * 450).Append('[');
        for (var i = 0; i < Rows; i++)
        {
            var amount = 1000m + i % 90_000 + (i % 100) / 100m;
            var title = i % 10 == 0 ? $"Projet {i} \\\"caf\\u00e9\\\" communautaire" : $"Projet {i}";
            text.Append(i == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $$"""{"exercice":"2022-2023","no_projet":"EST-{{i:000000}}","titre_projet":"{{title}}","organisme_promoteur":"Organisme de l'Estrie",""")
                .Append(i % 3 == 0 ? "\"neq\":\"1143456789\"," : "\"neq\":null,")
                .Append(CultureInfo.InvariantCulture,
                    $$"""
                    "region_code":"05","municipalite":"Sherbrooke","axe_intervention":"{{Axes[i % Axes.Length]}}","clientele_cible":"{{Clienteles[i % Clienteles.Length]}}","montant_fqis":{{amount}},"montant_autres_sources":{{i % 2}},"date_debut":"2022-04-01","date_fin":"2023-03-31","personnes_rejointes":{{i % 5000}},"statut":"{{Statuts[i % Statuts.Length]}}",
                    """)
                .Append(i % 4 == 0 ? $"\"courriel_contact\":\"contact{i}@organisme.example\"}}" : "\"courriel_contact\":null}");
        }

        return Encoding.UTF8.GetBytes(text.Append("\n]\n").ToString());
    }
}
