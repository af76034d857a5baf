using System.Text;
using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>Workbooks whose package or sheet is not what Excel writes.</summary>
internal static partial class HostileCorpus
{
    private const string ChartsheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml";

    private static IEnumerable<HostileInput> XlsxStructure()
    {
        const string cls = "xlsx-structure";
        foreach (var missing in new[] { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml" })
        {
            var slug = missing.Replace("[", "").Replace("]", "").Replace("/", "-").Replace("_", "").Replace(".", "-").Trim('-').ToLowerInvariant();
            yield return WorkbookInput(cls, $"xlsx-missing-{slug}", Expectation.Reject("format-error"), () => ZipBytes(ValidParts().Where(p => p.Name != missing)));
        }

        yield return WorkbookInput(cls, "xlsx-sheet-with-wrong-content-type", Expectation.Reject("format-error"), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("[Content_Types].xml", ContentTypes().Replace("spreadsheetml.worksheet+xml", "spreadsheetml.comments+xml", StringComparison.Ordinal)))));
        yield return WorkbookInput(cls, "xlsx-workbook-as-docx-content-type", Expectation.Either(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("[Content_Types].xml", ContentTypes().Replace("spreadsheetml.sheet.main+xml", "wordprocessingml.document.main+xml", StringComparison.Ordinal)))));
        yield return WorkbookInput(cls, "xlsx-only-a-chart-sheet", Expectation.Reject("format-error"), () => ChartWorkbook(withWorksheet: false));
        yield return WorkbookInput(cls, "xlsx-chart-sheet-before-the-worksheet", Expectation.Accept(), () => ChartWorkbook(withWorksheet: true));
        yield return WorkbookInput(cls, "xlsx-no-sheets", Expectation.Reject("format-error"), () => ZipBytes(Replace(ValidParts(), CorpusFiles.Text("xl/workbook.xml", Workbook("")))));
        yield return WorkbookInput(cls, "xlsx-200-worksheets", Expectation.Accept(), ManySheets);

        (string Name, string Cell, Expectation Expected)[] cells =
        [
            ("shared-index-out-of-range", "<c r=\"C2\" t=\"s\"><v>99</v></c>", Expectation.Reject("format-error")),
            ("shared-index-negative", "<c r=\"C2\" t=\"s\"><v>-1</v></c>", Expectation.Reject("format-error")),
            ("shared-index-text", "<c r=\"C2\" t=\"s\"><v>abc</v></c>", Expectation.Reject("format-error")),
            ("shared-index-huge", "<c r=\"C2\" t=\"s\"><v>99999999999999999999</v></c>", Expectation.Reject("format-error")),
            ("nan-amount", "<c r=\"J2\"><v>NaN</v></c>", Expectation.RejectOn(Fqis, "type-error")),
            ("infinite-amount", "<c r=\"J2\"><v>1E+309</v></c>", Expectation.RejectOn(Fqis, "type-error")),
            ("iso-date-cell-invalid", "<c r=\"L2\" t=\"d\"><v>2022-99-99</v></c>", Expectation.RejectOn("date_debut", "type-error")),
            ("error-cell-amount", "<c r=\"J2\" t=\"e\"><v>#DIV/0!</v></c>", Expectation.RejectOn(Fqis, "type-error")),
            ("boolean-amount", "<c r=\"J2\" t=\"b\"><v>1</v></c>", Expectation.RejectOn(Fqis, "type-error")),
            ("cell-without-reference-row", "<c t=\"inlineStr\"><is><t>x</t></is></c>", Expectation.Either()),
        ];
        foreach (var (name, cell, expected) in cells)
        {
            // The twisted cell replaces the valid one at its reference, or is added at the end of row 2.
            yield return WorkbookInput(cls, $"xlsx-{name}", expected, () => ZipBytes(WorkbookParts(TwistRow2(cell))));
        }

        (string Name, string RowAttribute, Expectation Expected)[] rowNumbers =
        [
            ("row-number-0", "r=\"0\"", Expectation.Reject("format-error")),
            ("row-number-text", "r=\"abc\"", Expectation.Reject("format-error")),
            ("row-number-past-excel", "r=\"2000000\"", Expectation.Either()),
            ("row-number-past-int32", "r=\"99999999999\"", Expectation.Reject("format-error")),
        ];
        foreach (var (name, attribute, expected) in rowNumbers)
        {
            var rows = ValidRows() + $"<row {attribute}><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
            yield return WorkbookInput(cls, $"xlsx-{name}", expected, () => ZipBytes(WorkbookParts(rows)));
        }

        var richTitle = "<c r=\"C2\" t=\"inlineStr\"><is>" + Repeat("<r><t>a</t></r>", 10_000) + "</is></c>";
        yield return WorkbookInput(cls, "xlsx-10000-rich-text-runs", Expectation.RejectOn("titre_projet", "constraint-error"), () => ZipBytes(WorkbookParts(TwistRow2(richTitle))));
        yield return WorkbookInput(cls, "xlsx-strict-ooxml-namespace", Expectation.Either(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", Worksheet(ValidRows()).Replace(Main, "http://purl.oclc.org/ooxml/spreadsheetml/main", StringComparison.Ordinal)))));

        yield return Raw(cls, "xlsx-is-an-old-xls", XlsxExt, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]], Expectation.Reject("format-error"));
        yield return Text(cls, "xlsx-is-a-csv", XlsxExt, ValidCsv(), Expectation.Reject("format-error"));
        yield return WorkbookInput(cls, "xlsx-is-an-ods", Expectation.Reject("format-error"), () => ZipBytes(
        [
            new Part("mimetype", s => Write(s, "application/vnd.oasis.opendocument.spreadsheet"), System.IO.Compression.CompressionLevel.NoCompression),
            CorpusFiles.Text("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
        ]));
        yield return Raw(cls, "xlsx-is-empty", XlsxExt, [], Expectation.Reject("empty-file"));
    }

    // Row 2 of the valid rows with one cell replaced (same reference) or appended.
    private static string TwistRow2(string cell)
    {
        var rows = XlsxRows(Table(Projects(1)));
        var reference = cell.Contains("r=\"", StringComparison.Ordinal) ? cell.Split("r=\"")[1].Split('"')[0] : null;
        if (reference is not null)
        {
            var start = rows.IndexOf($"<c r=\"{reference}\"", StringComparison.Ordinal);
            if (start >= 0) return rows[..start] + cell + rows[(rows.IndexOf("</c>", start, StringComparison.Ordinal) + 4)..];
        }

        return rows.Replace("</row><row r=\"2\">", "</row><row r=\"2\">" + cell, StringComparison.Ordinal);
    }

    private static byte[] ChartWorkbook(bool withWorksheet)
    {
        var sheets = """<sheet name="Graphique" sheetId="1" r:id="rId9"/>""" + (withWorksheet ? """<sheet name="Rapport" sheetId="2" r:id="rId1"/>""" : "");
        var parts = ValidParts();
        Replace(parts, CorpusFiles.Text("xl/workbook.xml", Workbook(sheets)));
        Replace(parts, CorpusFiles.Text("xl/_rels/workbook.xml.rels", WorkbookRelationships().Replace("</Relationships>",
            $"<Relationship Id=\"rId9\" Type=\"{Relationships}/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>", StringComparison.Ordinal)));
        Replace(parts, CorpusFiles.Text("[Content_Types].xml", ContentTypes(extra: $"<Override PartName=\"/xl/chartsheets/sheet1.xml\" ContentType=\"{ChartsheetType}\"/>")));
        parts.Add(CorpusFiles.Text("xl/chartsheets/sheet1.xml", $"<chartsheet xmlns=\"{Main}\"><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></chartsheet>"));
        if (!withWorksheet) parts.RemoveAll(p => p.Name == "xl/worksheets/sheet1.xml");
        return ZipBytes(parts);
    }

    private static byte[] ManySheets()
    {
        const int count = 200;
        var parts = ValidParts();
        var sheets = new StringBuilder();
        var rels = new StringBuilder();
        var types = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            sheets.Append($"<sheet name=\"F{i}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>");
            rels.Append($"<Relationship Id=\"rId{i}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
            if (i > 1)
            {
                types.Append($"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                parts.Add(CorpusFiles.Text($"xl/worksheets/sheet{i}.xml", Worksheet(XlsxRow(1, [$"feuille {i}"]))));
            }
        }

        Replace(parts, CorpusFiles.Text("xl/workbook.xml", Workbook(sheets.ToString())));
        Replace(parts, CorpusFiles.Text("xl/_rels/workbook.xml.rels",
            $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"));
        Replace(parts, CorpusFiles.Text("[Content_Types].xml", ContentTypes(extra: types.ToString())));
        return ZipBytes(parts);
    }
}
