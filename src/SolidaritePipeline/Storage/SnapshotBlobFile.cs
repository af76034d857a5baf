using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Storage;

/// <summary>
/// A write-only stream into one block blob that counts and hashes what goes through it. Blocks are
/// staged as they fill and the blob changes only when <see cref="CompleteAsync"/> commits them: a
/// publication that fails half-way never leaves a half-written file in place of a complete one.
/// Memory stays at one block, whatever the file's size, provided the caller flushes now and then.
/// </summary>
internal sealed class SnapshotBlobFile : SnapshotFile
{
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly BlockBlobClient _blob;
    private readonly string _name;
    private readonly string _contentType;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Queue<byte[]> _fullBlocks = new();
    private readonly List<string> _blockIds = [];
    private byte[] _block = new byte[BlockSize];
    private int _filled;
    private long _bytes;

    public SnapshotBlobFile(BlockBlobClient blob, string name, string contentType)
    {
        _blob = blob;
        _name = name;
        _contentType = contentType;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _bytes;
    public override long Position { get => _bytes; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _bytes += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, BlockSize - _filled);
            buffer[..n].CopyTo(_block.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == BlockSize)
            {
                // Synchronous writers (StreamWriter, Utf8JsonWriter) land here: full blocks wait for the next FlushAsync.
                _fullBlocks.Enqueue(_block);
                _block = new byte[BlockSize];
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return FlushAsync(cancellationToken);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Stages the blocks that are full; the partial one waits for more bytes or for <see cref="CompleteAsync"/>.</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_fullBlocks.TryDequeue(out var block))
            await StageAsync(block, block.Length, cancellationToken);
    }

    public override void Flush()
    {
        // Staging happens in FlushAsync; synchronous flushes from wrapped writers only hand bytes over.
    }

    /// <summary>
    /// Stages what is left, commits the blob, and returns its size and checksum. With
    /// <paramref name="expectedSha256"/>, refuses to commit bytes whose checksum differs.
    /// </summary>
    public override async Task<PublishedFile> CompleteAsync(CancellationToken cancellationToken, string? expectedSha256 = null)
    {
        await FlushAsync(cancellationToken);
        if (_filled > 0) await StageAsync(_block, _filled, cancellationToken);
        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (expectedSha256 is not null && sha256 != expectedSha256)
            throw new InvalidDataException($"{_name}: SHA-256 {sha256}, expected {expectedSha256}; not committed.");
        await _blob.CommitBlockListAsync(
            _blockIds,
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = _contentType } },
            cancellationToken);
        return new PublishedFile(_name, _bytes, sha256);
    }

    private async Task StageAsync(byte[] block, int length, CancellationToken cancellationToken)
    {
        // Block ids must all have the same length within a blob.
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
        using var content = new MemoryStream(block, 0, length, writable: false);
        await _blob.StageBlockAsync(id, content, cancellationToken: cancellationToken);
        _blockIds.Add(id);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
