using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// Reads the small parts of a workbook (workbook, styles, shared strings) with the SAX-style
/// <see cref="OpenXmlReader"/>, every byte charged to the file's <see cref="InflationBudget"/>.
/// The SDK's part reader prohibits DTDs, so a DOCTYPE in any part is an <c>XmlException</c>.
/// </summary>
internal static class XlsxParts
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static OpenXmlReader Open(OpenXmlPart part, InflationBudget budget) =>
        new OpenXmlPartReader(
            new CountingStream(part.GetStream(FileMode.Open, FileAccess.Read), budget),
            part.Features,
            new OpenXmlPartReaderOptions { CloseStream = true, MaxCharactersInPart = budget.Limit });

    public static string? Attribute(OpenXmlReader reader, string localName, string namespaceUri = "")
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName && attribute.NamespaceUri == namespaceUri) return attribute.Value;
        }

        return null;
    }

    public static bool IsTrue(string? value) => value is "1" or "true";

    /// <summary>The first worksheet in workbook order, and whether dates count from 1904.</summary>
    /// <summary>Excel's own limit of cell formats in a workbook; more only comes from a hostile file.</summary>
    public const int MaxCellFormats = 65_490;

    /// <summary>Sheets looked at for the first worksheet: a chart sheet or two may come before it, never thousands.</summary>
    private const int MaxSheets = 4_096;

    public static (WorksheetPart Sheet, bool Date1904) FirstWorksheet(WorkbookPart workbook, InflationBudget budget)
    {
        var date1904 = false;
        var sheetIds = new List<string>();
        using (var reader = Open(workbook, budget))
        {
            while (reader.Read())
            {
                if (!reader.IsStartElement) continue;
                if (reader.ElementType == typeof(WorkbookProperties))
                    date1904 = IsTrue(Attribute(reader, "date1904"));
                else if (reader.ElementType == typeof(Sheet) && sheetIds.Count < MaxSheets && Attribute(reader, "id", RelationshipsNamespace) is { } id)
                    sheetIds.Add(id);
            }
        }

        // A chart sheet may come first; the data is on the first worksheet.
        foreach (var id in sheetIds)
        {
            if (workbook.TryGetPartById(id, out var part) && part is WorksheetPart sheet) return (sheet, date1904);
        }

        throw XlsxErrors.NoWorksheet();
    }

    /// <summary>
    /// For each cell style index (<c>s</c>), whether its number format shows a date; held for at most
    /// <see cref="MaxCellFormats"/> styles and formats, so a styles part of millions of entries stays small.
    /// </summary>
    public static bool[] DateStyles(WorkbookStylesPart? styles, InflationBudget budget)
    {
        if (styles is null) return [];

        var formatCodes = new Dictionary<int, string>();
        var cellFormatIds = new List<int>();
        var inNumberingFormats = false;
        var inCellFormats = false;
        using (var reader = Open(styles, budget))
        {
            while (reader.Read())
            {
                var type = reader.ElementType;
                if (type == typeof(NumberingFormats)) inNumberingFormats = reader.IsStartElement;
                else if (type == typeof(CellFormats)) inCellFormats = reader.IsStartElement;
                else if (!reader.IsStartElement) continue;
                else if (inNumberingFormats && type == typeof(NumberingFormat) && formatCodes.Count < MaxCellFormats
                         && int.TryParse(Attribute(reader, "numFmtId"), out var id))
                    formatCodes[id] = Attribute(reader, "formatCode") ?? string.Empty;
                else if (inCellFormats && type == typeof(CellFormat) && cellFormatIds.Count < MaxCellFormats)
                    cellFormatIds.Add(int.TryParse(Attribute(reader, "numFmtId"), out var fmt) ? fmt : 0); // past the limit: not a date
            }
        }

        return cellFormatIds
            .Select(id => XlsxValues.IsDateFormat(id, formatCodes.GetValueOrDefault(id)))
            .ToArray();
    }

    /// <summary>
    /// The shared string table: plain and rich text, phonetic guides left out. Each string is kept
    /// up to <paramref name="keepChars"/> characters (the cell limit + 1, so a longer one still fails
    /// the length check, with its true length); the table as a whole must stay within the options'
    /// budget of strings and characters, checked as it is read, else <c>file-too-large</c>.
    /// </summary>
    public static SharedStrings SharedStrings(SharedStringTablePart? part, InflationBudget budget, SharedStringBudget limits, CancellationToken cancellationToken)
    {
        var strings = new SharedStrings();
        if (part is null) return strings;

        var text = new StringBuilder();
        var chunk = new char[8 * 1024];
        long length = 0;
        long chars = 0;
        var phoneticDepth = 0;
        using var reader = XlsxXml.Open(part, budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (XlsxXml.Is(reader, "rPh")) phoneticDepth--;
                else if (XlsxXml.Is(reader, "si")) Add();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element) continue;
            if (XlsxXml.Is(reader, "si"))
            {
                text.Clear();
                length = 0;
                if (reader.IsEmptyElement) Add();
            }
            else if (XlsxXml.Is(reader, "rPh"))
            {
                if (!reader.IsEmptyElement) phoneticDepth++;
            }
            else if (XlsxXml.Is(reader, "t") && phoneticDepth == 0)
            {
                length += XlsxXml.AppendText(reader, text, limits.KeepChars, chunk);
            }
        }

        return strings;

        void Add()
        {
            chars += text.Length;
            if ((limits.MaxCount > 0 && strings.Count >= limits.MaxCount) || (limits.MaxChars > 0 && chars > limits.MaxChars))
                throw XlsxErrors.SharedStringsTooLarge(limits);
            strings.Add(XlsxValues.DecodeEscapes(text.ToString()), length > limits.KeepChars ? length : 0);
            if (strings.Count % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

/// <summary>What a shared string table may hold: strings, characters, and characters kept of one string.</summary>
internal sealed record SharedStringBudget(int MaxCount, long MaxChars, int KeepChars)
{
    public static SharedStringBudget From(SolidaritePipeline.Validation.ValidationOptions options) => new(
        options.MaxSharedStrings,
        options.MaxSharedStringChars,
        options.MaxCellLength > 0 ? options.MaxCellLength + 1 : int.MaxValue);
}

/// <summary>The shared strings of a workbook, each as a cell, with its true length when it was cut.</summary>
internal sealed class SharedStrings
{
    private readonly List<string> _strings = [];
    private readonly Dictionary<int, long> _cutLengths = [];

    public int Count => _strings.Count;

    /// <summary>Adds a string; <paramref name="cutFrom"/> is its true length when it was cut, else 0.</summary>
    public void Add(string text, long cutFrom)
    {
        if (cutFrom > 0) _cutLengths[_strings.Count] = cutFrom;
        _strings.Add(text);
    }

    public SourceCell this[int index] => _cutLengths.TryGetValue(index, out var length)
        ? new SourceCell(_strings[index]) { Length = (int)Math.Min(length, int.MaxValue) }
        : new SourceCell(_strings[index]);
}
