using System.Buffers;
using System.Text;
using nietras.SeparatedValues;

namespace SolidaritePipeline.Output;

/// <summary>The bytes of one kind of CSV file: separator, line end, character set and byte-order mark.</summary>
public sealed record CsvDialect(char Separator, string LineEnd, Encoding Encoding, bool ByteOrderMark)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The open data's CSV: UTF-8 with a BOM (so Excel reads the accents), <c>,</c> separator and
    /// <c>\r\n</c> line ends (RFC 4180's).
    /// </summary>
    public static CsvDialect OpenData { get; } = new(',', "\r\n", Utf8, ByteOrderMark: true);

    /// <summary>UTF-8 without a BOM, for files written the way a given tool writes them.</summary>
    public static CsvDialect Utf8Of(char separator, string lineEnd, bool byteOrderMark) => new(separator, lineEnd, Utf8, byteOrderMark);
}

/// <summary>
/// Every CSV file the project writes goes through here: Sep's writer does the RFC 4180 quoting (a cell
/// holding the separator, a quote or a line break is quoted, its quotes doubled), and text cells are
/// neutralised against spreadsheet formula injection (OWASP "CSV Injection", CWE-1236) by
/// <see cref="Text"/>. Cells the caller formatted itself (numbers, dates, a tool's own spelling of
/// them) go through <see cref="Raw"/> untouched.
/// </summary>
public sealed class CsvOutput : IDisposable, IAsyncDisposable
{
    /// <summary>Characters that make a spreadsheet read a cell as a formula (OWASP), plus <c>'</c>, see <see cref="Neutralise"/>.</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r'");

    private readonly StreamWriter _text;
    private readonly SepWriter _sep;
    private readonly List<string> _cells = [];

    public CsvOutput(Stream output, CsvDialect dialect)
    {
        if (dialect.ByteOrderMark) output.Write(Encoding.UTF8.GetPreamble());
        _text = new StreamWriter(output, dialect.Encoding, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = dialect.LineEnd };
        // Sep ends each row with the TextWriter's NewLine; the column count is the caller's to keep.
        _sep = Sep.New(dialect.Separator)
            .Writer(o => o with { Escape = true, WriteHeader = false, DisableColCountCheck = true })
            .To(_text, leaveOpen: true);
    }

    /// <summary>A text cell: neutralised, then quoted if it must be.</summary>
    public void Text(string? value) => _cells.Add(Neutralise(value ?? ""));

    /// <summary>A cell written as is (quoted if it must be), for values the caller formatted itself.</summary>
    public void Raw(string value) => _cells.Add(value);

    /// <summary>A whole row of cells written as is: a header, or a row a tool's dialect already spelled.</summary>
    public void Row(IEnumerable<string> cells)
    {
        _cells.AddRange(cells);
        EndRow();
    }

    public void EndRow()
    {
        using (var row = _sep.NewRow())
        {
            for (var i = 0; i < _cells.Count; i++) row[i].Set(_cells[i]);
        }

        _cells.Clear();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _sep.FlushAsync(cancellationToken);
        await _text.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Prefixes <c>'</c> to a text that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR
    /// (OWASP). A text that already starts with <c>'</c> gets one too, so the encoding stays reversible
    /// and two different values never become the same cell: a reader drops one leading <c>'</c>.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>The bytes of a whole small file, for callers that build one in memory.</summary>
    public static byte[] ToBytes(CsvDialect dialect, Action<CsvOutput> write)
    {
        using var buffer = new MemoryStream();
        using (var csv = new CsvOutput(buffer, dialect)) write(csv);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        _sep.Dispose();
        _text.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _sep.DisposeAsync();
        await _text.DisposeAsync();
    }
}
