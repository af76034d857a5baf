using System.Buffers;
using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// Writes the snapshot's CSV files: UTF-8 with a BOM (so Excel reads the accents), <c>,</c> separator,
/// RFC 4180 quoting, <c>\r\n</c> line ends (RFC 4180's), <c>.</c> decimal mark. Text cells are
/// neutralised against spreadsheet formula injection (OWASP "CSV Injection", CWE-1236); numbers and
/// dates are written as such and never touched.
/// </summary>
public sealed class OpenDataCsv(Stream output) : IAsyncDisposable
{
    public const string LineEnd = "\r\n";

    private readonly StreamWriter _writer = CreateWriter(output);
    private bool _rowStarted;

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Characters that make a spreadsheet read a cell as a formula (OWASP), plus <c>'</c>, see <see cref="Neutralise"/>.</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r'");

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names) Text(name);
        EndRow();
    }

    /// <summary>A text cell: neutralised, then quoted if it holds a comma, a quote or a line break.</summary>
    public void Text(string? value) => Cell(Neutralise(value ?? ""));

    /// <summary>A cell written as is, for numbers and dates the writer formatted itself.</summary>
    public void Raw(string value) => Cell(value);

    public void Integer(long value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public void Cents(long cents) => Cell(OpenDataFormat.Amount(cents));

    public void Date(DateOnly value) => Cell(OpenDataFormat.Date(value));

    public void EndRow()
    {
        _writer.Write(LineEnd);
        _rowStarted = false;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <summary>
    /// Prefixes <c>'</c> to a text that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR
    /// (OWASP). A text that already starts with <c>'</c> gets one too, so the encoding stays reversible
    /// and two different values never become the same cell: a reader drops one leading <c>'</c>.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    private void Cell(string value)
    {
        if (_rowStarted) _writer.Write(',');
        _rowStarted = true;
        if (value.AsSpan().IndexOfAny(',', '"', '\n') >= 0 || value.Contains('\r'))
        {
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        else
        {
            _writer.Write(value);
        }
    }

    private static StreamWriter CreateWriter(Stream output)
    {
        output.Write(Utf8Bom);
        return new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true)
        {
            NewLine = LineEnd,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}

/// <summary>How the snapshot writes numbers and dates, in CSV and JSON alike.</summary>
public static class OpenDataFormat
{
    /// <summary>Cents as dollars with exactly two decimals and a <c>.</c>: 1250050 → <c>12500.50</c>.</summary>
    public static string Amount(long cents) => Amount((Int128)cents);

    /// <summary>The same for a sum of Int64 cents, which may not fit Int64 itself.</summary>
    public static string Amount(Int128 cents)
    {
        var sign = cents < 0 ? "-" : "";
        var magnitude = Int128.Abs(cents);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:00}");
    }

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
