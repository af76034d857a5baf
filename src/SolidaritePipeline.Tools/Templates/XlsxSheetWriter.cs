using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SolidaritePipeline.Tools.Templates;

/// <summary>
/// Writes a one-sheet XLSX workbook row by row (SAX-style, so memory stays flat however many rows):
/// a header row from the columns, then data rows of text, exact decimal numbers and real date cells.
/// Column options add what a person filling the sheet needs: widths, a frozen header, notes on the
/// header cells and drop-down lists (kept on a hidden second sheet, <c>Listes</c>).
/// </summary>
/// <example>
/// <code>
/// using (var sheet = XlsxSheetWriter.Create(stream, "Rapport", [new("no_projet", XlsxColumnFormat.Text), new("date_debut", XlsxColumnFormat.Date)]))
///     sheet.WriteRow("P-001", new DateOnly(2022, 4, 1));
/// </code>
/// </example>
public sealed class XlsxSheetWriter : IDisposable
{
    /// <summary>The hidden sheet holding the values of drop-down lists.</summary>
    public const string ListsSheetName = "Listes";

    private const int LastExcelRow = 1_048_576;

    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheetPart;
    private readonly OpenXmlWriter _writer;
    private readonly string _sheetName;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private int _rowNumber;
    private bool _completed;

    private XlsxSheetWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        _sheetName = sheetName;
        _columns = columns;
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        try
        {
            var workbook = _document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxWriterParts.Stylesheet();
            _sheetPart = workbook.AddNewPart<WorksheetPart>();
            _writer = OpenXmlWriter.Create(_sheetPart);
        }
        catch
        {
            _document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a workbook on <paramref name="output"/> (writable and seekable, e.g. a file or a
    /// <see cref="MemoryStream"/>; left open) and writes the header row. Finish with
    /// <see cref="Complete"/> or <see cref="Dispose"/>.
    /// </summary>
    public static XlsxSheetWriter Create(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        if (string.Equals(sheetName, ListsSheetName, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{ListsSheetName}' is the name of the hidden lists sheet.", nameof(sheetName));

        var writer = new XlsxSheetWriter(output, sheetName, columns);
        try
        {
            writer.WriteHead();
            return writer;
        }
        catch
        {
            writer._document.Dispose();
            throw;
        }
    }

    /// <summary>The Excel row number the next <see cref="WriteRow(ReadOnlySpan{XlsxCell})"/> writes.</summary>
    public int NextRowNumber => _rowNumber + 1;

    /// <summary>Writes one data row; cells beyond the declared columns are written in General format.</summary>
    public void WriteRow(params ReadOnlySpan<XlsxCell> cells)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_rowNumber >= LastExcelRow) throw new InvalidOperationException("Excel sheets end at row 1 048 576.");

        _rowNumber++;
        _writer.WriteStartElement(new Row { RowIndex = (uint)_rowNumber });
        for (var i = 0; i < cells.Length; i++)
        {
            var format = i < _columns.Count ? _columns[i].Format : XlsxColumnFormat.General;
            if (XlsxWriterParts.Cell(cells[i], $"{ColumnName(i)}{_rowNumber}", format) is { } cell)
                _writer.WriteElement(cell);
        }

        _writer.WriteEndElement();
    }

    /// <summary>Writes the end of the sheet, the lists and the workbook, and flushes the package to the stream.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            WriteTail();
        }
        finally
        {
            _writer.Dispose();
            _document.Dispose();
        }
    }

    /// <summary>Completes the workbook if <see cref="Complete"/> was not called.</summary>
    public void Dispose() => Complete();

    /// <summary>The column letters of a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private void WriteHead()
    {
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0U }));
        _writer.WriteElement(XlsxWriterParts.Columns(_columns));
        _writer.WriteStartElement(new SheetData());

        _rowNumber = 1;
        _writer.WriteStartElement(new Row { RowIndex = 1U });
        for (var i = 0; i < _columns.Count; i++)
            _writer.WriteElement(XlsxWriterParts.HeaderCell(_columns[i], $"{ColumnName(i)}1"));
        _writer.WriteEndElement();
    }

    private void WriteTail()
    {
        _writer.WriteEndElement(); // sheetData

        var lists = _columns.Select((c, i) => (Column: c, Index: i)).Where(c => c.Column.AllowedValues is { Count: > 0 }).ToList();
        if (lists.Count > 0)
        {
            var validations = lists.Select((list, k) => XlsxWriterParts.ListValidation(
                list.Column,
                sqref: $"{ColumnName(list.Index)}2:{ColumnName(list.Index)}{LastExcelRow}",
                source: $"{ListsSheetName}!${ColumnName(k)}$2:${ColumnName(k)}${list.Column.AllowedValues!.Count + 1}"));
            _writer.WriteElement(new DataValidations(validations) { Count = (uint)lists.Count });
        }

        _writer.WriteElement(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });

        var notes = _columns.Select((c, i) => (c.Note, Index: i)).Where(n => !string.IsNullOrWhiteSpace(n.Note)).ToList();
        if (notes.Count > 0)
        {
            var commentsPart = _sheetPart.AddNewPart<WorksheetCommentsPart>();
            commentsPart.Comments = XlsxWriterParts.Comments(notes.Select(n => ($"{ColumnName(n.Index)}1", n.Note!)));
            var vmlPart = _sheetPart.AddNewPart<VmlDrawingPart>();
            using (var vml = vmlPart.GetStream(FileMode.Create, FileAccess.Write))
                XlsxWriterParts.WriteNoteShapes(vml, notes.Select(n => n.Index));
            _writer.WriteElement(new LegacyDrawing { Id = _sheetPart.GetIdOfPart(vmlPart) });
        }

        _writer.WriteEndElement(); // worksheet
        _writer.Close();

        var workbookPart = _document.WorkbookPart!;
        var sheets = new Sheets(new Sheet { Name = _sheetName, SheetId = 1U, Id = workbookPart.GetIdOfPart(_sheetPart) });
        if (lists.Count > 0)
        {
            var listsPart = workbookPart.AddNewPart<WorksheetPart>();
            listsPart.Worksheet = XlsxWriterParts.ListsSheet(lists.Select(l => l.Column));
            sheets.Append(new Sheet { Name = ListsSheetName, SheetId = 2U, Id = workbookPart.GetIdOfPart(listsPart), State = SheetStateValues.Hidden });
        }

        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0U }), sheets);
    }
}
