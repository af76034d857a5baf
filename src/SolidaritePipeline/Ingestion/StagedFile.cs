using System.Security.Cryptography;

namespace SolidaritePipeline.Ingestion;

/// <summary>
/// A temporary file deleted when disposed. Uploads are staged on disk, not in memory, so memory
/// stays flat whatever the file's size, and the original is read from storage only once; its
/// SHA-256 is taken while it is written, so the file is staged once and hashed once.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private StagedFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>The lowercase hex SHA-256 of what <see cref="WriteAsync"/> wrote; null before.</summary>
    public string? Sha256 { get; private set; }

    public static StagedFile Create(string? directory = null) =>
        new(System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"solidarite-{Guid.NewGuid():N}.tmp"));

    public FileStream OpenWrite() => new(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);

    /// <summary>Writes the file through <paramref name="write"/> and hashes every byte on the way to disk.</summary>
    public async Task WriteAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var sha = SHA256.Create();
        await using var file = OpenWrite();
        // A hash algorithm passes its input through unchanged: the stream writes the bytes and hashes them.
        await using var hashing = new CryptoStream(file, sha, CryptoStreamMode.Write, leaveOpen: true);
        await write(hashing, cancellationToken);
        await hashing.FlushFinalBlockAsync(cancellationToken);
        Sha256 = Convert.ToHexStringLower(sha.Hash!);
    }

    /// <summary>A new read stream from the start; each reader owns and disposes its own.</summary>
    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A temp file left behind is harmless; failing the upload for it would not be.
        }
    }
}
