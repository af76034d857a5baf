using Microsoft.Win32.SafeHandles;

namespace SolidaritePipeline.Reading;

/// <summary>
/// A forward-only, read-only view of bytes [start, end) of a file, read at positions through its handle
/// (<see cref="RandomAccess"/>): several threads read their own ranges of one open file at once.
/// </summary>
internal sealed class FileRangeStream(SafeFileHandle file, long start, long end) : Stream
{
    private long _position = start;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, end - _position);
        if (wanted <= 0) return 0;
        var read = RandomAccess.Read(file, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
