using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Storage;

/// <summary>What publishing and the read API read, through the table adapters and the <c>normalized</c> container.</summary>
public sealed class PublishedDataTables(TableServiceClient tables, BlobServiceClient blobs) : IPublishedData
{
    public Task<bool> IsSyntheticAsync(CancellationToken cancellationToken) => SyntheticMarker.IsMarkedAsync(blobs, cancellationToken);

    public async Task<IReadOnlyList<MandataireTotal>> ReadMandataireTotalsAsync(CancellationToken cancellationToken) =>
        (await new MandataireTotalsTable(tables).ReadAsync(null, cancellationToken)).Select(r => r.Row).ToArray();

    public async IAsyncEnumerable<Project> ReadProjectsAsync(
        string normalizedBlob, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.NormalizedContainer).GetBlobClient(normalizedBlob);
        // One GET that streams the blob (resumed where it broke, like OpenRead), not a HEAD and then GETs.
        await using var stream = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        await foreach (var project in NormalizedProjects.ReadAsync(stream, cancellationToken))
            yield return project;
    }

    public Task<IReadOnlyList<RegionalTotal>> ReadRegionalTotalsAsync(string? exercice, CancellationToken cancellationToken) =>
        new RegionalTotalsTable(tables).ReadAsync(exercice, cancellationToken);

    public async Task<IReadOnlyList<SubmissionView>> ReadSubmissionsAsync(string? exercice, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var rows = await new SubmissionsTable(tables).ReadAsync(exercice, since, cancellationToken);
        var current = (await new MandataireTotalsTable(tables).ReadAsync(null, cancellationToken))
            .Select(r => (r.Row.Mandataire, r.Row.SubmissionId))
            .ToHashSet();
        return rows.Select(r => new SubmissionView(
            r.Mandataire, r.SubmissionId, r.Status, r.Exercice, r.RowCount, r.ErrorCount, r.WarningCount, r.UploadedAt, r.ProcessedAt, r.Totals,
            current.Contains((r.Mandataire, r.SubmissionId)))).ToArray();
    }
}

/// <summary>The <c>opendata</c> container as publishing writes it: block blobs committed whole.</summary>
public sealed class SnapshotBlobs(BlobServiceClient blobs) : ISnapshotStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.OpenDataContainer);

    public Task CreateIfMissingAsync(CancellationToken cancellationToken) => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public SnapshotFile Create(string path, string name, string contentType) => new SnapshotBlobFile(_container.GetBlockBlobClient(path), name, contentType);

    public async Task<(Stream Content, string ContentType)> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        // One GET gives the content and its type, rather than a HEAD for the type and another for the stream.
        var download = (await _container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        return (download.Content, download.Details.ContentType);
    }

    public async Task DeleteOthersAsync(string folder, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken))
        {
            if (!keep.Contains(blob.Name))
                await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}

/// <summary>
/// The marker the demo leaves beside the normalised submissions before it uploads anything, so that
/// every publication of that storage says it is synthetic (<see cref="SyntheticData"/>).
/// </summary>
public static class SyntheticMarker
{
    public const string MarkerBlob = "DONNEES-SYNTHETIQUES.txt";

    public static async Task MarkAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.NormalizedContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(MarkerBlob).UploadAsync(
            BinaryData.FromString(SyntheticData.NoticeFr + "\n" + SyntheticData.NoticeEn + "\n"), overwrite: true, cancellationToken);
    }

    public static async Task<bool> IsMarkedAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.GetBlobContainerClient(StorageNames.NormalizedContainer).GetBlobClient(MarkerBlob).ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
