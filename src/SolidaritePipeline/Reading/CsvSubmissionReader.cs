using System.Text;
using nietras.SeparatedValues;

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

    /// <summary>Sep's longest row, in characters (its <c>RowLengthMax</c>).</summary>
    internal const int MaxRowChars = 1 << 24;

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
                throw new SubmissionFileException(ReadFailure.EmptyFile);
            delimiter = DetectDelimiter(buffer.AsSpan(0, length));
        }

        stream.Position = 0;
        return new CsvLayout(encoding, name, delimiter);
    }

    /// <summary>
    /// Yields the header (row 1, as a <see cref="SourceHeader"/>), then every record, each with its
    /// cells as strings (what <see cref="CsvRecords"/> reads, for callers that keep rows).
    /// </summary>
    public static IEnumerable<SourceRow> ReadRows(Stream stream, CsvLayout layout, int maxColumns, CancellationToken cancellationToken)
    {
        using var records = CsvRecords.Open(stream, layout, maxColumns);
        if (records.Header is null) yield break;
        yield return records.Header;
        while (records.MoveNext(cancellationToken))
        {
            var cells = new SourceCell[records.Count];
            for (var i = 0; i < cells.Length; i++) cells[i] = new SourceCell(new string(records[i]));
            yield return records.LastFilledColumn is { } last
                ? new SourceRow(records.RowNumber, cells) { LastFilledColumn = last }
                : new SourceRow(records.RowNumber, cells);
        }
    }

    // Sep refuses a row longer than it can hold (an unclosed quote swallows the rest of the file).
    internal static T Guarded<T>(int rowIndex, Func<T> read)
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
    internal static bool MoveNext(SepReader reader, int rowIndex)
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
        new(ReadFailure.RowTooLong, rowIndex + 1, MaxRowChars);

    internal static (Encoding Encoding, string Name) ChooseEncoding(SubmissionContent content)
    {
        if (content.HasUtf16Bom)
            return content.Prefix[0] == 0xFF ? (Encoding.Unicode, "utf-16le") : (Encoding.BigEndianUnicode, "utf-16be");
        if (content.HasUtf8Bom)
        {
            return content.IsValidUtf8
                ? (Encoding.UTF8, "utf-8")
                : throw new SubmissionFileException(ReadFailure.BadUtf8);
        }

        if (content.LooksLikeZip) throw new SubmissionFileException(ReadFailure.ZipAsText);
        if (content.HasNullByte) throw new SubmissionFileException(ReadFailure.BinaryText);
        if (content.IsValidUtf8) return (new UTF8Encoding(false), "utf-8");
        if (content.HasUndefinedWindows1252Byte) throw new SubmissionFileException(ReadFailure.UnknownEncoding);
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
}
