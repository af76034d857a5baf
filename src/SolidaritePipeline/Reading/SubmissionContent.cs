using System.Buffers;
using System.Security.Cryptography;

namespace SolidaritePipeline.Reading;

/// <summary>
/// The bytes of one submission after one pass over them: their sha256 and length, what a text reader
/// needs to pick an encoding, and a seekable stream positioned at the start (the source itself when it
/// can seek, else a temporary file deleted on dispose). Memory stays one buffer whatever the size.
/// </summary>
internal sealed class SubmissionContent : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    // Bytes that Windows-1252 leaves undefined: a file holding them is in neither UTF-8 nor Windows-1252.
    private static readonly SearchValues<byte> UndefinedInWindows1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    private readonly bool _ownsStream;

    private SubmissionContent(Stream? stream, bool ownsStream)
    {
        Stream = stream;
        _ownsStream = ownsStream;
    }

    /// <summary>The content, seekable and at position 0; null when it was only hashed.</summary>
    public Stream? Stream { get; }

    private string _sha256 = "";
    private Task<string>? _hashing;

    /// <summary>The bytes' sha256; when it is taken alongside the reading (<see cref="WhenHashed"/>), waits for it.</summary>
    public string Sha256
    {
        get => _hashing is { } hashing ? hashing.GetAwaiter().GetResult() : _sha256;
        private set => _sha256 = value;
    }

    /// <summary>Completes once <see cref="Sha256"/> is known.</summary>
    public Task WhenHashed => _hashing ?? Task.CompletedTask;

    public long Length { get; private set; }

    /// <summary>Longer than the limit: the stream then holds only a prefix and must not be read.</summary>
    public bool TooLarge { get; private set; }

    public byte[] Prefix { get; private set; } = [];

    public bool IsValidUtf8 { get; private set; } = true;

    public bool HasNullByte { get; private set; }

    /// <summary>
    /// A byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Known only for content
    /// that is not valid UTF-8 (the only content read as Windows-1252): when the bytes can be read again
    /// (<see cref="RangeReader"/>) they are looked at for it only once the pass finds them not UTF-8,
    /// which spared a fifth of the pass over valid UTF-8 (docs/performance.md).
    /// </summary>
    public bool HasUndefinedWindows1252Byte { get; private set; }

    public bool HasUtf8Bom => Prefix is [0xEF, 0xBB, 0xBF, ..];

    public bool HasUtf16Bom => Prefix is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];

    /// <summary>A zip archive (an XLSX workbook) starts with <c>PK\x03\x04</c>.</summary>
    public bool LooksLikeZip => Prefix is [0x50, 0x4B, 0x03, 0x04, ..];

    /// <summary>
    /// Where CSV records start, about every <c>recordCutsEvery</c> bytes, when <see cref="LoadAsync(Stream, bool, long, string?, long, CancellationToken)"/>
    /// was asked for them (empty otherwise, and for a file past the limit): the first is the end of the header.
    /// </summary>
    public IReadOnlyList<CsvRecordCut> RecordCuts { get; private set; } = [];

    public static Task<SubmissionContent> LoadAsync(Stream content, bool keep, long maxBytes, CancellationToken cancellationToken) =>
        LoadAsync(content, keep, maxBytes, knownSha256: null, cancellationToken);

    public static Task<SubmissionContent> LoadAsync(Stream content, bool keep, long maxBytes, string? knownSha256, CancellationToken cancellationToken) =>
        LoadAsync(content, keep, maxBytes, knownSha256, recordCutsEvery: 0, hashAlongside: false, cancellationToken);

    /// <summary>
    /// Reads <paramref name="content"/> to its end once. With <paramref name="keep"/> the bytes stay
    /// readable (up to <paramref name="maxBytes"/>, 0 = no limit); without it they are only hashed.
    /// A <paramref name="knownSha256"/> (the caller hashed the bytes already) is taken as is: the bytes
    /// are not hashed again, and not read at all when they need not be kept. With
    /// <paramref name="recordCutsEvery"/> above 0 the pass also notes where CSV records start about that
    /// many bytes apart (<see cref="RecordCuts"/>), for readers that split the file between threads.
    /// With <paramref name="hashAlongside"/>, content that threads can read at positions (<see cref="RangeReader"/>)
    /// is hashed by another thread while it is read and validated, rather than in this pass.
    /// </summary>
    public static async Task<SubmissionContent> LoadAsync(
        Stream content, bool keep, long maxBytes, string? knownSha256, long recordCutsEvery, bool hashAlongside, CancellationToken cancellationToken)
    {
        SubmissionContent result;
        Stream? sink = null;
        if (!keep)
        {
            result = new SubmissionContent(null, ownsStream: false);
        }
        else if (content.CanSeek && content.Position == 0)
        {
            result = new SubmissionContent(content, ownsStream: false);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), "solidarite-" + Path.GetRandomFileName());
            sink = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            result = new SubmissionContent(sink, ownsStream: true);
        }

        if (knownSha256 is not null)
        {
            result.Sha256 = knownSha256;
            if (!keep) return result;
        }

        var hash = knownSha256 is not null ? Hashing.None : Hashing.InThisPass;
        if (hash == Hashing.InThisPass && hashAlongside && sink is null && result.RangeReader() is { } openRange)
        {
            var length = content.Length;
            result._hashing = Task.Run(() => HashRange(openRange, length, cancellationToken), cancellationToken);
            hash = Hashing.Alongside;
        }

        try
        {
            await result.ScanAsync(content, sink, maxBytes, hash == Hashing.InThisPass, recordCutsEvery, cancellationToken);
            if (result.Stream is { } stream) stream.Position = 0;
            return result;
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
    }

    private async Task ScanAsync(Stream content, Stream? sink, long maxBytes, bool hash, long recordCutsEvery, CancellationToken cancellationToken)
    {
        using var sha = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var utf8 = new Utf8Validity();
        var cuts = recordCutsEvery > 0 ? new CsvRecordCuts(recordCutsEvery) : null;
        // Bytes that can be read again are looked at for Windows-1252's undefined ones only once they prove not UTF-8.
        var undefinedLookedAt = RangeReader() is null;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var prefix = new List<byte>(8);
        try
        {
            // A file opened for synchronous reading would hop to the thread pool and back on every
            // ReadAsync: it is read in place, as a memory stream is (neither waits on a network).
            var readInPlace = content is FileStream { IsAsync: false } or MemoryStream;
            int read;
            while ((read = readInPlace
                       ? content.Read(buffer, 0, BufferSize)
                       : await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                sha?.AppendData(chunk);
                for (var i = 0; i < chunk.Length && prefix.Count < 8; i++) prefix.Add(chunk[i]);

                Length += read;
                if (maxBytes > 0 && Length > maxBytes) TooLarge = true;
                if (TooLarge) continue; // keep hashing the whole file, stop inspecting and storing it

                HasNullByte |= chunk.Contains((byte)0);
                utf8.Append(chunk);
                if (!undefinedLookedAt && !utf8.IsValid)
                {
                    if (sink is not null) await sink.FlushAsync(cancellationToken);
                    HasUndefinedWindows1252Byte = AnyUndefinedWindows1252Byte(Length - read);
                    undefinedLookedAt = true;
                }

                if (undefinedLookedAt) HasUndefinedWindows1252Byte |= buffer.AsSpan(0, read).ContainsAny(UndefinedInWindows1252);
                cuts?.Append(buffer.AsSpan(0, read));
                if (sink is not null) await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (!TooLarge) utf8.End(); // past the limit the file is not read: its cut-off end is no verdict
            IsValidUtf8 = utf8.IsValid;
            if (!undefinedLookedAt && !IsValidUtf8 && !TooLarge)
            {
                // Not UTF-8 only at its very end (a sequence cut short).
                if (sink is not null) await sink.FlushAsync(cancellationToken);
                HasUndefinedWindows1252Byte = AnyUndefinedWindows1252Byte(Length);
            }

            if (cuts is not null && !TooLarge) RecordCuts = cuts.Cuts;
            if (sha is not null) Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
            Prefix = [.. prefix];
            if (sink is not null) await sink.FlushAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum Hashing { None, InThisPass, Alongside }

    // The first `length` bytes, read again: for content found not UTF-8 partway through the pass.
    private bool AnyUndefinedWindows1252Byte(long length)
    {
        using var bytes = RangeReader()!(0, length);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = bytes.Read(buffer, 0, BufferSize)) > 0)
            {
                if (buffer.AsSpan(0, read).ContainsAny(UndefinedInWindows1252)) return true;
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string HashRange(Func<long, long, Stream> openRange, long length, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var bytes = openRange(0, length);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = bytes.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sha.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Opens bytes [start, end) of the content as a stream of their own, when several threads can read
    /// the content at positions at once: a file (through its handle) or a memory stream's buffer. Null otherwise.
    /// </summary>
    public Func<long, long, Stream>? RangeReader()
    {
        switch (Stream)
        {
            case FileStream file:
                var handle = file.SafeFileHandle;
                return (start, end) => new FileRangeStream(handle, start, end);
            case MemoryStream memory when memory.TryGetBuffer(out var buffer):
                return (start, end) => new MemoryStream(buffer.Array!, buffer.Offset + checked((int)start), checked((int)(end - start)), writable: false);
            default:
                return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The hash reads the content: let it end before the content goes (its failure was the reader's to see).
        if (_hashing is not null) await ((Task)_hashing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        if (_ownsStream && Stream is not null) await Stream.DisposeAsync();
    }
}
