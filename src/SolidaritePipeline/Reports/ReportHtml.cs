using System.Globalization;
using System.Text;
using SolidaritePipeline.Output;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reports;

/// <summary>
/// The validation report as one self-contained HTML page for the person who sent the file: French
/// first, then English; a summary on top, then the errors and warnings grouped by row. No script,
/// no external resource, every value from the file HTML-encoded, readable on a phone.
/// </summary>
public static class ReportHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
        body { margin: 0; padding: 1rem; }
        main { max-width: 56rem; margin: 0 auto; }
        h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
        .status { padding: .75rem 1rem; border-radius: .25rem; font-weight: 600; }
        .accepted { background: #e3f4e8; border-left: .4rem solid #1e7b34; }
        .rejected { background: #fbe7e7; border-left: .4rem solid #b3261e; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
        dt { font-weight: 600; }
        dd { margin: 0; overflow-wrap: anywhere; }
        ul { padding-left: 1.25rem; margin: .25rem 0; }
        li { margin: .35rem 0; }
        code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; background: #f1f1f1; padding: 0 .25rem; border-radius: .2rem; overflow-wrap: anywhere; }
        .value { font-family: ui-monospace, Consolas, monospace; background: #fff6d6; padding: 0 .25rem; overflow-wrap: anywhere; }
        .note { color: #555; }
        section.language + section.language { margin-top: 3rem; padding-top: 1rem; border-top: 3px double #999; }
        @media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .5rem; } }
        """;

    private sealed record Words(
        string Lang, string Title, string Accepted, string AcceptedWithWarnings, string Rejected,
        string Mandataire, string File, string ReceivedAt, string Exercice, string Format, string Encoding,
        string Delimiter, string Rows, string ErrorCount, string WarningCount, string Sha256,
        string Errors, string Warnings, string NoErrors, string WholeFile, string Row, string Project,
        string Tab, string ListedOnly, Func<LocalizedText, string> Message);

    private static readonly Words Fr = new(
        "fr", "Rapport de validation", "Fichier accepté.", "Fichier accepté, avec des avertissements à lire.",
        "Fichier refusé : corrigez les erreurs ci-dessous, puis déposez le fichier de nouveau. Aucune donnée de ce fichier n'a été retenue.",
        "Mandataire", "Fichier", "Reçu le", "Exercice", "Format", "Encodage", "Séparateur", "Lignes de projet",
        "Erreurs", "Avertissements", "Empreinte SHA-256", "Erreurs", "Avertissements", "Aucune erreur.",
        "Fichier entier", "Ligne", "Projet", "tabulation", "Seules les {0} premières sont listées ici, sur {1}.", m => m.Fr);

    private static readonly Words En = new(
        "en", "Validation report", "File accepted.", "File accepted, with warnings to read.",
        "File rejected: fix the errors below, then upload the file again. No data from this file was kept.",
        "Mandataire", "File", "Received", "Fiscal year", "Format", "Encoding", "Delimiter", "Project rows",
        "Errors", "Warnings", "SHA-256 fingerprint", "Errors", "Warnings", "No errors.",
        "Whole file", "Row", "Project", "tab", "Only the first {0} of {1} are listed here.", m => m.En);

    public static string Render(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(4096 + (report.Errors.Count + report.Warnings.Count) * 400);
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E($"{Fr.Title} — {report.Mandataire} — {Path.GetFileName(report.Source)}")).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        Language(html, report, Fr);
        Language(html, report, En);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Language(StringBuilder html, ValidationReport report, Words w)
    {
        html.Append("<section class=\"language\" lang=\"").Append(w.Lang).Append("\">\n");
        html.Append("<h1>").Append(E(w.Title)).Append("</h1>\n");
        var status = !report.IsAccepted ? w.Rejected : report.WarningCount > 0 ? w.AcceptedWithWarnings : w.Accepted;
        html.Append("<p class=\"status ").Append(report.IsAccepted ? "accepted" : "rejected").Append("\">").Append(E(status)).Append("</p>\n");

        html.Append("<dl>\n");
        Term(html, w.Mandataire, report.Mandataire);
        Term(html, w.File, report.Source);
        Term(html, w.ReceivedAt, report.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Term(html, w.Exercice, report.Exercice);
        Term(html, w.Format, report.Format);
        Term(html, w.Encoding, report.Encoding);
        Term(html, w.Delimiter, report.Delimiter == "\t" ? w.Tab : report.Delimiter);
        Term(html, w.Rows, Count(report.RowCount, w));
        Term(html, w.ErrorCount, Count(report.ErrorCount, w));
        Term(html, w.WarningCount, Count(report.WarningCount, w));
        Term(html, w.Sha256, report.Sha256, code: true);
        html.Append("</dl>\n");

        var rowWord = report.Format == "json" ? w.Project : w.Row;
        html.Append("<h2>").Append(E(w.Errors)).Append("</h2>\n");
        if (report.ErrorCount == 0) html.Append("<p>").Append(E(w.NoErrors)).Append("</p>\n");
        Issues(html, report.Errors, report.ErrorCount, rowWord, w);

        if (report.WarningCount > 0)
        {
            html.Append("<h2>").Append(E(w.Warnings)).Append("</h2>\n");
            Issues(html, report.Warnings, report.WarningCount, rowWord, w);
        }

        html.Append("</section>\n");
    }

    private static void Issues(StringBuilder html, IReadOnlyList<ReportIssue> issues, int total, string rowWord, Words w)
    {
        if (issues.Count < total)
            html.Append("<p class=\"note\">").Append(E(string.Format(CultureInfo.InvariantCulture, w.ListedOnly, issues.Count, total))).Append("</p>\n");

        foreach (var group in issues.GroupBy(i => i.Row).OrderBy(g => g.Key ?? 0))
        {
            var heading = group.Key is { } row ? $"{rowWord} {row.ToString(CultureInfo.InvariantCulture)}" : w.WholeFile;
            html.Append("<h3>").Append(E(heading)).Append("</h3>\n<ul>\n");
            foreach (var issue in group)
            {
                html.Append("<li>");
                if (issue.Field is { } field) html.Append("<strong>").Append(E(field)).Append(w.Lang == "fr" ? "</strong> : " : "</strong>: ");
                html.Append(E(w.Message(issue.Message)));
                if (issue.Value is { Length: > 0 } value) html.Append(" <span class=\"value\">").Append(E(value)).Append("</span>");
                html.Append(" <code>").Append(E(issue.Code)).Append("</code></li>\n");
            }

            html.Append("</ul>\n");
        }
    }

    private static void Term(StringBuilder html, string term, string? value, bool code = false)
    {
        if (string.IsNullOrEmpty(value)) return;
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>");
        html.Append(code ? "<code>" : "").Append(E(value)).Append(code ? "</code>" : "").Append("</dd>\n");
    }

    private static string E(string text) => Html.Encode(text);

    // French grouping written by the project, not by the machine's culture data; English as invariant.
    private static string Count(int value, Words w) =>
        w.Lang == "fr" ? FrenchNumbers.Whole(value) : value.ToString("N0", CultureInfo.InvariantCulture);
}
