using System.Text;
using System.Text.RegularExpressions;
using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Tools.Demo;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Demo;

public sealed class SyntheticSubmissionsTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.Default;

    [Fact]
    public void The_same_seed_gives_the_same_files_byte_for_byte_and_another_seed_other_data()
    {
        var first = SyntheticSubmissions.Generate(Catalog, seed: 7);
        var again = SyntheticSubmissions.Generate(Catalog, seed: 7);
        var other = SyntheticSubmissions.Generate(Catalog, seed: 8);

        Assert.Equal(first.Files.Select(f => f.UploadName), again.Files.Select(f => f.UploadName));
        // Text formats are byte-identical; a workbook's zip holds its write time, so compare its cells.
        Assert.All(first.Files.Zip(again.Files), pair =>
        {
            if (pair.First.Format == SubmissionFormat.Xlsx) Assert.Equal(Decode(pair.First), Decode(pair.Second));
            else Assert.Equal(pair.First.Content, pair.Second.Content);
        });
        Assert.NotEqual(
            first.Files.Select(f => Convert.ToHexString(f.Content)),
            other.Files.Select(f => Convert.ToHexString(f.Content)));
    }

    [Fact]
    public void Every_mandataire_uploads_in_round_one_and_every_format_is_used()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);

        Assert.Equal(
            Catalog.Mandataires.Select(m => m.Code),
            synthetic.Round(1).Select(f => f.Mandataire));
        Assert.Equal(
            SyntheticSubmissions.AllFormats.Order(),
            synthetic.Files.Select(f => f.Format).Distinct().Order());
        Assert.All(synthetic.Files, f => Assert.InRange(f.Projects.Count, 24, 43));
    }

    [Fact]
    public void Four_files_carry_a_mistake_one_mandataire_resubmits_and_one_never_corrects_its_file()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);

        var flawed = synthetic.Files.Where(f => !f.ShouldBeAccepted).ToList();
        Assert.Equal(
            [SyntheticMistake.AmbiguousAmount, SyntheticMistake.ForeignRegion, SyntheticMistake.MissingColumn, SyntheticMistake.DuplicateNumberAndEndBeforeStart],
            flawed.Select(f => f.Mistake).Order());
        Assert.All(flawed, f => Assert.NotEmpty(f.ExpectedErrors));

        var neverCorrected = Assert.Single(Catalog.Mandataires, m => !synthetic.CurrentProjects.ContainsKey(m.Code));
        Assert.Equal(SyntheticMistake.MissingColumn, Assert.Single(synthetic.Files, f => f.Mandataire == neverCorrected.Code).Mistake);

        // The resubmitting mandataire has two accepted files; the newer one is what counts.
        var resubmitted = synthetic.Files.Where(f => f.ShouldBeAccepted).GroupBy(f => f.Mandataire).Single(g => g.Count() == 2);
        var (older, newer) = (resubmitted.Single(f => f.Round == 1), resubmitted.Single(f => f.Round == 2));
        Assert.Same(newer.Projects, synthetic.CurrentProjects[resubmitted.Key]);
        Assert.NotEqual(older.Projects.Sum(p => p.MontantFqis), newer.Projects.Sum(p => p.MontantFqis));

        // A flawed newer version leaves the older accepted one current.
        var flawedLater = Assert.Single(flawed, f => f.Round == 2);
        Assert.Same(
            synthetic.Files.Single(f => f.Mandataire == flawedLater.Mandataire && f.Round == 1).Projects,
            synthetic.CurrentProjects[flawedLater.Mandataire]);
    }

    [Fact]
    public void Synthetic_data_says_it_is_fictitious_in_every_project_and_every_file()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);

        var projects = synthetic.Files.SelectMany(f => f.Projects).ToList();
        Assert.All(projects, p =>
        {
            Assert.EndsWith("(fictif)", p.TitreProjet, StringComparison.Ordinal);
            Assert.Contains(" fictif ", p.OrganismePromoteur, StringComparison.Ordinal);
            Assert.True(p.CourrielContact is null || p.CourrielContact.EndsWith("@example.org", StringComparison.Ordinal));
            Assert.True(p.Neq is null || p.Neq.StartsWith("99", StringComparison.Ordinal));
        });
        Assert.All(synthetic.Files, f => Assert.Contains("(fictif)", Decode(f), StringComparison.Ordinal));
    }

    [Fact]
    public void Amounts_carry_cents_and_some_projects_are_cancelled()
    {
        var projects = SyntheticSubmissions.Generate(Catalog).CurrentProjects.Values.SelectMany(p => p).ToList();

        Assert.Contains(projects, p => p.MontantFqis != decimal.Truncate(p.MontantFqis));
        Assert.All(projects, p => Assert.Equal(p.MontantFqis, decimal.Round(p.MontantFqis, 2)));
        Assert.InRange(projects.Count(p => p.IsCancelled), 10, projects.Count / 5);
        Assert.All(projects, p => Assert.True(p.DateFin >= p.DateDebut));
    }

    [Fact]
    public void The_French_export_is_Windows_1252_with_French_money_and_dates_and_the_tab_export_has_a_BOM()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);

        var french = synthetic.Files.First(f => f.Format == SubmissionFormat.CsvWindows1252Semicolon && f.ShouldBeAccepted);
        var text = Decode(french);
        Assert.StartsWith("Exercice;No projet;Titre projet;", text, StringComparison.Ordinal);
        Assert.Contains("é", text, StringComparison.Ordinal);
        Assert.DoesNotContain(french.Content, b => b == 0xC3); // no UTF-8 lead byte of an accented letter
        Assert.Matches(new Regex(@";\d{1,3}(\u00A0\d{3})*,\d{2} \$;"), text);
        Assert.Matches(new Regex(@";\d{2}/\d{2}/2022;"), text);

        var tab = synthetic.Files.First(f => f.Format == SubmissionFormat.CsvUtf8BomTab);
        Assert.Equal([0xEF, 0xBB, 0xBF], tab.Content[..3]);
        Assert.Contains("EXERCICE\tNO_PROJET\t", Decode(tab), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ambiguous_amount_is_in_the_file_and_the_corrected_file_says_what_was_meant()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);

        var flawed = synthetic.Files.Single(f => f.Mistake == SyntheticMistake.AmbiguousAmount);
        var corrected = synthetic.Files.Single(f => f.Mandataire == flawed.Mandataire && f.Round == 2);
        var row = Assert.Single(flawed.ExpectedErrors).Row;
        var project = corrected.Projects[row - 2];

        Assert.Equal(1_500.00m, project.MontantFqis);
        Assert.Contains($"\t1,500\t", Lines(flawed)[row - 1], StringComparison.Ordinal);
        Assert.Contains($"\t1,500.00\t", Lines(corrected)[row - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_workbook_holds_real_number_and_date_cells()
    {
        var workbook = SyntheticSubmissions.Generate(Catalog).Files.First(f => f.Format == SubmissionFormat.Xlsx && f.ShouldBeAccepted);

        var rows = XlsxSheetReader.ReadRows(new MemoryStream(workbook.Content), new ValidationOptions(), CancellationToken.None).ToList();
        var header = rows[0].Cells.Select(c => c.Text).ToList();
        var first = rows[1].Cells;
        var project = workbook.Projects[0];

        Assert.Equal(new SourceCell(project.MontantFqis.ToString(System.Globalization.CultureInfo.InvariantCulture), Typed: true), first[header.IndexOf("Montant FQIS")]);
        Assert.Equal(new SourceCell(project.DateDebut.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Typed: true), first[header.IndexOf("Date début")]);
        Assert.Equal(rows.Count - 1, workbook.Projects.Count);
    }

    [Fact]
    public async Task Every_file_gets_the_verdict_its_story_says_and_accepted_files_normalise_to_the_generated_projects()
    {
        var synthetic = SyntheticSubmissions.Generate(Catalog);
        var validator = new SubmissionValidator(Catalog);

        foreach (var file in synthetic.Files)
        {
            var projects = new List<Project>();
            var report = await validator.ValidateAsync(
                new MemoryStream(file.Content),
                new SubmissionFile(file.Mandataire, $"uploads/{file.UploadName}", file.FileName, "synthetic", DateTimeOffset.UnixEpoch),
                projects.Add);

            var errors = report.Errors.Select(e => $"{e.Code}@{e.Row}:{e.Field}").ToList();
            if (file.ShouldBeAccepted)
            {
                Assert.True(report.IsAccepted, $"{file.UploadName}: {string.Join(", ", errors)}");
                Assert.Equal(file.Projects, projects);
            }
            else
            {
                // Exactly the mistakes the story made, and nothing else.
                Assert.Equal(
                    file.ExpectedErrors.Select(e => $"{e.Code}@{e.Row}:{e.Field}").Order(),
                    errors.Order());
            }

            Assert.Empty(report.Warnings);
        }
    }

    private static string Decode(SyntheticFile file) => file.Format switch
    {
        SubmissionFormat.CsvWindows1252Semicolon => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(file.Content),
        // A workbook is a zip: its text is what the reader finds in the cells, one row per line.
        SubmissionFormat.Xlsx => string.Join("\r\n", XlsxSheetReader
            .ReadRows(new MemoryStream(file.Content), new ValidationOptions(), CancellationToken.None)
            .Select(r => string.Join("\t", r.Cells.Select(c => c.Text)))),
        _ => new UTF8Encoding(false).GetString(file.Content).TrimStart('\uFEFF'),
    };

    private static string[] Lines(SyntheticFile file) => Decode(file).Split("\r\n");
}
