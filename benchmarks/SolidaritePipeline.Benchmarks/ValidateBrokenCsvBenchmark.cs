using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Benchmarks;

/// <summary>
/// Validates a generated 200 000-row CSV file (the default row limit) in which every row is broken
/// in several ways: about 1.4 million errors, of which the report lists the first 5 000. On one
/// thread and on two, from memory. What a hostile or badly exported file costs, next to a valid one
/// (<see cref="ValidateCsvBenchmark"/>).
/// </summary>
[MemoryDiagnoser]
public class ValidateBrokenCsvBenchmark
{
    public const int Rows = 200_000;

    private byte[] _csv = [];
    private SubmissionValidator _validator = null!;
    private SubmissionFile _file = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _csv = Generate();
        _validator = new SubmissionValidator(ReferenceCatalog.Default, new ValidationOptions { MaxBytes = 0, MaxParallelism = Threads });
        _file = new SubmissionFile("estrie", "uploads/estrie/bench.csv", "bench.csv", "bench", DateTimeOffset.UnixEpoch);
    }

    [Benchmark]
    public async Task<int> Validate()
    {
        var report = await _validator.ValidateAsync(new MemoryStream(_csv, writable: false), _file);
        if (report.IsAccepted || report.ErrorCount < Rows * 6 || report.Errors.Count != 5_000)
            throw new InvalidOperationException($"Expected a rejected file listing 5 000 of its errors, got {report.ErrorCount} errors, {report.Errors.Count} listed.");
        return report.ErrorCount;
    }

    // Each row: an amount that is no number, a negative one, an impossible date, people that are no
    // integer, an e-mail that is no address, another region than the mandataire's, and every tenth
    // row a project number seen before.
    public static byte[] Generate()
    {
        var text = new StringBuilder(Rows * 180);
        text.AppendJoin(',', SchemaV1.Fields.Select(f => f.Name)).Append('\n');
        for (var i = 0; i < Rows; i++)
        {
            text.AppendJoin(',',
                "2022-2023",
                $"EST-{(i % 10 == 9 ? i - 1 : i).ToString("000000", CultureInfo.InvariantCulture)}",
                $"Projet {i}",
                "Organisme de l'Estrie",
                "",
                "06",
                "Sherbrooke",
                "logement",
                "familles",
                $"{i} dollars",
                "-5",
                "2022-13-45",
                "2023-03-31",
                "beaucoup",
                "en_cours",
                $"contact{i}-at-organisme").Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
