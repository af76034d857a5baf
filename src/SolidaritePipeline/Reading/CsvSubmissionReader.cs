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

    /// <summary>Schema v1 has 16 fields; a few more columns (comments) are common, thousands never.</summary>
    private const int PooledColumns = 64;

    /// <summary>Sep's longest row, in characters (its <c>RowLengthMax</c>).</summary>
    internal const int MaxRowChars = 1 << 24;

    private static readonly SepCreateToString PoolPerCol = SepToString.PoolPerCol(maximumStringLength: 32);

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

    /// <summary>
    /// Yields the header (row 1), then every record. The header keeps up to its last filled cell,
    /// at most <paramref name="maxColumns"/> of them (more is a <c>format-error</c>); a record keeps
    /// the header's width, and of the cells past it only the first filled one, standing for them all
    /// (<see cref="SourceRow.LastFilledColumn"/> says how far the row reaches). A row of millions of
    /// separators thus costs a scan of its spans, never a string or a pool per column.
    /// </summary>
    public static IEnumerable<SourceRow> ReadRows(Stream stream, CsvLayout layout, int maxColumns, CancellationToken cancellationToken)
    {
        // The StreamReader drops a byte order mark of the chosen encoding.
        using var text = new StreamReader(stream, layout.Encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        // Sep reads the first row as it opens: a first row too long for it fails here.
        using var reader = Guarded(0, () => Sep.Reader(o => o with
        {
            Sep = new Sep(layout.Delimiter),
            HasHeader = false,
            DisableColCountCheck = true,
            // Values that repeat down a column (exercice, region, statut) are turned into strings once;
            // only the first PooledColumns columns get a pool, whatever width the first row claims.
            CreateToString = (header, colCount) => PoolPerCol(header, Math.Min(colCount, PooledColumns)),
        }).From(text));

        var width = -1;
        var rowIndex = -1;
        while (MoveNext(reader, rowIndex + 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = reader.Current;
            rowIndex = row.RowIndex;
            if (width < 0)
            {
                width = FilledWidth(row, 0);
                if (maxColumns > 0 && width > maxColumns)
                    throw new SubmissionFileException(IssueCodes.FormatError, Messages.TooManyColumns(maxColumns), row.RowIndex + 1);
            }

            yield return ToSourceRow(row, width);
        }
    }

    // Sep refuses a row longer than it can hold (an unclosed quote swallows the rest of the file).
    private static T Guarded<T>(int rowIndex, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(rowIndex);
        }
    }

    // The same without a delegate: this runs once per row.
    private static bool MoveNext(SepReader reader, int rowIndex)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(rowIndex);
        }
    }

    private static SubmissionFileException RowTooLong(int rowIndex) =>
        new(IssueCodes.FormatError, Messages.RowTooLong(rowIndex + 1, MaxRowChars), rowIndex + 1);

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

    private static SourceRow ToSourceRow(SepReader.Row row, int width)
    {
        var rowNumber = row.RowIndex + 1;
        var kept = Math.Min(row.ColCount, width);
        var firstBeyond = row.ColCount > width ? FilledWidth(row, width, firstOnly: true) - 1 : -1;
        var cells = new SourceCell[firstBeyond >= 0 ? kept + 1 : kept];
        for (var i = 0; i < kept; i++) cells[i] = ToCell(row[i], rowNumber);
        if (firstBeyond < 0) return new SourceRow(rowNumber, cells);

        cells[kept] = ToCell(row[firstBeyond], rowNumber);
        return new SourceRow(rowNumber, cells) { LastFilledColumn = FilledWidth(row, firstBeyond) };
    }

    private static SourceCell ToCell(SepReader.Col col, int rowNumber)
    {
        var raw = col.Span;
        var trimmed = raw.Trim(' ');
        return new SourceCell(
            trimmed.Length > 0 && trimmed[0] == '"' ? Unquote(trimmed, rowNumber)
            : raw.Contains('"') ? CheckedLiteral(raw, rowNumber)
            : col.ToString());
    }

    /// <summary>
    /// The 1-based column of the last filled cell at or after <paramref name="from"/> (or, with
    /// <paramref name="firstOnly"/>, of the first), 0 when there is none; spans only, no string.
    /// </summary>
    private static int FilledWidth(SepReader.Row row, int from, bool firstOnly = false)
    {
        var found = 0;
        for (var i = from; i < row.ColCount; i++)
        {
            if (IsBlank(row[i].Span)) continue;
            found = i + 1;
            if (firstOnly) break;
        }

        return found;
    }

    // Blank as the validator sees it once unquoted: white space, or quotes around white space.
    private static bool IsBlank(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"') trimmed = trimmed[1..^1];
        return trimmed.IsWhiteSpace();
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
