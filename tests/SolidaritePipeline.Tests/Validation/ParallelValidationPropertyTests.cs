using System.Globalization;
using System.Text;
using CsCheck;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Checking a CSV file on several threads gives the report, the projects and the totals of one
/// thread, byte for byte: on random files of valid rows, and of rows broken in every way a row can
/// be (bad values, duplicates, another exercice or region, blank rows, missing and extra cells, a
/// malformed quote that stops reading), long enough to span several batches.
/// </summary>
public sealed class ParallelValidationPropertyTests
{
    private const string Header =
        "exercice,no_projet,titre_projet,organisme_promoteur,neq,region_code,municipalite,axe_intervention,clientele_cible," +
        "montant_fqis,montant_autres_sources,date_debut,date_fin,personnes_rejointes,statut,courriel_contact";

    // What a row can turn into, beyond valid: each replaces the row, or a cell of it.
    private static readonly string[] Breaks =
    [
        "bad-date", "bad-money", "ambiguous-money", "duplicate", "other-exercice", "other-region", "blank", "missing-cells",
        "extra-cell", "unclosed-quote", "end-before-start", "unknown-code", "phone-in-title", "too-long-title", "negative",
    ];

    private static readonly Gen<(int Rows, int Seed, int Broken, int MaxListed, int MaxRows)> Shapes = Gen.Select(
        Gen.Int[1, 6_000], Gen.Int, Gen.Int[0, 40], Gen.Int[0, 2].Select(i => new[] { 0, 3, 5_000 }[i]), Gen.Int[0, 2].Select(i => new[] { 0, 0, 2_500 }[i]));

    [Fact]
    public async Task Several_threads_give_the_report_projects_and_totals_of_one()
    {
        await Shapes.SampleAsync(async shape =>
        {
            var bytes = Csv(shape.Rows, shape.Seed, shape.Broken);
            var (oneReport, oneProjects, oneTotals) = await ValidateAsync(bytes, parallelism: 1, shape.MaxListed, shape.MaxRows);
            var (manyReport, manyProjects, manyTotals) = await ValidateAsync(bytes, parallelism: 3, shape.MaxListed, shape.MaxRows);

            Assert.Equal(oneReport, manyReport);
            Assert.Equal(oneProjects, manyProjects);
            Assert.Equal(oneTotals, manyTotals);
        }, iter: 100);
    }

    [Fact]
    public async Task A_file_of_valid_rows_is_accepted_on_several_threads_with_every_project()
    {
        var bytes = Csv(rows: 5_000, seed: 7, broken: 0);

        var (report, projects, totals) = await ValidateAsync(bytes, parallelism: 3, maxListed: 5_000, maxRows: 0);

        Assert.Contains("\"status\": \"accepted\"", report);
        Assert.Equal(5_000, projects.Count);
        Assert.Equal(5_000, totals.ProjectCount + totals.CancelledProjectCount);
        Assert.Equal(projects.Count(p => p.Contains("Statut = annule", StringComparison.Ordinal)), totals.CancelledProjectCount);
    }

    private static async Task<(string Report, List<string> Projects, SubmissionTotals Totals)> ValidateAsync(
        byte[] bytes, int parallelism, int maxListed, int maxRows)
    {
        var options = new ValidationOptions
        {
            MaxBytes = 0, MaxRows = maxRows, MaxListedIssues = maxListed, MaxParallelism = parallelism, ParallelFromBytes = 0,
        };
        var projects = new List<Project>();
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.csv", "rapport.csv", "p", Fixture.ReceivedAt);
        var report = await new SubmissionValidator(ReferenceCatalog.Default, options).ValidateAsync(new MemoryStream(bytes), file, projects.Add);
        return (ReportJson.Serialize(report), [.. projects.Select(p => p.ToString())], SubmissionTotals.Of(projects, "the file"));
    }

    private static byte[] Csv(int rows, int seed, int broken)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        var brokenRows = Enumerable.Range(0, broken).Select(_ => random.Next(rows)).ToHashSet();
        for (var i = 0; i < rows; i++)
        {
            var cells = ValidRow(i, random);
            if (brokenRows.Contains(i)) cells = Break(cells, Breaks[random.Next(Breaks.Length)], random);
            text.Append(string.Join(',', cells)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string[] ValidRow(int i, Random random)
    {
        var start = new DateOnly(2022, 4, 1).AddDays(random.Next(300));
        return
        [
            "2022-2023", string.Create(CultureInfo.InvariantCulture, $"EST-{i:000000}"),
            i % 7 == 0 ? $"\"Projet {i}, volet \"\"communautaire\"\"\"" : $"Projet {i}",
            $"Organisme {random.Next(20)}", random.Next(3) == 0 ? "" : $"11{random.Next(10_000_000, 99_999_999)}", "05",
            random.Next(2) == 0 ? "" : "Sherbrooke", random.Next(2) == 0 ? "logement" : "securite_alimentaire",
            random.Next(2) == 0 ? "jeunes" : "familles",
            (random.Next(1, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture),
            random.Next(3) == 0 ? "" : random.Next(0, 50_000).ToString(CultureInfo.InvariantCulture),
            start.ToString(random.Next(2) == 0 ? "yyyy-MM-dd" : "d/M/yyyy", CultureInfo.InvariantCulture),
            start.AddDays(random.Next(200)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            random.Next(0, 5_000).ToString(CultureInfo.InvariantCulture),
            random.Next(3) switch { 0 => "annule", 1 => "termine", _ => "en_cours" },
            random.Next(2) == 0 ? "" : $"contact{random.Next(50)}@organisme.example",
        ];
    }

    private static string[] Break(string[] cells, string how, Random random)
    {
        var broken = (string[])cells.Clone();
        switch (how)
        {
            case "bad-date": broken[11] = "31/02/2023"; break;
            case "bad-money": broken[9] = "12a"; break;
            case "ambiguous-money": broken[9] = "1,500"; break;
            case "duplicate": broken[1] = string.Create(CultureInfo.InvariantCulture, $"EST-{random.Next(50):000000}"); break;
            case "other-exercice": broken[0] = "2023-2024"; break;
            case "other-region": broken[5] = "06"; break;
            case "blank": return [" ", "", ""];
            case "missing-cells": return broken[..^3];
            case "extra-cell": return [.. broken, "", "en trop"];
            case "unclosed-quote": broken[2] = "\"Projet sans fin"; break;
            case "end-before-start": broken[12] = "2022-04-01"; broken[11] = "2022-05-01"; break;
            case "unknown-code": broken[7] = "inconnu"; break;
            case "phone-in-title": broken[2] = "Appelez le 819-555-1234"; break;
            case "too-long-title": broken[2] = new string('x', 300); break;
            case "negative": broken[13] = "-4"; break;
        }

        return broken;
    }
}
