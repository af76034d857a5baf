using System.IO.Compression;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// Checks a workbook's zip before anything inflates it: declared sizes and compression ratios, so a
/// zip bomb is refused in microseconds (the parts read are then counted as they stream).
/// </summary>
internal static class XlsxZipGuard
{
    /// <summary>Entries smaller than this may compress as well as they like (tiny XML parts do).</summary>
    private const long LargeEntryBytes = 1L << 20;

    /// <summary>Real worksheets compress 5–50:1; deflate tops out near 1 000:1 on repeated bytes.</summary>
    private const long MaxCompressionRatio = 200;

    /// <summary>How many bytes the parts of one workbook may inflate to, in total.</summary>
    public static long InflatedLimit(ReadingLimits options) =>
        options.MaxBytes <= 0 ? 1L << 30
        : options.MaxBytes > long.MaxValue / 20 ? long.MaxValue
        : options.MaxBytes * 20;

    /// <summary>Refuses a zip whose entries declare more than the budget, or compress better than real workbooks do.</summary>
    public static void Inspect(IEnumerable<ZipArchiveEntry> entries, InflationBudget budget)
    {
        long declared = 0;
        foreach (var entry in entries)
        {
            declared += entry.Length;
            if (declared > budget.Limit || entry.Length < 0)
                throw XlsxErrors.TooLarge(budget.Limit);
            if (entry.Length > LargeEntryBytes && entry.Length > Math.Max(entry.CompressedLength, 1) * MaxCompressionRatio)
                throw XlsxErrors.TooLarge(budget.Limit);
        }
    }
}

/// <summary>The bytes a workbook may still inflate to; shared by every part read from one file.</summary>
internal sealed class InflationBudget(long limit)
{
    private long _used;

    public long Limit { get; } = limit;

    public void Consume(int bytes)
    {
        _used += bytes;
        if (_used > Limit) throw XlsxErrors.TooLarge(Limit);
    }
}

/// <summary>
/// A read-only stream that charges every inflated byte to the budget, whatever the zip header claimed,
/// and refuses a markup tag (from <c>&lt;</c> to <c>&gt;</c>) longer than <see cref="MaxTagBytes"/>: an XML
/// parser holds a whole start tag, attributes included, in memory, so a 300 MB attribute would be.
/// </summary>
internal sealed class CountingStream(Stream inner, InflationBudget budget) : Stream
{
    /// <summary>Real tags are under a few kilobytes (the longest: a root element's namespace declarations).</summary>
    public const int MaxTagBytes = 1 << 20;

    private bool _inTag;
    private long _tagBytes;

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
        var read = inner.Read(buffer);
        budget.Consume(read);
        CheckTags(buffer[..read]);
        return read;
    }

    // A '>' inside an attribute value ends the count early: the guard can only be lenient, never wrong.
    // A tag that opens and closes within one read is shorter than the read, so within the limit: of a
    // read no longer than the limit only the tag it closes and the tag it leaves open are counted,
    // three vectorised scans per read instead of two per tag.
    private void CheckTags(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxTagBytes)
        {
            CheckEveryTag(bytes);
            return;
        }

        if (_inTag)
        {
            var end = bytes.IndexOf((byte)'>');
            _tagBytes += end < 0 ? bytes.Length : end;
            if (_tagBytes > MaxTagBytes) throw XlsxErrors.Malformed($"a tag of more than {MaxTagBytes} bytes");
            if (end < 0) return;
            bytes = bytes[(end + 1)..];
        }

        var tail = bytes[(bytes.LastIndexOf((byte)'>') + 1)..];
        var open = tail.IndexOf((byte)'<');
        _inTag = open >= 0;
        _tagBytes = _inTag ? tail.Length - open - 1 : 0;
    }

    private void CheckEveryTag(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var at = bytes.IndexOf(_inTag ? (byte)'>' : (byte)'<');
            if (_inTag)
            {
                _tagBytes += at < 0 ? bytes.Length : at;
                if (_tagBytes > MaxTagBytes) throw XlsxErrors.Malformed($"a tag of more than {MaxTagBytes} bytes");
            }

            if (at < 0) return;
            _inTag = !_inTag;
            _tagBytes = 0;
            bytes = bytes[(at + 1)..];
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
