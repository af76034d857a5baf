using System.Buffers;

namespace SolidaritePipeline.Reading;

/// <summary>A place where a CSV record starts: its byte offset and how many records (the header included) come before it.</summary>
internal readonly record struct CsvRecordCut(long Offset, int RecordsBefore);

/// <summary>
/// Finds, in one pass over a CSV file's bytes, where records start, as Sep splits them: a <c>"</c>
/// anywhere flips between inside and outside quotes, and outside quotes <c>\r\n</c>, a lone <c>\r</c>
/// and <c>\n</c> each end a record. Keeps the end of the first record (the header), then the first
/// record end at least <c>every</c> bytes after the last one kept, each with the count of records
/// before it, so that a reader starting there knows its rows' numbers. Holds for encodings where these
/// three characters are single bytes that no other character contains (UTF-8, Windows-1252).
/// </summary>
internal sealed class CsvRecordCuts(long every)
{
    private static readonly SearchValues<byte> QuoteOrReturn = SearchValues.Create("\"\r"u8);

    private readonly List<CsvRecordCut> _cuts = [];
    private long _offset;
    private long _nextCut;
    private int _records;
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
            var due = _cuts.Count == 0 ? 0 : _nextCut - restStart; // a record end at or after rest[due - 1] is kept
            if (due > rest.Length) break;
            var at = rest[(int)Math.Max(0, due - 1)..].IndexOf((byte)'\n');
            if (at < 0) break;
            at += (int)Math.Max(0, due - 1);
            _records += rest[..at].Count((byte)'\n');
            RecordEnd(restStart + at + 1);
            rest = rest[(at + 1)..];
            restStart += at + 1;
        }

        _records += rest.Count((byte)'\n');
    }

    private void RecordEnd(long offset)
    {
        _records++;
        if (_cuts.Count > 0 && offset < _nextCut) return;
        _cuts.Add(new CsvRecordCut(offset, _records));
        _nextCut = offset + every;
    }
}
