namespace SolidaritePipeline.Ingestion;

/// <summary>
/// A temporary file deleted when disposed. Uploads are staged on disk, not in memory, so memory
/// stays flat whatever the file's size, and the original is read from storage only once.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private StagedFile(string path) => Path = path;

    public string Path { get; }

    public static StagedFile Create(string? directory = null) =>
        new(System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"solidarite-{Guid.NewGuid():N}.tmp"));

    public FileStream OpenWrite() => new(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);

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
