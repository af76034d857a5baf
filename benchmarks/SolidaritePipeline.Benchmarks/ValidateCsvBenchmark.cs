using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Benchmarks;

/// <summary>
/// Validates a generated, valid 100 000-row CSV submission from memory: read, validate, normalise.
/// Rows per second is <see cref="Rows"/> divided by the mean; allocations are per whole file.
/// </summary>
[MemoryDiagnoser]
public class ValidateCsvBenchmark
{
    public const int Rows = 100_000;

    private static readonly string[] Axes = ["securite_alimentaire", "Logement", "transport", "Réussite éducative", "autre"];
    private static readonly string[] Clienteles = ["familles", "Jeunes", "Aînés", "population_generale"];
    private static readonly string[] Statuts = ["en_cours", "Terminé", "annule"];

    private byte[] _csv = [];
    private SubmissionValidator _validator = null!;
    private SubmissionFile _file = null!;

    [Params(";", ",")]
    public string Delimiter { get; set; } = ";";

    [GlobalSetup]
    public void Setup()
    {
        _csv = Generate(Delimiter[0]);
        // One thread, as the figures before the parallel path: allocation per row, not per batch in flight.
        _validator = new SubmissionValidator(ReferenceCatalog.Default, new ValidationOptions { MaxRows = 0, MaxBytes = 0, MaxParallelism = 1 });
        _file = new SubmissionFile("estrie", "uploads/estrie/bench.csv", "bench.csv", "bench", DateTimeOffset.UnixEpoch);
    }

    [Benchmark]
    public async Task<int> Validate()
    {
        var projects = 0;
        var report = await _validator.ValidateAsync(new MemoryStream(_csv, writable: false), _file, _ => projects++);
        if (!report.IsAccepted || projects != Rows) throw new InvalidOperationException($"Expected {Rows} accepted projects, got {projects} ({report.ErrorCount} errors).");
        return projects;
    }

    // French-Canadian habits with ';' (labels, "12 500,50 $", JJ/MM/AAAA); plain codes with ','.
    public static byte[] Generate(char delimiter)
    {
        var french = delimiter == ';';
        var text = new StringBuilder(Rows * 200);
        text.AppendJoin(delimiter, "exercice", "no_projet", "titre_projet", "organisme_promoteur", "neq", "region_code", "municipalite",
            "axe_intervention", "clientele_cible", "montant_fqis", "montant_autres_sources", "date_debut", "date_fin",
            "personnes_rejointes", "statut", "courriel_contact").Append('\n');
        for (var i = 0; i < Rows; i++)
        {
            var amount = 1000m + i % 90_000 + (i % 100) / 100m;
            text.AppendJoin(delimiter,
                "2022-2023",
                $"EST-{i:000000}",
                french ? $"\"Projet {i}; volet communautaire\"" : $"Projet {i}",
                "Organisme de l'Estrie",
                i % 3 == 0 ? "114 345 6789" : "",
                french ? "Estrie" : "05",
                "Sherbrooke",
                Axes[i % Axes.Length],
                Clienteles[i % Clienteles.Length],
                french ? amount.ToString("#,0.00", new NumberFormatInfo { NumberGroupSeparator = "\u00a0", NumberDecimalSeparator = "," }) + " $"
                       : amount.ToString(CultureInfo.InvariantCulture),
                i % 2 == 0 ? "0" : "",
                french ? "01/04/2022" : "2022-04-01",
                "2023-03-31",
                (i % 5000).ToString(CultureInfo.InvariantCulture),
                Statuts[i % Statuts.Length],
                i % 4 == 0 ? $"contact{i}@organisme.example" : "").Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
