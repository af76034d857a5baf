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
        foreach (var (name, target, expected) in new[]
        {
            ("xlsx-absolute-relationship-target", "/xl/worksheets/sheet1.xml", Expectation.Accept()),
            ("xlsx-escaped-relationship-target", "worksheets/sheet%31.xml", Expectation.Accept()),
            ("xlsx-relationship-target-climbs-out", "../../../../etc/passwd", Expectation.Reject("format-error")),
            ("xlsx-relationship-to-a-missing-part", "worksheets/absente.xml", Expectation.Reject("format-error")),
        })
        {
            yield return WorkbookInput(cls, name, expected, () => ZipBytes(Replace(ValidParts(), CorpusFiles.Text("xl/_rels/workbook.xml.rels",
                WorkbookRelationships().Replace("Target=\"worksheets/sheet1.xml\"", $"Target=\"{target}\"", StringComparison.Ordinal)))));
        }

        yield return WorkbookInput(cls, "xlsx-duplicate-relationship-ids", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(), CorpusFiles.Text("xl/_rels/workbook.xml.rels",
            WorkbookRelationships().Replace("</Relationships>", $"<Relationship Id=\"rId1\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/absente.xml\"/></Relationships>", StringComparison.Ordinal)))));

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

        foreach (var input in XlsxDeclarations()) yield return input;

        yield return Raw(cls, "xlsx-is-an-old-xls", XlsxExt, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]], Expectation.Reject("format-error"));
        yield return Text(cls, "xlsx-is-a-csv", XlsxExt, ValidCsv(), Expectation.Reject("format-error"));
        yield return WorkbookInput(cls, "xlsx-is-an-ods", Expectation.Reject("format-error"), () => ZipBytes(
        [
            new Part("mimetype", s => Write(s, "application/vnd.oasis.opendocument.spreadsheet"), System.IO.Compression.CompressionLevel.NoCompression),
            CorpusFiles.Text("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
        ]));
        yield return Raw(cls, "xlsx-is-empty", XlsxExt, [], Expectation.Reject("empty-file"));
    }

    // Counts, sizes and ranges a workbook declares, which a reader must not trust to size its memory;
    // and start tags so long that an XML parser would hold them whole.
    private static IEnumerable<HostileInput> XlsxDeclarations()
    {
        const string lies = "xlsx-declarations";
        yield return WorkbookInput(lies, "xlsx-shared-string-count-of-two-billion", Expectation.Accept(), () => ZipBytes(WorkbookParts(SheetWithSharedTitle,
            sharedStrings: s => Write(s, $"<sst xmlns=\"{Main}\" count=\"2000000000\" uniqueCount=\"2000000000\"><si><t>Cuisines collectives</t></si></sst>"))));
        yield return WorkbookInput(lies, "xlsx-dimension-of-the-whole-sheet", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", Worksheet(ValidRows()).Replace("<sheetData>", "<dimension ref=\"A1:XFD1048576\"/><sheetData>", StringComparison.Ordinal)))));
        var cols = "<cols>" + string.Concat(Enumerable.Range(1, 16_384).Select(i => $"<col min=\"{i}\" max=\"{i}\" width=\"10\"/>")) + "</cols>";
        yield return WorkbookInput(lies, "xlsx-16384-column-definitions", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", Worksheet(ValidRows()).Replace("<sheetData>", cols + "<sheetData>", StringComparison.Ordinal)))));
        var merges = "<mergeCells count=\"100000\">" + string.Concat(Enumerable.Range(10, 100_000).Select(i => $"<mergeCell ref=\"A{i}:B{i}\"/>")) + "</mergeCells>";
        yield return WorkbookInput(lies, "xlsx-100000-merged-cells", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", Worksheet(ValidRows()).Replace("</sheetData>", "</sheetData>" + merges, StringComparison.Ordinal)))));
        var xfs = "<cellXfs count=\"100000\">" + Repeat("<xf numFmtId=\"14\" applyNumberFormat=\"1\"/>", 100_000) + "</cellXfs>";
        yield return WorkbookInput(lies, "xlsx-100000-cell-styles", Expectation.Accept(), () => ZipBytes(WithStyles($"<styleSheet xmlns=\"{Main}\">{xfs}</styleSheet>")));
        yield return WorkbookInput(lies, "xlsx-style-index-past-the-styles", Expectation.Accept(), () => ZipBytes(WithStyles(
            $"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>", TwistRow2("<c r=\"J2\" s=\"99999999\"><v>12500</v></c>"))));
        yield return WorkbookInput(lies, "xlsx-formula-without-cached-value", Expectation.RejectOn(Fqis, "required-error"), () => ZipBytes(WorkbookParts(TwistRow2("<c r=\"J2\"><f>1+1</f></c>"))));
        yield return WorkbookInput(lies, "xlsx-only-the-last-row", Expectation.Reject("missing-label"), () => ZipBytes(WorkbookParts(XlsxRow(1_048_576, Fields[..3]))));

        const string tags = "xml-huge-tag";
        var format = $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"{new string('0', 500_000)}\"/></numFmts><cellXfs count=\"1\"><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
        yield return WorkbookInput(tags, "xlsx-number-format-of-500000-characters", Expectation.Accept(), () => ZipBytes(WithStyles(format)));
        yield return WorkbookInput(tags, "xlsx-2mb-attribute-on-a-cell", Expectation.Reject("format-error"), () => ZipBytes(Replace(ValidParts(),
            LongAttribute(2L << 20))));
        yield return WorkbookInput(tags, "xlsx-200000-attributes-on-a-cell", Expectation.Reject("format-error"),
            () => ZipBytes(WorkbookParts(TwistRow2("<c r=\"Q2\"" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $" a{i}=\"1\"")) + "><v>1</v></c>"))));
        yield return Big(tags, "big-xlsx-200mb-attribute", XlsxExt, Expectation.Reject("format-error"), s => Zip(s, Replace(ValidParts(), LongAttribute(200L << 20))));
    }

    // A cell whose start tag carries an attribute of that many letters, deflating under the ratio guard.
    private static Part LongAttribute(long bytes) => new("xl/worksheets/sheet1.xml", s =>
    {
        Write(s, $"<worksheet xmlns=\"{Main}\"><sheetData>{XlsxRow(1, Fields)}<row r=\"2\"><c r=\"A2\" x=\"");
        Letters(s, bytes, seed: 2);
        Write(s, "\"><v>1</v></c></row></sheetData></worksheet>");
    });

    private static List<Part> WithStyles(string styles, string? rows = null)
    {
        var parts = rows is null ? ValidParts() : WorkbookParts(rows);
        Replace(parts, CorpusFiles.Text("xl/_rels/workbook.xml.rels", WorkbookRelationships().Replace("</Relationships>",
            $"<Relationship Id=\"rId3\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/></Relationships>", StringComparison.Ordinal)));
        Replace(parts, CorpusFiles.Text("[Content_Types].xml", ContentTypes(extra:
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")));
        parts.Add(CorpusFiles.Text("xl/styles.xml", styles));
        return parts;
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
