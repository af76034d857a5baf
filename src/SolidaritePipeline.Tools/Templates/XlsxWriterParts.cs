using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SolidaritePipeline.Tools.Templates;

/// <summary>The fixed pieces of a workbook written by <see cref="XlsxSheetWriter"/>: styles, cells, notes, lists.</summary>
internal static class XlsxWriterParts
{
    // Indexes into cellXfs, in the order Stylesheet() writes them.
    private const uint StyleHeader = 1;
    private const uint StyleHeaderHighlighted = 2;
    private const uint StyleText = 3;
    private const uint StyleInteger = 4;
    private const uint StyleMoney = 5;
    private const uint StyleDate = 6;

    private const uint IsoDateFormatId = 164;
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly DateOnly FirstTrueExcelDate = new(1900, 3, 1);

    public static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = IsoDateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1U },
        new Fonts(Font(bold: false), Font(bold: true)) { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            SolidFill("FFD9E1F2"),  // header: light blue
            SolidFill("FFFFE699"))  // highlighted header: light yellow
        { Count = 4U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            Xf(0, font: 0, fill: 0),
            Xf(0, font: 1, fill: 2),
            Xf(0, font: 1, fill: 3),
            Xf(49, font: 0, fill: 0),   // @ (text)
            Xf(3, font: 0, fill: 0),    // #,##0
            Xf(4, font: 0, fill: 0),    // #,##0.00
            Xf(IsoDateFormatId, font: 0, fill: 0))
        { Count = 7U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    public static Columns Columns(IReadOnlyList<XlsxColumn> columns)
    {
        var cols = new Columns();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var widest = Math.Max(column.Header.Length + 4, column.AllowedValues is { Count: > 0 } values ? values.Max(v => v.Length) + 4 : 0);
            var col = new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = column.Width ?? Math.Clamp(widest, 12, 60),
                CustomWidth = true,
            };
            if (ColumnStyle(column.Format) is { } style) col.Style = style;
            cols.Append(col);
        }

        return cols;
    }

    public static Cell HeaderCell(XlsxColumn column, string reference) =>
        TextCell(column.Header, reference, column.Highlighted ? StyleHeaderHighlighted : StyleHeader);

    public static Cell? Cell(XlsxCell value, string reference, XlsxColumnFormat format) => value.Kind switch
    {
        XlsxCellKind.Text => TextCell(value.TextValue!, reference, format == XlsxColumnFormat.Text ? StyleText : null),
        XlsxCellKind.Number => new Cell(new CellValue(value.NumberValue.ToString(CultureInfo.InvariantCulture)))
        {
            CellReference = reference,
            StyleIndex = format switch
            {
                XlsxColumnFormat.Money => StyleMoney,
                XlsxColumnFormat.Integer => StyleInteger,
                _ => null,
            },
        },
        XlsxCellKind.Date => new Cell(new CellValue(DateSerial(value.DateValue).ToString(CultureInfo.InvariantCulture)))
        {
            CellReference = reference,
            StyleIndex = StyleDate,
        },
        _ => null,
    };

    /// <summary>The 1900-system serial of a date; Excel's fictitious 1900-02-29 makes earlier dates ambiguous.</summary>
    public static int DateSerial(DateOnly date)
    {
        if (date < FirstTrueExcelDate)
            throw new ArgumentOutOfRangeException(nameof(date), date, "Dates before 1900-03-01 are not written as Excel date cells.");
        return date.DayNumber - ExcelEpoch.DayNumber;
    }

    public static DataValidation ListValidation(XlsxColumn column, string sqref, string source) => new(new Formula1(source))
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowInputMessage = true,
        ShowErrorMessage = true,
        ErrorStyle = column.AllowOtherValues ? DataValidationErrorStyleValues.Warning : DataValidationErrorStyleValues.Stop,
        ErrorTitle = "Valeur hors liste / Not in list", // Excel allows 32 characters
        Error = "Choisissez une valeur de la liste. / Choose a value from the list.",
        SequenceOfReferences = new ListValue<StringValue> { InnerText = sqref },
    };

    public static Worksheet ListsSheet(IEnumerable<XlsxColumn> lists)
    {
        var columns = lists.ToList();
        var rows = new SheetData();
        var rowCount = columns.Max(c => c.AllowedValues!.Count) + 1;
        for (var r = 0; r < rowCount; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < columns.Count; c++)
            {
                var text = r == 0 ? columns[c].Header : r <= columns[c].AllowedValues!.Count ? columns[c].AllowedValues![r - 1] : null;
                if (text is not null) row.Append(TextCell(text, $"{XlsxSheetWriter.ColumnName(c)}{r + 1}", r == 0 ? StyleHeader : null));
            }

            rows.Append(row);
        }

        return new Worksheet(rows);
    }

    public static Comments Comments(IEnumerable<(string Reference, string Note)> notes) => new(
        new Authors(new Author("SolidaritePipeline")),
        new CommentList(notes.Select(n => new Comment(new CommentText(new Run(new Text(n.Note) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Reference = n.Reference,
            AuthorId = 0U,
        })));

    /// <summary>
    /// The legacy VML shapes Excel needs to show notes: one hidden yellow box per note, anchored beside
    /// its header cell and shown on hover.
    /// </summary>
    public static void WriteNoteShapes(Stream stream, IEnumerable<int> columns)
    {
        var vml = new StringBuilder("""
            <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
            <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>
            <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>

            """);
        var shapeId = 1025;
        foreach (var column in columns)
        {
            vml.Append(CultureInfo.InvariantCulture, $"""
                <v:shape id="_x0000_s{shapeId++}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:130pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">
                <v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>
                <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>
                <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{column + 1}, 15, 0, 2, {column + 5}, 15, 9, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>{column}</x:Column></x:ClientData>
                </v:shape>

                """);
        }

        vml.Append("</xml>");
        stream.Write(Encoding.UTF8.GetBytes(vml.ToString()));
    }

    private static Cell TextCell(string text, string reference, uint? style) =>
        new(new InlineString(new Text(EscapeText(text)) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    /// <summary>
    /// Writes characters XML cannot hold (control characters) as SpreadsheetML's <c>_xHHHH_</c>, and
    /// protects text that already looks like an escape, as Excel does, so every string round-trips.
    /// </summary>
    internal static string EscapeText(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var control = c < 0x20 && c is not ('\t' or '\n') || c is '\uFFFE' or '\uFFFF'; // XML parsers turn CR LF into LF
            var looksEscaped = c == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && !text.AsSpan(i + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF");
            if (!control && !looksEscaped)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
        }

        return escaped?.ToString() ?? text;
    }

    private static uint? ColumnStyle(XlsxColumnFormat format) => format switch
    {
        XlsxColumnFormat.Text => StyleText,
        XlsxColumnFormat.Integer => StyleInteger,
        XlsxColumnFormat.Money => StyleMoney,
        XlsxColumnFormat.Date => StyleDate,
        _ => null,
    };

    private static Font Font(bool bold)
    {
        var font = new Font();
        if (bold) font.Append(new Bold());
        font.Append(new FontSize { Val = 11 }, new FontName { Val = "Calibri" });
        return font;
    }

    private static Fill SolidFill(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid });

    private static CellFormat Xf(uint numFmtId, uint font, uint fill) => new()
    {
        NumberFormatId = numFmtId,
        FontId = font,
        FillId = fill,
        BorderId = 0U,
        FormatId = 0U,
        ApplyNumberFormat = numFmtId != 0 ? true : null,
        ApplyFont = font != 0 ? true : null,
        ApplyFill = fill != 0 ? true : null,
    };
}
