using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

public sealed class RejectedFileTests
{
    [Fact]
    public async Task Every_cell_error_of_a_file_is_reported_in_one_pass_with_its_row_and_field()
    {
        var (report, projects) = await Fixture.ValidateAsync("rejected/cell-errors.csv");

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        Assert.Equal(18, report.RowCount);
        Assert.Empty(projects);
        Assert.Equal(
            [
                ("type-error", 2, "montant_fqis"),
                ("type-error", 3, "date_debut"),
                ("constraint-error", 4, "montant_fqis"),
                ("constraint-error", 5, "montant_fqis"),
                ("constraint-error", 6, "montant_autres_sources"),
                ("constraint-error", 7, "axe_intervention"),
                ("constraint-error", 8, "titre_projet"),
                ("type-error", 9, "neq"),
                ("type-error", 10, "courriel_contact"),
                ("type-error", 11, "personnes_rejointes"),
                ("constraint-error", 12, "date_fin"),
                ("constraint-error", 13, "region_code"),
                ("required-error", 14, "organisme_promoteur"),
                ("constraint-error", 15, "personnes_rejointes"),
                ("constraint-error", 16, "exercice"),
                ("constraint-error", 17, "statut"),
                ("type-error", 18, "montant_fqis"),
                ("type-error", 19, "montant_fqis"),
                ("type-error", 19, "date_fin"),
            ],
            report.Errors.Select(i => (i.Code, i.Row ?? 0, i.Field ?? "")));
        Assert.Equal(19, report.ErrorCount);
        Assert.Equal("12,5,0", report.Errors.Single(e => e.Row == 18).Value);
    }

    [Fact]
    public async Task An_ambiguous_amount_says_how_to_write_it_in_both_languages()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/cell-errors.csv");

        var issue = report.Errors.First(e => e.Row == 2);
        Assert.Equal("1,500", issue.Value);
        Assert.Equal("Le montant « 1,500 » est ambigu : écrivez 1500 ou 1 500,00 pour un montant en milliers, ou 1,50 pour un montant avec des cents.", issue.Message.Fr);
        Assert.Equal("The amount “1,500” is ambiguous: write 1500 or 1 500.00 for thousands, or 1.50 for an amount with cents.", issue.Message.En);
    }

    [Fact]
    public async Task Rules_across_rows_find_duplicates_other_regions_and_other_exercices()
    {
        var (report, projects) = await Fixture.ValidateAsync("rejected/row-rules.csv");

        Assert.Equal(
            [
                ("unique-error", (int?)3, (string?)"no_projet"),
                ("region-mismatch", 4, "region_code"),
                ("exercice-mismatch", 5, "exercice"),
                ("region-mismatch", 6, "region_code"),
            ],
            Fixture.Issues(report.Errors));
        Assert.Contains("ligne 2", report.Errors[0].Message.Fr);
        Assert.Equal("06", report.Errors[3].Value); // "Montréal" is region 06, not Estrie's 05
        Assert.Contains("05 Estrie", report.Errors[3].Message.Fr);
        Assert.Equal(["EST-001"], projects.Select(p => p.NoProjet)); // only the clean row is handed on
    }

    [Fact]
    public async Task Header_problems_are_all_reported_on_row_1()
    {
        var (report, projects) = await Fixture.ValidateAsync("rejected/header-errors.csv");

        Assert.Equal(
            [
                ("blank-label", (int?)1, (string?)null),
                ("duplicate-label", 1, "titre_projet"),
                ("missing-label", 1, "statut"),
            ],
            Fixture.Issues(report.Errors));
        Assert.Contains("colonne 4", report.Errors[0].Message.Fr);
        Assert.Empty(projects);
        Assert.Equal(1, report.RowCount);
    }

    [Fact]
    public async Task Rows_longer_or_shorter_than_the_header_are_reported()
    {
        var (report, projects) = await Fixture.ValidateAsync("rejected/cell-count.csv");

        Assert.Equal(
            [("extra-cell", (int?)2, (string?)null), ("missing-cell", 3, "montant_autres_sources")],
            Fixture.Issues(report.Errors));
        Assert.Equal("surplus", report.Errors[0].Value);
        Assert.Equal(["EST-003"], projects.Select(p => p.NoProjet)); // a trailing empty cell is harmless
    }

    [Theory]
    [InlineData("rejected/empty-file.csv", "empty-file", null)]
    [InlineData("rejected/blank-lines.csv", "empty-file", null)]
    [InlineData("rejected/header-only.csv", "empty-file", null)]
    [InlineData("rejected/empty-projets.json", "empty-file", null)]
    [InlineData("rejected/encoding-error.csv", "encoding-error", null)]
    [InlineData("rejected/excel-renamed.csv", "encoding-error", null)]
    [InlineData("rejected/unclosed-quote.csv", "format-error", 3)]
    [InlineData("rejected/truncated.json", "format-error", null)]
    [InlineData("rejected/too-deep.json", "format-error", null)]
    [InlineData("rejected/not-projects.json", "format-error", null)]
    [InlineData("rejected/rapport.ods", "unsupported-format", null)]
    public async Task A_file_that_cannot_be_read_is_rejected_with_its_file_code(string name, string code, int? row)
    {
        var (report, _) = await Fixture.ValidateAsync(name);

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        var error = Assert.Single(report.Errors);
        Assert.Equal((code, row), (error.Code, error.Row));
        Assert.False(string.IsNullOrWhiteSpace(error.Message.Fr));
        Assert.False(string.IsNullOrWhiteSpace(error.Message.En));
    }

    [Fact]
    public async Task A_header_without_projects_says_so()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/header-only.csv");

        Assert.Contains("aucune ligne de projet", report.Errors[0].Message.Fr);
        Assert.Contains("no project row", report.Errors[0].Message.En);
    }

    [Fact]
    public async Task A_json_nested_deeper_than_the_limit_names_the_limit()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/too-deep.json");

        Assert.Contains("16 niveaux", report.Errors[0].Message.Fr);
    }

    [Fact]
    public async Task Json_properties_given_twice_nested_or_unknown_are_reported_per_project()
    {
        var (report, projects) = await Fixture.ValidateAsync("rejected/json-properties.json");

        Assert.Equal([("extra-label", (int?)1, (string?)"note")], Fixture.Issues(report.Warnings));
        Assert.Equal(
            [
                ("duplicate-label", (int?)2, (string?)"titre_projet"),
                ("type-error", 2, "organisme_promoteur"),
                ("type-error", 2, "montant_fqis"),
                ("type-error", 3, "exercice"),
                ("constraint-error", 3, "montant_fqis"),
                ("type-error", 3, "personnes_rejointes"),
            ],
            Fixture.Issues(report.Errors));
        Assert.Equal(["EST-001"], projects.Select(p => p.NoProjet));
    }

    [Fact]
    public async Task An_unknown_mandataire_is_rejected_without_reading_the_file()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/utf8-comma.csv", mandataire: "atlantide");

        var error = Assert.Single(report.Errors);
        Assert.Equal(("unknown-mandataire", "atlantide"), (error.Code, error.Value));
        Assert.Empty(projects);
        Assert.Equal(64, report.Sha256.Length);
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_rejected()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/utf8-comma.csv", options: new ValidationOptions { MaxBytes = 100 });

        Assert.Equal("file-too-large", Assert.Single(report.Errors).Code);
        Assert.Empty(projects);
    }

    [Fact]
    public async Task Reading_stops_at_the_row_limit()
    {
        var (report, _) = await Fixture.ValidateAsync("accepted/utf8-comma.csv", options: new ValidationOptions { MaxRows = 2 });

        Assert.Equal([("row-limit", (int?)4, (string?)null)], Fixture.Issues(report.Errors));
    }

    [Fact]
    public async Task A_cell_longer_than_the_limit_is_a_constraint_error()
    {
        var (report, _) = await Fixture.ValidateAsync("accepted/utf8-comma.csv", options: new ValidationOptions { MaxCellLength = 30 });

        Assert.Equal(
            [("constraint-error", (int?)2, (string?)"titre_projet"), ("constraint-error", 3, "organisme_promoteur")],
            Fixture.Issues(report.Errors));
    }

    [Fact]
    public async Task Limits_of_zero_mean_no_limit()
    {
        var options = new ValidationOptions { MaxBytes = 0, MaxRows = 0, MaxCellLength = 0, MaxJsonDepth = 0 };

        var (report, _) = await Fixture.ValidateAsync("accepted/utf8-comma.csv", options: options);

        Assert.Equal(SubmissionStatus.Accepted, report.Status);
    }

    [Fact]
    public void A_file_rejected_before_reading_gets_a_report_with_its_code()
    {
        var file = new SubmissionFile("estrie", "uploads/estrie/sous-dossier/rapport.csv", "rapport.csv", "id-1", Fixture.ReceivedAt);

        var report = SubmissionValidator.RejectFile(file, IssueCodes.PathError, "ab12");

        Assert.Equal((SubmissionStatus.Rejected, 1, "ab12"), (report.Status, report.ErrorCount, report.Sha256));
        Assert.Equal("path-error", report.Errors[0].Code);
        Assert.Contains("uploads/estrie/sous-dossier/rapport.csv", report.Errors[0].Message.Fr);
    }

    [Fact]
    public async Task The_row_limit_is_listed_even_when_row_errors_have_filled_the_list()
    {
        // Every row has errors: the list of 5 is full long before row 12 goes past the limit of 10.
        var text = string.Join(",", SchemaV1.Fields.Select(f => f.Name)) + "\n" + string.Concat(Enumerable.Repeat("x\n", 11));

        var (report, _) = await Fixture.ValidateTextAsync(text, options: new ValidationOptions { MaxRows = 10, MaxListedIssues = 5 });

        Assert.Equal(6, report.Errors.Count);
        Assert.Equal(("row-limit", (int?)12), (report.Errors[^1].Code, report.Errors[^1].Row));
        Assert.True(report.ErrorCount > 10 * 2, $"{report.ErrorCount} errors counted");
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("a\\ud83d")]
    public async Task A_json_string_with_half_a_surrogate_pair_is_an_encoding_error_not_an_unforeseen_failure(string escaped)
    {
        var json = "[{\"no_projet\": \"P-1\", \"titre_projet\": \"" + escaped + "\"}]";

        var (report, projects) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal("encoding-error", error.Code);
        Assert.Contains("\\uD800", error.Message.En, StringComparison.Ordinal);
        Assert.Empty(projects);
    }

    [Fact]
    public async Task Past_the_listing_limit_errors_are_counted_but_not_listed()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/cell-errors.csv", options: new ValidationOptions { MaxListedIssues = 5 });

        Assert.Equal(5, report.Errors.Count);
        Assert.Equal(19, report.ErrorCount);
    }
}
