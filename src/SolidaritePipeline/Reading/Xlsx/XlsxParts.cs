using System.Text;
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
                else if (reader.ElementType == typeof(Sheet) && Attribute(reader, "id", RelationshipsNamespace) is { } id)
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

    /// <summary>For each cell style index (<c>s</c>), whether its number format shows a date.</summary>
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
                else if (inNumberingFormats && type == typeof(NumberingFormat)
                         && int.TryParse(Attribute(reader, "numFmtId"), out var id))
                    formatCodes[id] = Attribute(reader, "formatCode") ?? string.Empty;
                else if (inCellFormats && type == typeof(CellFormat))
                    cellFormatIds.Add(int.TryParse(Attribute(reader, "numFmtId"), out var fmt) ? fmt : 0);
            }
        }

        return cellFormatIds
            .Select(id => XlsxValues.IsDateFormat(id, formatCodes.GetValueOrDefault(id)))
            .ToArray();
    }

    /// <summary>The shared string table: plain and rich text, phonetic guides left out.</summary>
    public static List<string> SharedStrings(SharedStringTablePart? part, InflationBudget budget, CancellationToken cancellationToken)
    {
        var strings = new List<string>();
        if (part is null) return strings;

        var text = new StringBuilder();
        var phoneticDepth = 0;
        using var reader = Open(part, budget);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                }
                else
                {
                    strings.Add(XlsxValues.DecodeEscapes(text.ToString()));
                    if (strings.Count % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else if (type == typeof(PhoneticRun))
            {
                phoneticDepth += reader.IsStartElement ? 1 : -1;
            }
            else if (type == typeof(Text) && reader.IsStartElement && phoneticDepth == 0)
            {
                text.Append(reader.GetText());
            }
        }

        return strings;
    }
}
