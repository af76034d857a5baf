using System.Xml;
using SolidaritePipeline.Reading.Xlsx;

namespace SolidaritePipeline.Reading;

/// <summary>
/// Reads the first worksheet of an XLSX submission as rows of cells "as the user typed them": text
/// as text, numbers as invariant decimals (<c>12500.5</c>), date cells as <c>AAAA-MM-JJ</c>, booleans as
/// <c>TRUE</c>/<c>FALSE</c>, formulas by their cached value, errors by their text (<c>#N/A</c>).
/// </summary>
/// <remarks>
/// The worksheet and the shared strings are streamed with a plain XML reader that reads text in
/// chunks, so memory holds one row (at most the header's width) plus the shared strings (within the
/// options' budget, each cut at the cell limit + 1) and styles. Before anything is inflated the zip is inspected (declared sizes, compression
/// ratios) and every inflated byte is then counted, so a zip bomb or a lying header ends in
/// <c>file-too-large</c>. DTDs are prohibited in every part: a DOCTYPE ends in <c>format-error</c>.
/// </remarks>
public static class XlsxSheetReader
{
    /// <summary>
    /// Yields the header row first (a <see cref="SourceHeader"/> whose rows end at their last filled
    /// cell), then every row holding a value, each with its Excel row number
    /// (absent and empty rows are skipped; a missing header is yielded as an empty row 1). Absent cells
    /// inside a row are <see cref="SourceCell.Empty"/>; trailing empty cells are trimmed. Rows are read
    /// as the sequence is enumerated; whole-file failures throw <see cref="SubmissionFileException"/>
    /// (<c>file-too-large</c>, <c>format-error</c>) from the enumeration.
    /// </summary>
    public static IEnumerable<SourceRow> ReadRows(Stream seekableStream, ReadingLimits options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seekableStream);
        ArgumentNullException.ThrowIfNull(options);
        if (!seekableStream.CanSeek || !seekableStream.CanRead)
            throw new ArgumentException("An XLSX file is a zip: the reader needs a readable, seekable stream.", nameof(seekableStream));

        return Read(seekableStream, options, cancellationToken);
    }

    private static IEnumerable<SourceRow> Read(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        var budget = new InflationBudget(XlsxZipGuard.InflatedLimit(options));
        using var rows = Guarded("workbook", () => OpenFirstWorksheet(stream, budget, options, cancellationToken));

        var expectHeader = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = Guarded("worksheet", rows.Next);
            if (row is null) yield break;

            if (expectHeader)
            {
                expectHeader = false;
                // The header is row 1 by contract: a sheet that starts lower has an empty header.
                var isHeader = row.RowNumber == 1;
                yield return new SourceHeader(1, isHeader ? row.Cells : []) { RowsEndAtLastFilledCell = true, LastFilledColumn = isHeader ? row.LastFilledColumn : null };
                if (isHeader) continue;
            }

            yield return row;
        }
    }

    private static OpenedWorksheet OpenFirstWorksheet(Stream stream, InflationBudget budget, ReadingLimits options, CancellationToken cancellationToken)
    {
        var package = XlsxPackage.Open(stream, budget);
        try
        {
            var parts = XlsxParts.Find(package);
            var sharedStrings = XlsxParts.SharedStrings(package, parts.SharedStrings, SharedStringBudget.From(options), cancellationToken);
            var dateStyles = XlsxParts.DateStyles(package, parts.Styles);
            var rows = new XlsxWorksheetRows(package.ReadXml(parts.Worksheet), sharedStrings, dateStyles, parts.Date1904, options);
            return new OpenedWorksheet(package, rows);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    /// <summary>Turns the zip's and the XML parser's exceptions for a broken file into <c>format-error</c>.</summary>
    private static T Guarded<T>(string where, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            throw XlsxErrors.Malformed(where, e.Message);
        }
    }

    private sealed class OpenedWorksheet(XlsxPackage package, XlsxWorksheetRows rows) : IDisposable
    {
        public SourceRow? Next() => rows.Next();

        public void Dispose()
        {
            rows.Dispose();
            package.Dispose();
        }
    }
}
