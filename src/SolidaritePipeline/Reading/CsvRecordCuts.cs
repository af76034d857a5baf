using System.Buffers;

namespace SolidaritePipeline.Reading;

/// <summary>A place where a CSV record starts: its byte offset and how many records (the header included) come before it.</summary>
internal readonly record struct CsvRecordCut(long Offset, int RecordsBefore);

/// <summary>
/// Finds, in one pass over a CSV file's bytes, where records start, as Sep splits them: a <c>"</c>
/// anywhere flips between inside and outside quotes, and outside quotes <c>\r\n</c>, a lone <c>\r</c>
/// and <c>\n</c> each end a record. Keeps the end of the first record (the header), then the first
/// record end at least <c>every</c> bytes after the last one kept, or <c>maxRecords</c> records after
/// it if that comes first, each with the count of records before it, so that a reader starting there
/// knows its rows' numbers. The second bound keeps what a piece holds once read to a batch of records,
/// however short they are: a file of blank lines had 65 536 records in 64 KiB (docs/performance.md).
/// Holds for encodings where these three characters are single bytes that no other character contains
/// (UTF-8, Windows-1252).
/// </summary>
internal sealed class CsvRecordCuts(long every, int maxRecords = CsvRecordCuts.MaxRecordsBetweenCuts)
{
    /// <summary>The most records between two cuts by default: a batch of the parallel validation.</summary>
    public const int MaxRecordsBetweenCuts = 2_048;

    private static readonly SearchValues<byte> QuoteOrReturn = SearchValues.Create("\"\r"u8);

    private readonly List<CsvRecordCut> _cuts = [];
    private long _offset;
    private long _nextCut;
    private int _records;
    private int _recordsAtCut;
    private bool _quoted;
    private bool _returnPending;

    /// <summary>The record starts kept, in file order; the first is the end of the header.</summary>
    public IReadOnlyList<CsvRecordCut> Cuts => _cuts;

    /// <summary>Scans the next bytes of the file.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        var start = _offset;
        _offset += bytes.Length;
        var from = 0;
        if (_returnPending && bytes.Length > 0)
        {
            // A \r ended the last piece: with a \n after it the record ends after the \n.
            _returnPending = false;
            if (bytes[0] == (byte)'\n') from = 1;
            RecordEnd(start + from);
        }

        // Between two quotes or returns only \n can end a record: those stretches are counted by vector,
        // so the scan stops at the few quotes and returns of a file, not at every record.
        var i = from;
        while (i < bytes.Length)
        {
            if (_quoted)
            {
                var close = bytes[i..].IndexOf((byte)'"');
                if (close < 0) return;
                i += close + 1;
                _quoted = false;
                continue;
            }

            var next = bytes[i..].IndexOfAny(QuoteOrReturn);
            var end = next < 0 ? bytes.Length : i + next;
            LineFeedsOnly(bytes[..end], i, start);
            if (next < 0) return;

            i = end;
            if (bytes[i] == (byte)'"')
            {
                _quoted = true;
                i++;
                continue;
            }

            // A \r outside quotes: with a \n after it the record ends after the \n.
            if (i + 1 == bytes.Length)
            {
                _returnPending = true;
                return;
            }

            if (bytes[i + 1] == (byte)'\n') i++;
            RecordEnd(start + i + 1);
            i++;
        }
    }

    // A stretch outside quotes without \r: every \n ends a record, counted by vector.
    private void LineFeedsOnly(ReadOnlySpan<byte> bytes, int from, long start)
    {
        var rest = bytes[from..];
        var restStart = start + from;
        while (true)
        {
            // The record end kept by bytes: the first at or after the byte before the next cut is due.
            var due = _cuts.Count == 0 ? 0 : _nextCut - restStart;
            var byBytes = -1;
            if (due <= rest.Length)
            {
                var first = (int)Math.Max(0, due - 1);
                var found = rest[first..].IndexOf((byte)'\n');
                if (found >= 0) byBytes = first + found;
            }

            // Or by records, if the stretch up to it holds enough of them.
            var stretch = byBytes >= 0 ? rest[..(byBytes + 1)] : rest;
            var ends = stretch.Count((byte)'\n');
            var needed = _cuts.Count == 0 ? int.MaxValue : maxRecords - (_records - _recordsAtCut);
            int at;
            if (ends >= needed)
            {
                at = NthLineFeed(rest, needed);
                _records += needed - 1;
            }
            else if (byBytes >= 0)
            {
                at = byBytes;
                _records += ends - 1;
            }
            else
            {
                _records += ends;
                return;
            }

            RecordEnd(restStart + at + 1);
            rest = rest[(at + 1)..];
            restStart += at + 1;
        }
    }

    // Where the n-th \n of the bytes is (n from 1), known to be there.
    private static int NthLineFeed(ReadOnlySpan<byte> bytes, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++) at += bytes[(at + 1)..].IndexOf((byte)'\n') + 1;
        return at;
    }

    private void RecordEnd(long offset)
    {
        _records++;
        if (_cuts.Count > 0 && offset < _nextCut && _records - _recordsAtCut < maxRecords) return;
        _cuts.Add(new CsvRecordCut(offset, _records));
        _nextCut = offset + every;
        _recordsAtCut = _records;
    }
}
