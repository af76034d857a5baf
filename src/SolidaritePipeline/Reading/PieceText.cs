using System.Text;

namespace SolidaritePipeline.Reading;

/// <summary>
/// The text of one piece of a CSV file after another, for the thread that reads them: its byte buffer
/// and decoder are reused from piece to piece, where a <see cref="StreamReader"/> per piece allocated
/// 48 KiB, hundreds of times a file. A piece starts where a record starts, so it never starts with a
/// byte order mark nor inside a character; its bytes are decoded as they are read, a buffer at a time.
/// Disposing it does nothing: the thread's, not the piece's.
/// </summary>
internal sealed class PieceText : TextReader
{
    private readonly byte[] _bytes = new byte[16 * 1024];

    /// <summary>The buffers of the records of the piece being read, lent again to the next piece's.</summary>
    public RecordBuffers Buffers { get; } = new();
    private Encoding? _encoding;
    private Decoder? _decoder;
    private Stream? _source;
    private int _byteCount;
    private int _bytePosition;
    private bool _ended;

    /// <summary>Starts reading <paramref name="piece"/> in <paramref name="encoding"/>; the piece stays the caller's to dispose.</summary>
    public PieceText Start(Stream piece, Encoding encoding)
    {
        if (!ReferenceEquals(encoding, _encoding))
        {
            _encoding = encoding;
            _decoder = encoding.GetDecoder();
        }

        _decoder!.Reset();
        _source = piece;
        _byteCount = 0;
        _bytePosition = 0;
        _ended = false;
        return this;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty) return 0;
        var source = _source ?? throw new InvalidOperationException("No piece was started.");
        while (true)
        {
            if (_bytePosition == _byteCount && !_ended)
            {
                _byteCount = source.Read(_bytes);
                _bytePosition = 0;
                _ended = _byteCount == 0;
            }

            _decoder!.Convert(_bytes.AsSpan(_bytePosition, _byteCount - _bytePosition), buffer, flush: _ended, out var used, out var chars, out _);
            _bytePosition += used;
            if (chars > 0 || _ended) return chars;
        }
    }

    // Sep reads by blocks. Not NotSupportedException: the reader takes that one from Sep as a row too long.
    public override int Peek() => throw new InvalidOperationException("A piece is read by blocks.");

    public override int Read() => throw new InvalidOperationException("A piece is read by blocks.");

    protected override void Dispose(bool disposing)
    {
        // The thread's reader outlives each piece it reads.
    }
}
