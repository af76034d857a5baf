using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Publishing;

/// <summary>One file of a snapshot as published: its name in the snapshot folder, size and SHA-256 (lower-case hex).</summary>
public sealed record PublishedFile(string Name, long Bytes, string Sha256);

/// <summary>One processed upload as the read API serves it, and whether it is the current submission of its mandataire.</summary>
public sealed record SubmissionView(
    string Mandataire,
    string SubmissionId,
    string Status,
    string? Exercice,
    int RowCount,
    int ErrorCount,
    int WarningCount,
    DateTimeOffset UploadedAt,
    DateTimeOffset ProcessedAt,
    SubmissionTotals? Totals,
    bool Current);

/// <summary>
/// What publishing reads from storage. Implemented at the storage edge by the table and blob adapters
/// (<c>Storage/PublishedDataTables</c>), so this stage never touches the Azure SDK and runs against
/// any source a test gives it.
/// </summary>
public interface IPublishedData
{
    /// <summary>Whether the demo marked this storage as holding synthetic data.</summary>
    Task<bool> IsSyntheticAsync(CancellationToken cancellationToken);

    /// <summary>Every row of <c>MandataireTotals</c>: the current accepted submission of each mandataire and exercice.</summary>
    Task<IReadOnlyList<MandataireTotal>> ReadMandataireTotalsAsync(CancellationToken cancellationToken);

    /// <summary>The normalised projects of one submission, in stored order.</summary>
    IAsyncEnumerable<Project> ReadProjectsAsync(string normalizedBlob, CancellationToken cancellationToken);

    /// <summary>Rows of <c>RegionalTotals</c> of one exercice (every exercice when null), by exercice then region code.</summary>
    Task<IReadOnlyList<RegionalTotal>> ReadRegionalTotalsAsync(string? exercice, CancellationToken cancellationToken);

    /// <summary>Rows of <c>Submissions</c> of one exercice (or all), processed strictly after <paramref name="since"/> when given.</summary>
    Task<IReadOnlyList<SubmissionView>> ReadSubmissionsAsync(string? exercice, DateTimeOffset? since, CancellationToken cancellationToken);
}

/// <summary>
/// Where a snapshot is written (<c>Storage/SnapshotBlobs</c>): files written as streams and committed
/// whole, or not at all, so a publication that fails half-way never leaves a half-written file.
/// </summary>
public interface ISnapshotStore
{
    Task CreateIfMissingAsync(CancellationToken cancellationToken);

    /// <summary>A new file at <paramref name="path"/>, committed by <see cref="SnapshotFile.CompleteAsync"/> as <paramref name="name"/>.</summary>
    SnapshotFile Create(string path, string name, string contentType);

    Task<(Stream Content, string ContentType)> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes every file under <paramref name="folder"/> whose path is not in <paramref name="keep"/>.</summary>
    Task DeleteOthersAsync(string folder, IReadOnlySet<string> keep, CancellationToken cancellationToken);
}

/// <summary>A write-only stream into one snapshot file that counts and hashes what goes through it.</summary>
public abstract class SnapshotFile : Stream
{
    /// <summary>Commits the file; with <paramref name="expectedSha256"/>, only if what was written has that hash.</summary>
    public abstract Task<PublishedFile> CompleteAsync(CancellationToken cancellationToken, string? expectedSha256 = null);
}
