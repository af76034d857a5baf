using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Tools.Templates;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Templates;

public sealed class XlsxSheetWriterTests
{
    private static readonly XlsxColumn[] Columns =
    [
        new("no_projet", XlsxColumnFormat.Text),
        new("montant_fqis", XlsxColumnFormat.Money),
        new("date_debut", XlsxColumnFormat.Date),
        new("personnes_rejointes", XlsxColumnFormat.Integer),
    ];

    private static List<SourceRow> ReadBack(MemoryStream stream)
    {
        stream.Position = 0;
        return XlsxSheetReader.ReadRows(stream, new ValidationOptions(), CancellationToken.None).ToList();
    }

    [Fact]
    public void Rows_come_back_through_the_reader_as_typed_text_numbers_and_dates()
    {
        using var stream = new MemoryStream();
        using (var sheet = XlsxSheetWriter.Create(stream, "Rapport", Columns))
        {
            sheet.WriteRow("P-001", 12500.50m, new DateOnly(2022, 4, 1), 1200);
            sheet.WriteRow("P-002", "12,5,0", XlsxCell.Empty, 0.1m + 0.2m, "colonne en trop");
        }

        var rows = ReadBack(stream);

        Assert.Equal([1, 2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal(["no_projet", "montant_fqis", "date_debut", "personnes_rejointes"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal([new SourceCell("P-001"), new("12500.5", true), new("2022-04-01", true), new("1200", true)], rows[1].Cells);
        Assert.Equal([new SourceCell("P-002"), new("12,5,0"), SourceCell.Empty, new("0.3", true), new("colonne en trop")], rows[2].Cells);
    }

    [Fact]
    public void Dates_are_real_date_cells_not_text()
    {
        using var stream = new MemoryStream();
        using (var sheet = XlsxSheetWriter.Create(stream, "Rapport", Columns))
            sheet.WriteRow("P-001", 1m, new DateOnly(2023, 3, 31), 1);

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Single(c => c.CellReference == "C2");
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var code = document.WorkbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value;

        Assert.Null(cell.DataType);
        Assert.Equal("45016", cell.CellValue!.Text); // days since 1899-12-30
        Assert.Equal("yyyy-mm-dd", code);
    }

    [Fact]
    public void Many_rows_are_streamed_with_consecutive_row_numbers()
    {
        using var stream = new MemoryStream();
        using (var sheet = XlsxSheetWriter.Create(stream, "Rapport", Columns))
        {
            for (var i = 1; i <= 2000; i++)
                sheet.WriteRow($"P-{i:0000}", i * 1.25m, new DateOnly(2022, 4, 1).AddDays(i % 365), i);
        }

        var rows = ReadBack(stream);

        Assert.Equal(2001, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2001), rows.Select(r => r.RowNumber));
        Assert.Equal([new SourceCell("P-2000"), new("2500", true), new("2022-09-23", true), new("2000", true)], rows[^1].Cells);
    }

    [Fact]
    public void A_sheet_without_lists_or_notes_has_a_single_visible_sheet()
    {
        using var stream = new MemoryStream();
        XlsxSheetWriter.Create(stream, "Rapport", Columns).Complete();

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        Assert.Equal(["Rapport"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Null(document.WorkbookPart.WorksheetParts.Single().WorksheetCommentsPart);
    }

    [Fact]
    public void Control_characters_and_text_that_looks_escaped_round_trip()
    {
        using var stream = new MemoryStream();
        using (var sheet = XlsxSheetWriter.Create(stream, "Rapport", Columns))
            sheet.WriteRow("bip\u0007 fin", "littéral _x000D_ ici", "ligne 1\r\nligne 2");

        var row = ReadBack(stream)[1];

        Assert.Equal([new SourceCell("bip\u0007 fin"), new("littéral _x000D_ ici"), new("ligne 1\r\nligne 2")], row.Cells);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]
    public void Column_names_follow_excel(int index, string name)
    {
        Assert.Equal(name, XlsxSheetWriter.ColumnName(index));
    }

    [Fact]
    public void Dates_excel_cannot_tell_apart_are_refused()
    {
        using var stream = new MemoryStream();
        using var sheet = XlsxSheetWriter.Create(stream, "Rapport", Columns);

        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.WriteRow("P-001", 1m, new DateOnly(1900, 2, 28), 1));
    }
}
