using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>Hostile cell values, each tried in CSV, JSON and XLSX: amounts, dates, injection, personal data.</summary>
internal static partial class HostileCorpus
{
    private const string Autres = "montant_autres_sources";
    private const string Fqis = "montant_fqis";

    private static IEnumerable<HostileInput> Amounts()
    {
        // Issue defect 1: amounts whose sum passes Int64 cents must be refused file by file.
        const string ceiling = "amount-ceiling";
        (string Name, string Value)[] huge =
        [
            ("1e12", "1000000000000"), ("5e16", "50000000000000000"), ("5e16-spaced", "50 000 000 000 000 000,00 $"),
            ("int64-cents", "92233720368547758.07"), ("decimal-max", "79228162514264337593543950335"),
        ];
        foreach (var (name, value) in huge)
        {
            foreach (var input in InEveryFormat(ceiling, $"autres-sources-{name}", Autres, value, Expectation.RejectOn(Autres, "constraint-error")))
                yield return input;
        }

        foreach (var input in InEveryFormat(ceiling, "autres-sources-past-decimal", Autres, "79228162514264337593543950336", Expectation.RejectOn(Autres, "constraint-error", "type-error")))
            yield return input;

        // The same amounts as JSON numbers and Excel number cells (typed values).
        foreach (var (name, number) in new[] { ("5e16", "5E+16"), ("1e28", "1e28"), ("1e400", "1e400"), ("int64-cents-plus", "92233720368547758.08") })
        {
            var json = $"[{ProjectWith(Autres, number)}]";
            yield return Text(ceiling, $"json-number-autres-sources-{name}", JsonExt, json, Expectation.RejectOn(Autres, "constraint-error", "type-error"));
            var rows = XlsxRows(Table(Projects(1))).Replace(
                "<c r=\"K2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">3000</t></is></c>", $"<c r=\"K2\"><v>{number}</v></c>", StringComparison.Ordinal);
            yield return new HostileInput($"xlsx-number-autres-sources-{name}", ceiling, $"xlsx-number-autres-sources-{name}.xlsx",
                Expectation.RejectOn(Autres, "constraint-error", "type-error"), s => s.Write(ZipBytes(WorkbookParts(rows))));
        }

        foreach (var input in InEveryFormat(ceiling, "fqis-at-ceiling", Fqis, "5000000", Expectation.Accept())) yield return input;
        foreach (var input in InEveryFormat(ceiling, "fqis-one-cent-over", Fqis, "5000000.01", Expectation.RejectOn(Fqis, "constraint-error"))) yield return input;
        foreach (var input in InEveryFormat(ceiling, "people-20-digits", "personnes_rejointes", "99999999999999999999", Expectation.RejectOn("personnes_rejointes", "constraint-error"))) yield return input;

        // Separators people and spreadsheets write, legal and not.
        const string format = "amount-format";
        (string Name, string Value, Expectation Expected)[] odd =
        [
            ("nbsp", "12\u00A0500,50", Expectation.Accept()),
            ("narrow-nbsp-dollar", "12\u202F500,50 $", Expectation.Accept()),
            ("dollar-first", "$12,500.50", Expectation.Accept()),
            ("dot-groups-comma-decimal", "12.500,50", Expectation.Accept()),
            ("million-spaced", "1 000 000.00", Expectation.Accept()),
            ("ambiguous-comma", "1,500", Expectation.RejectOn(Fqis, "type-error")),
            ("ambiguous-dot", "1.500", Expectation.RejectOn(Fqis, "type-error")),
            ("bad-groups", "1,2,3", Expectation.RejectOn(Fqis, "type-error")),
            ("apostrophe", "1'000.00", Expectation.RejectOn(Fqis, "type-error")),
            ("arabic-digits", "\u0661\u0662\u0663", Expectation.RejectOn(Fqis, "type-error")),
            ("fullwidth-digits", "\uFF11\uFF12\uFF13", Expectation.RejectOn(Fqis, "type-error")),
            ("exponent", "1e5", Expectation.RejectOn(Fqis, "type-error")),
            ("hex", "0x10", Expectation.RejectOn(Fqis, "type-error")),
            ("nan", "NaN", Expectation.RejectOn(Fqis, "type-error")),
            ("euro", "12 500,50 \u20AC", Expectation.RejectOn(Fqis, "type-error")),
            ("parentheses", "(500)", Expectation.RejectOn(Fqis, "type-error")),
            ("two-decimal-dots", "1,500.000.00", Expectation.RejectOn(Fqis, "type-error")),
            ("three-decimals", "12500.5051", Expectation.RejectOn(Fqis, "constraint-error")),
            ("negative", "-12500", Expectation.RejectOn(Fqis, "constraint-error")),
        ];
        foreach (var (name, value, expected) in odd)
        {
            foreach (var input in InEveryFormat(format, $"fqis-{name}", Fqis, value, expected)) yield return input;
        }
    }

    private static IEnumerable<HostileInput> Dates()
    {
        // Issue defect 7: any date from year 1 to 9999 passed, with no check against the exercice.
        const string cls = "date-range";
        (string Name, string Field, string Value, Expectation Expected)[] dates =
        [
            ("debut-year-1", "date_debut", "0001-01-01", Expectation.RejectOn("date_debut", "constraint-error")),
            ("fin-year-9999", "date_fin", "9999-12-31", Expectation.RejectOn("date_fin", "constraint-error")),
            ("debut-year-1-slashes", "date_debut", "01/01/0001", Expectation.RejectOn("date_debut", "constraint-error")),
            ("fin-year-9999-slashes", "date_fin", "31/12/9999", Expectation.RejectOn("date_fin", "constraint-error")),
            ("debut-1900", "date_debut", "1900-01-01", Expectation.RejectOn("date_debut", "constraint-error")),
            ("fin-2999", "date_fin", "2999-12-31", Expectation.RejectOn("date_fin", "constraint-error")),
            ("february-29-2023", "date_fin", "2023-02-29", Expectation.RejectOn("date_fin", "type-error")),
            ("month-13", "date_debut", "2022-13-01", Expectation.RejectOn("date_debut", "type-error")),
            ("year-0", "date_debut", "0000-01-01", Expectation.RejectOn("date_debut", "type-error")),
            ("year-10000", "date_fin", "10000-01-01", Expectation.RejectOn("date_fin", "type-error")),
        ];
        foreach (var (name, field, value, expected) in dates)
        {
            foreach (var input in InEveryFormat(cls, $"date-{name}", field, value, expected)) yield return input;
        }
    }

    private static IEnumerable<HostileInput> Injection()
    {
        // Text that a spreadsheet would run as a formula is legal project text; publishing neutralises it.
        const string formula = "formula-injection";
        (string Name, string Value)[] formulas =
        [
            ("equals-cmd", "=cmd|' /C calc'!A0"), ("plus", "+1+1"), ("minus", "-1+1"), ("at", "@SUM(1+1)*cmd|' /C calc'!A0"),
            ("tab", "\t=1+1"), ("carriage-return", "\r=1+1"), ("hyperlink", "=HYPERLINK(\"http://exemple.invalid\",\"clic\")"),
        ];
        foreach (var (name, value) in formulas)
        {
            foreach (var input in InEveryFormat(formula, $"titre-formula-{name}", "titre_projet", value, Expectation.Accept())) yield return input;
        }

        foreach (var input in InEveryFormat(formula, "fqis-formula", Fqis, "=1+1", Expectation.RejectOn(Fqis, "type-error"))) yield return input;

        // Markup must come out of the HTML report as text, wherever the file puts it.
        const string html = "html-injection";
        foreach (var input in InEveryFormat(html, "titre-script", "titre_projet", "<script>alert(1)</script>", Expectation.Accept())) yield return input;
        foreach (var input in InEveryFormat(html, "fqis-script", Fqis, "<script>alert('x')</script>", Expectation.RejectOn(Fqis, "type-error"))) yield return input;
        foreach (var input in InEveryFormat(html, "statut-bold", "statut", "<b>en_cours</b>", Expectation.RejectOn("statut", "constraint-error"))) yield return input;
        foreach (var input in InEveryFormat(html, "region-iframe", "region_code", "<iframe src=javascript:alert(1)>", Expectation.RejectOn("region_code", "constraint-error"))) yield return input;

        var header = Fields.Append("<img src=x onerror=alert(1)>").ToArray();
        yield return Text(html, "csv-header-img", CsvExt, Csv(Table(Projects(2), header)), Expectation.Accept());
        yield return new HostileInput("xlsx-header-img", html, "xlsx-header-img.xlsx", Expectation.Accept(), s => s.Write(ZipBytes(WorkbookParts(XlsxRows(Table(Projects(2), header))))));
        var project = JsonProject(Project(1));
        yield return Text(html, "json-property-script", JsonExt, $"[{project[..^1]},\"<script>alert(1)</script>\":1}}]", Expectation.Accept());
        yield return new HostileInput("mandataire-script", html, "mandataire-script.csv", Expectation.Reject("unknown-mandataire"),
            s => Write(s, ValidCsv()), Mandataire: "<script>alert(1)</script>");
    }

    private static IEnumerable<HostileInput> PersonalData()
    {
        // Issue defect 7: addresses and numbers typed in published free text must draw a warning.
        const string cls = "personal-data";
        (string Name, string Value)[] values =
        [
            ("email", "Contact : marie.tremblay@exemple.qc.ca"), ("phone", "Info : 514-555-0199"),
            ("phone-parentheses", "Téléphone (819) 555-0123"), ("phone-international", "Appelez le +1 450 555 0100"),
        ];
        string[] fields = ["titre_projet", "organisme_promoteur", "municipalite"];
        for (var f = 0; f < fields.Length; f++)
        {
            foreach (var (name, value) in new[] { values[0], values[1 + f] })
            {
                foreach (var input in InEveryFormat(cls, $"{fields[f]}-{name}", fields[f], value, Expectation.AcceptWithWarningOn(fields[f]))) yield return input;
            }
        }
    }
}
