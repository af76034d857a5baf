using System.Text.RegularExpressions;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Tests.Validation;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Reports;

public sealed class ReportHtmlTests
{
    private static ValidationReport Report(params ReportIssue[] errors) => new()
    {
        SubmissionId = "s-1",
        Mandataire = "estrie",
        Source = "uploads/estrie/<rapport>.csv",
        Sha256 = "ab",
        ReceivedAt = Fixture.ReceivedAt,
        Status = errors.Length == 0 ? SubmissionStatus.Accepted : SubmissionStatus.Rejected,
        Format = "csv",
        Delimiter = "\t",
        RowCount = 2,
        Errors = errors,
    };

    [Fact]
    public async Task The_page_puts_french_first_and_groups_errors_by_row()
    {
        var (report, _) = await Fixture.ValidateAsync("rejected/cell-errors.csv");

        var html = ReportHtml.Render(report);

        var french = html.IndexOf("<section class=\"language\" lang=\"fr\">", StringComparison.Ordinal);
        var english = html.IndexOf("<section class=\"language\" lang=\"en\">", StringComparison.Ordinal);
        Assert.InRange(french, 0, english - 1);
        Assert.Contains("Fichier refusé", html[french..english]);
        Assert.Contains("File rejected", html[english..]);
        // Row 19 has two errors: one heading, two items.
        var row19 = Regex.Match(html[french..english], "<h3>Ligne 19</h3>\n<ul>\n(<li>.*</li>\n)+</ul>");
        Assert.True(row19.Success);
        Assert.Equal(2, Regex.Matches(row19.Value, "<li>").Count);
        Assert.Single(Regex.Matches(html[french..english], "<h3>Ligne 19</h3>"));
    }

    [Fact]
    public void Every_value_from_the_file_is_html_encoded()
    {
        var hostile = "<script>alert(1)</script>";
        var report = Report(new ReportIssue("type-error", 2, "titre_<b>", hostile, new LocalizedText($"« {hostile} »", $"“{hostile}”")));

        var html = ReportHtml.Render(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<rapport>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void The_page_needs_nothing_from_outside()
    {
        var html = ReportHtml.Render(Report());

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.Contains("<style>", html);
        Assert.Contains("Fichier accepté.", html);
        Assert.Contains("tabulation", html);
    }

    [Fact]
    public void Json_reports_name_projects_not_rows_and_file_issues_come_first()
    {
        var report = Report(
            new ReportIssue("format-error", null, null, null, new LocalizedText("Mauvais JSON", "Bad JSON")),
            new ReportIssue("type-error", 3, "montant_fqis", "x", new LocalizedText("fr", "en"))) with { Format = "json" };

        var html = ReportHtml.Render(report);

        Assert.True(html.IndexOf("<h3>Fichier entier</h3>", StringComparison.Ordinal) < html.IndexOf("<h3>Projet 3</h3>", StringComparison.Ordinal));
        Assert.Contains("<h3>Project 3</h3>", html);
    }
}
