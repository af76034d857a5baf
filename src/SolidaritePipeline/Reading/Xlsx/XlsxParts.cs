using System.Text;
using System.Xml;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// Finds and reads the small parts of a workbook (the main part, its worksheet, styles and shared
/// strings) with the plain <see cref="XmlReader"/> of <see cref="XlsxXml"/>, straight from the zip.
/// </summary>
internal static class XlsxParts
{
    private const string Transitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Strict = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>Excel's own limit of cell formats in a workbook; more only comes from a hostile file.</summary>
    public const int MaxCellFormats = 65_490;

    /// <summary>Sheets looked at for the first worksheet: a chart sheet or two may come before it, never thousands.</summary>
    private const int MaxSheets = 4_096;

    // What the main part of a workbook is: a workbook, a template, or either with macros (or an add-in).
    private static readonly HashSet<string> WorkbookContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    };

    public static bool IsTrue(string? value) => value is "1" or "true";

    /// <summary>The parts the reader needs, found through the package's relationships.</summary>
    public sealed record WorkbookParts(string Worksheet, bool Date1904, string? SharedStrings, string? Styles);

    /// <summary>
    /// The workbook's first worksheet in workbook order (a chart sheet may come first), whether its
    /// dates count from 1904, and its shared strings and styles when it has them.
    /// </summary>
    public static WorkbookParts Find(XlsxPackage package)
    {
        var main = package.Relationships("").FirstOrDefault(r => Is(r.Type, "officeDocument"))?.Target;
        if (main is null || !package.Contains(main) || package.ContentType(main) is not { } type || !WorkbookContentTypes.Contains(type))
            throw XlsxErrors.NotAWorkbook();

        var date1904 = false;
        var sheetIds = new List<string>();
        using (var reader = package.ReadXml(main))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (XlsxXml.Is(reader, "workbookPr"))
                    date1904 = IsTrue(reader.GetAttribute("date1904"));
                else if (XlsxXml.Is(reader, "sheet") && sheetIds.Count < MaxSheets
                         && (reader.GetAttribute("id", Transitional) ?? reader.GetAttribute("id", Strict)) is { } id)
                    sheetIds.Add(id);
            }
        }

        var relationships = package.Relationships(main);
        // Ids are unique in a sound file; in a hostile one the first of an id wins.
        var worksheets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var worksheet in relationships.Where(r => Is(r.Type, "worksheet"))) worksheets.TryAdd(worksheet.Id, worksheet.Target);
        var sheet = sheetIds.Select(worksheets.GetValueOrDefault).FirstOrDefault(target => target is not null)
            ?? throw XlsxErrors.NoWorksheet();
        return new WorkbookParts(
            Typed(package, sheet, "worksheet")!,
            date1904,
            Typed(package, relationships.FirstOrDefault(r => Is(r.Type, "sharedStrings"))?.Target, "sharedStrings"),
            Typed(package, relationships.FirstOrDefault(r => Is(r.Type, "styles"))?.Target, "styles"));
    }

    // A part a relationship names must be there, with the content type of its kind, as a package reader requires.
    private static string? Typed(XlsxPackage package, string? part, string kind)
    {
        if (part is null) return null;
        if (!package.Contains(part)) throw XlsxErrors.Malformed("workbook", $"no part {EchoedText.Cut(part)}");
        var expected = $"application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml";
        return string.Equals(package.ContentType(part), expected, StringComparison.OrdinalIgnoreCase)
            ? part
            : throw XlsxErrors.Malformed("workbook", $"{EchoedText.Cut(part)} is not of content type {expected}");
    }

    private static bool Is(string relationshipType, string name) =>
        relationshipType == $"{Transitional}/{name}" || relationshipType == $"{Strict}/{name}";

    /// <summary>
    /// For each cell style index (<c>s</c>), whether its number format shows a date; held for at most
    /// <see cref="MaxCellFormats"/> styles and formats, so a styles part of millions of entries stays small.
    /// </summary>
    public static bool[] DateStyles(XlsxPackage package, string? stylesPart)
    {
        if (stylesPart is null) return [];

        var formatCodes = new Dictionary<int, string>();
        var cellFormatIds = new List<int>();
        var inNumberingFormats = false;
        var inCellFormats = false;
        using (var reader = package.ReadXml(stylesPart))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (XlsxXml.Is(reader, "numFmts")) inNumberingFormats = false;
                    else if (XlsxXml.Is(reader, "cellXfs")) inCellFormats = false;
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element) continue;
                if (XlsxXml.Is(reader, "numFmts")) inNumberingFormats = !reader.IsEmptyElement;
                else if (XlsxXml.Is(reader, "cellXfs")) inCellFormats = !reader.IsEmptyElement;
                else if (inNumberingFormats && XlsxXml.Is(reader, "numFmt") && formatCodes.Count < MaxCellFormats
                         && int.TryParse(reader.GetAttribute("numFmtId"), out var id))
                    formatCodes[id] = reader.GetAttribute("formatCode") ?? string.Empty;
                else if (inCellFormats && XlsxXml.Is(reader, "xf") && cellFormatIds.Count < MaxCellFormats)
                    cellFormatIds.Add(int.TryParse(reader.GetAttribute("numFmtId"), out var fmt) ? fmt : 0); // past the limit: not a date
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
    public static SharedStrings SharedStrings(XlsxPackage package, string? part, SharedStringBudget limits, CancellationToken cancellationToken)
    {
        var strings = new SharedStrings();
        if (part is null) return strings;

        var text = new StringBuilder();
        var chunk = new char[8 * 1024];
        long length = 0;
        long chars = 0;
        var phoneticDepth = 0;
        using var reader = package.ReadXml(part);
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
    public static SharedStringBudget From(ReadingLimits options) => new(
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
