using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using nietras.SeparatedValues;

namespace SolidaritePipeline.Reading;

/// <summary>
/// The records of a CSV file one at a time, each cell unquoted into one character buffer that is
/// reused row after row: reading a record allocates nothing, and a cell becomes a string only when
/// its reader keeps it. The header (row 1) is read as it opens. A record keeps the header's width,
/// and of the cells past it only the first filled one, standing for them all
/// (<see cref="LastFilledColumn"/> says how far the row reaches): a row of millions of separators
/// costs a scan of its spans, never a string per column.
/// </summary>
internal sealed class CsvRecords : IDisposable
{
    private readonly TextReader _text;
    private readonly SepReader _reader;
    private readonly int _width;
    private readonly int _rowsBefore;
    private readonly bool _hasRecords;
    private readonly RecordBuffers? _lent;
    private char[] _chars;
    private int[] _starts;
    private int[] _lengths;
    private int _used;

    private CsvRecords(TextReader text, SepReader reader, int maxColumns)
    {
        _text = text;
        _reader = reader;
        (_chars, _starts, _lengths) = RecordBuffers.New();
        if (!CsvSubmissionReader.MoveNext(reader, 0)) return;

        var row = reader.Current;
        _width = FilledWidth(row, 0);
        if (maxColumns > 0 && _width > maxColumns)
            throw new SubmissionFileException(ReadFailure.TooManyColumns, row.RowIndex + 1, maxColumns);
        Load(row);
        var cells = new SourceCell[Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = new SourceCell(new string(this[i]));
        Header = new SourceHeader(RowNumber, cells);
        _hasRecords = true;
    }

    // A piece of the file after its header: Sep has read its first record as it opened.
    private CsvRecords(TextReader text, SepReader reader, int width, int rowsBefore, RecordBuffers buffers)
    {
        _text = text;
        _reader = reader;
        _lent = buffers;
        (_chars, _starts, _lengths) = buffers.Lend();
        _width = width;
        _rowsBefore = rowsBefore;
        RowNumber = rowsBefore;
        _hasRecords = true;
    }

    /// <summary>The header's width: its cells up to the last filled one.</summary>
    public int Width => _width;

    /// <summary>Row 1, or null for a file without any row. Its width (up to its last filled cell, at most <c>maxColumns</c>) is every record's.</summary>
    public SourceHeader? Header { get; }

    /// <summary>The row number of the current record, as Excel would show it (the header is row 1).</summary>
    public int RowNumber { get; private set; }

    /// <summary>Cells of the current record: the header's width or fewer, plus one when it reaches past it.</summary>
    public int Count { get; private set; }

    /// <summary>Set when the record reaches past the header's width: the 1-based column of its last filled cell.</summary>
    public int? LastFilledColumn { get; private set; }

    /// <summary>The unquoted text of cell <paramref name="i"/>, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<char> this[int i] => _chars.AsSpan(_starts[i], _lengths[i]);

    /// <summary>The characters of every cell of the current record, in order: cell i starts at <see cref="CellStart"/> (separators may lie between).</summary>
    public ReadOnlySpan<char> RowChars => _chars.AsSpan(0, _used);

    public int CellStart(int i) => _starts[i];

    /// <summary>Opens the file and reads its header.</summary>
    public static CsvRecords Open(Stream stream, CsvLayout layout, int maxColumns) =>
        // The StreamReader drops a byte order mark of the chosen encoding.
        Open(new StreamReader(stream, layout.Encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true),
            layout.Delimiter, rowsBefore: 0, reader => new CsvRecords(reader.Text, reader.Sep, maxColumns));

    /// <summary>
    /// Opens the records of a piece of the file that starts where a record starts, after the header
    /// (<see cref="CsvRecordCut"/>), read through the text of its thread (<see cref="PieceText"/>,
    /// started on the piece): <paramref name="rowsBefore"/> records come before it, and every record
    /// keeps the header's <paramref name="width"/>. Rows and failures carry the numbers they would
    /// carry in a reading of the whole file.
    /// </summary>
    public static CsvRecords OpenPiece(PieceText piece, CsvLayout layout, int width, int rowsBefore) =>
        Open(piece, layout.Delimiter, rowsBefore, reader => new CsvRecords(reader.Text, reader.Sep, width, rowsBefore, piece.Buffers));

    private static CsvRecords Open(TextReader text, char delimiter, int rowsBefore, Func<(TextReader Text, SepReader Sep), CsvRecords> create)
    {
        try
        {
            // Sep reads the first row as it opens: a first row too long for it fails here.
            var reader = CsvSubmissionReader.Guarded(rowsBefore, () => Sep.Reader(o => o with
            {
                Sep = new Sep(delimiter),
                HasHeader = false,
                DisableColCountCheck = true,
            }).From(text));
            try
            {
                return create((text, reader));
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next record; false at the end of the file.</summary>
    public bool MoveNext(CancellationToken cancellationToken)
    {
        if (!_hasRecords || !CsvSubmissionReader.MoveNext(_reader, RowNumber)) return false;
        cancellationToken.ThrowIfCancellationRequested();
        Load(_reader.Current);
        return true;
    }

    private void Load(SepReader.Row row)
    {
        RowNumber = _rowsBefore + row.RowIndex + 1;
        if (row.ColCount <= _width && LoadPlain(row)) return;

        var kept = Math.Min(row.ColCount, _width);
        var firstBeyond = row.ColCount > _width ? FilledWidth(row, _width, firstOnly: true) - 1 : -1;
        Count = firstBeyond >= 0 ? kept + 1 : kept;
        if (_starts.Length < Count)
        {
            _starts = new int[Count];
            _lengths = new int[Count];
        }

        _used = 0;
        for (var i = 0; i < kept; i++) Add(i, row[i].Span);
        LastFilledColumn = null;
        if (firstBeyond < 0) return;

        Add(kept, row[firstBeyond].Span);
        LastFilledColumn = FilledWidth(row, firstBeyond);
    }

    // Most rows hold no quote at all: each cell is then the row's text as it stands, so the row is
    // copied in one move and its cells located in it, rather than each cell trimmed, scanned and copied.
    private bool LoadPlain(SepReader.Row row)
    {
        var text = row.Span;
        if (text.Contains('"')) return false;

        Count = row.ColCount;
        LastFilledColumn = null;
        if (_starts.Length < Count)
        {
            _starts = new int[Count];
            _lengths = new int[Count];
        }

        if (_chars.Length < text.Length) _chars = new char[Math.Max(_chars.Length * 2, text.Length)];
        text.CopyTo(_chars);
        _used = text.Length;
        ref var origin = ref MemoryMarshal.GetReference(text);
        for (var i = 0; i < Count; i++)
        {
            var cell = row[i].Span;
            _starts[i] = cell.IsEmpty ? 0 : (int)(Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(cell)) / sizeof(char));
            _lengths[i] = cell.Length;
        }

        return true;
    }

    // "a ""b"" c" is a "b" c. Anything after the closing quote, or no closing quote, is malformed; a
    // quote inside an unquoted cell is kept as text (5" pipe) when balanced, since an odd one would
    // have made the parser swallow separators and line ends.
    private void Add(int i, ReadOnlySpan<char> raw)
    {
        var trimmed = raw.Trim(' ');
        if (trimmed.Length > 0 && trimmed[0] == '"')
        {
            if (trimmed.Length < 2 || trimmed[^1] != '"') throw Malformed();
            var inner = trimmed[1..^1];
            var start = Reserve(inner.Length);
            var length = 0;
            for (var c = 0; c < inner.Length; c++)
            {
                if (inner[c] == '"')
                {
                    if (c + 1 >= inner.Length || inner[c + 1] != '"') throw Malformed();
                    c++;
                }

                _chars[start + length++] = inner[c];
            }

            Commit(i, start, length);
            return;
        }

        if (raw.Contains('"') && raw.Count('"') % 2 != 0) throw Malformed();
        var at = Reserve(raw.Length);
        raw.CopyTo(_chars.AsSpan(at));
        Commit(i, at, raw.Length);
    }

    private int Reserve(int length)
    {
        if (_chars.Length - _used < length)
        {
            // Earlier cells of the row move with the buffer: their offsets stay right.
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + length));
        }

        return _used;
    }

    private void Commit(int i, int start, int length)
    {
        _starts[i] = start;
        _lengths[i] = length;
        _used = start + length;
    }

    private SubmissionFileException Malformed() => new(ReadFailure.UnclosedQuote, RowNumber);

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

    public void Dispose()
    {
        _lent?.Return(_chars, _starts, _lengths);
        _reader.Dispose();
        _text.Dispose();
    }
}

/// <summary>
/// A record's buffers, lent to the records of one piece after another by the thread that reads them
/// (<see cref="PieceText.Buffers"/>): a file read in pieces made them again for each of its thousands of
/// pieces. Characters grown past <see cref="KeptChars"/> by a long row are not kept for the next piece.
/// </summary>
internal sealed class RecordBuffers
{
    internal const int KeptChars = 64 * 1024;

    private (char[] Chars, int[] Starts, int[] Lengths)? _free;

    public static (char[] Chars, int[] Starts, int[] Lengths) New() => (new char[4096], new int[32], new int[32]);

    public (char[] Chars, int[] Starts, int[] Lengths) Lend()
    {
        var lent = _free ?? New();
        _free = null;
        return lent;
    }

    public void Return(char[] chars, int[] starts, int[] lengths) =>
        _free = (chars.Length <= KeptChars ? chars : new char[4096], starts, lengths);
}
