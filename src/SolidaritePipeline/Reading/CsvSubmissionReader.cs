using System.Text;
using nietras.SeparatedValues;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reading;

/// <summary>How a CSV file is written: its encoding (name as the report shows it) and its delimiter.</summary>
internal sealed record CsvLayout(Encoding Encoding, string EncodingName, char Delimiter);

/// <summary>
/// Reads a CSV submission with Sep: encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
/// Windows-1252) and delimiter (<c>,</c> <c>;</c> tab) detected, RFC 4180 quotes with embedded
/// newlines. Yields the header as row 1, then every record with the row number Excel would show.
/// </summary>
internal static class CsvSubmissionReader
{
    private const int DetectionChars = 64 * 1024;

    // Ties go to ';' (what French-Canadian Excel writes), then ',', then tab.
    private static readonly char[] Delimiters = [';', ',', '\t'];

    /// <summary>Windows-1252 straight from the code-pages provider: no global registration needed.</summary>
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available.");

    public static CsvLayout Detect(SubmissionContent content)
    {
        var (encoding, name) = ChooseEncoding(content);
        var stream = content.Stream!;
        stream.Position = 0;
        char delimiter;
        using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, DetectionChars, leaveOpen: true))
        {
            var buffer = new char[DetectionChars];
            var length = reader.ReadBlock(buffer, 0, buffer.Length);
            if (length < buffer.Length && buffer.AsSpan(0, length).IsWhiteSpace())
                throw new SubmissionFileException(IssueCodes.EmptyFile, Messages.EmptyFile());
            delimiter = DetectDelimiter(buffer.AsSpan(0, length));
        }

        stream.Position = 0;
        return new CsvLayout(encoding, name, delimiter);
    }

    public static IEnumerable<SourceRow> ReadRows(Stream stream, CsvLayout layout, CancellationToken cancellationToken)
    {
        // The StreamReader drops a byte order mark of the chosen encoding.
        using var text = new StreamReader(stream, layout.Encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(layout.Delimiter),
            HasHeader = false,
            DisableColCountCheck = true,
            // Values that repeat down a column (exercice, region, statut) are turned into strings once.
            CreateToString = SepToString.PoolPerCol(maximumStringLength: 32),
        }).From(text);

        while (reader.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ToSourceRow(reader.Current);
        }
    }

    internal static (Encoding Encoding, string Name) ChooseEncoding(SubmissionContent content)
    {
        if (content.HasUtf16Bom)
            return content.Prefix[0] == 0xFF ? (Encoding.Unicode, "utf-16le") : (Encoding.BigEndianUnicode, "utf-16be");
        if (content.HasUtf8Bom)
        {
            return content.IsValidUtf8
                ? (Encoding.UTF8, "utf-8")
                : throw new SubmissionFileException(IssueCodes.EncodingError, Messages.BadUtf8());
        }

        if (content.LooksLikeZip) throw new SubmissionFileException(IssueCodes.EncodingError, Messages.ZipAsText());
        if (content.HasNullByte) throw new SubmissionFileException(IssueCodes.EncodingError, Messages.BinaryText());
        if (content.IsValidUtf8) return (new UTF8Encoding(false), "utf-8");
        if (content.HasUndefinedWindows1252Byte) throw new SubmissionFileException(IssueCodes.EncodingError, Messages.UnknownEncoding());
        return (Windows1252, "windows-1252");
    }

    /// <summary>The delimiter seen most often in the first record, outside quotes.</summary>
    internal static char DetectDelimiter(ReadOnlySpan<char> start)
    {
        Span<int> counts = stackalloc int[Delimiters.Length];
        var quoted = false;
        foreach (var c in start)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && Array.IndexOf(Delimiters, c) is var i and >= 0) counts[i]++;
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best]) best = i;
        }

        return counts[best] > 0 ? Delimiters[best] : ',';
    }

    private static SourceRow ToSourceRow(SepReader.Row row)
    {
        var rowNumber = row.RowIndex + 1;
        var cells = new SourceCell[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            var col = row[i];
            var raw = col.Span;
            var trimmed = raw.Trim(' ');
            cells[i] = new SourceCell(
                trimmed.Length > 0 && trimmed[0] == '"' ? Unquote(trimmed, rowNumber)
                : raw.Contains('"') ? CheckedLiteral(raw, rowNumber)
                : col.ToString());
        }

        return new SourceRow(rowNumber, cells);
    }

    // "a ""b"" c" is a "b" c. Anything after the closing quote, or no closing quote, is malformed.
    private static string Unquote(ReadOnlySpan<char> quoted, int rowNumber)
    {
        if (quoted.Length < 2 || quoted[^1] != '"') throw Malformed(rowNumber);
        var inner = quoted[1..^1];
        if (!inner.Contains('"')) return new string(inner);

        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != '"') throw Malformed(rowNumber);
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }

    // A quote inside an unquoted cell is kept as text (5" pipe) when balanced; an odd one would have
    // made the parser swallow separators and line ends.
    private static string CheckedLiteral(ReadOnlySpan<char> raw, int rowNumber) =>
        raw.Count('"') % 2 == 0 ? new string(raw) : throw Malformed(rowNumber);

    private static SubmissionFileException Malformed(int rowNumber) =>
        new(IssueCodes.FormatError, Messages.UnclosedQuote(), rowNumber);
}
