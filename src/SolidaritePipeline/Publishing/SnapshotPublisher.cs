using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Publishing;

/// <summary>What a publication wrote: where, when, how many rows, and each file with its checksum.</summary>
public sealed record SnapshotPublication(
    DateOnly Date,
    string Path,
    DateTimeOffset GeneratedAt,
    int ProjectCount,
    int RegionalTotalCount,
    IReadOnlyList<string> Exercices,
    IReadOnlyList<PublishedFile> Files);

/// <summary>
/// Publishes the open-data snapshot of design.md section 6 into <c>opendata/snapshots/{AAAA-MM-JJ}/</c>,
/// then points <c>opendata/latest.json</c> at it. The nightly timer, the HTTP function and the
/// <c>publish</c> command all call <see cref="PublishAsync"/>.
/// </summary>
public sealed class SnapshotPublisher(
    BlobServiceClient blobs,
    TableServiceClient tables,
    TimeProvider time,
    ReferenceCatalog? catalog = null)
{
    public const string SnapshotsFolder = "snapshots";
    public const string LatestName = "latest.json";
    public const string DataPackageName = "datapackage.json";
    public const string ChecksumsName = "SHA256SUMS";
    public const string IndexName = "index.html";

    private const string CsvType = "text/csv; charset=utf-8";
    private const string JsonType = "application/json; charset=utf-8";

    private readonly ReferenceCatalog _catalog = catalog ?? ReferenceCatalog.Default;

    public static string SnapshotPath(DateOnly date) =>
        $"{SnapshotsFolder}/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";

    /// <summary>
    /// Writes every file of the day's snapshot (replacing a previous run of the same day, and deleting
    /// that day's files it no longer produces), then <c>latest.json</c> last. The data files depend only
    /// on the stored data and <paramref name="date"/>: the same data gives the same bytes. If anything
    /// fails, <c>latest.json</c> still names the previous complete snapshot.
    /// </summary>
    public async Task<SnapshotPublication> PublishAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.OpenDataContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var path = SnapshotPath(date);
        var source = new CurrentSubmissions(tables, blobs);
        var submissions = await source.ReadAsync(cancellationToken);
        var regionalTotals = CurrentSubmissions.RegionalTotals(submissions, _catalog);
        var projectsTable = OpenDataTables.Projects(_catalog);
        var totalsTable = OpenDataTables.RegionalTotals(_catalog);

        var files = new List<PublishedFile>();
        SnapshotFileWriter Open(string name, string contentType) =>
            new(container.GetBlockBlobClient(path + name), name, contentType);

        // projets.csv and projets.json are written side by side, streaming one submission at a time.
        var projectCount = 0;
        await using (var csvFile = Open(projectsTable.CsvFileName, CsvType))
        await using (var jsonFile = Open(projectsTable.JsonFileName, JsonType))
        {
            await using (var csv = new OpenDataCsv(csvFile))
            await using (var json = new Utf8JsonWriter(jsonFile, SnapshotRows.JsonOptions))
            {
                SnapshotRows.Header(csv, projectsTable);
                json.WriteStartArray();
                foreach (var submission in submissions)
                {
                    foreach (var project in await source.ReadProjectsAsync(submission, cancellationToken))
                    {
                        SnapshotRows.WriteProject(csv, json, submission.Mandataire, project, _catalog);
                        projectCount++;
                    }

                    await csv.FlushAsync(cancellationToken);
                    await json.FlushAsync(cancellationToken);
                }

                json.WriteEndArray();
                await json.FlushAsync(cancellationToken);
                jsonFile.WriteByte((byte)'\n');
            }

            files.Add(await csvFile.CompleteAsync(cancellationToken));
            files.Add(await jsonFile.CompleteAsync(cancellationToken));
        }

        await using (var csvFile = Open(totalsTable.CsvFileName, CsvType))
        await using (var jsonFile = Open(totalsTable.JsonFileName, JsonType))
        {
            await using (var csv = new OpenDataCsv(csvFile))
            await using (var json = new Utf8JsonWriter(jsonFile, SnapshotRows.JsonOptions))
            {
                SnapshotRows.Header(csv, totalsTable);
                json.WriteStartArray();
                foreach (var total in regionalTotals) SnapshotRows.WriteRegionalTotal(csv, json, total);
                json.WriteEndArray();
                await json.FlushAsync(cancellationToken);
                jsonFile.WriteByte((byte)'\n');
            }

            files.Add(await csvFile.CompleteAsync(cancellationToken));
            files.Add(await jsonFile.CompleteAsync(cancellationToken));
        }

        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var package = DataPackageDescriptor.Build(
            date, [(projectsTable, byName[projectsTable.CsvFileName]), (totalsTable, byName[totalsTable.CsvFileName])]);
        files.Add(await WriteSmallAsync(Open(DataPackageName, JsonType), package, cancellationToken));

        var checksums = string.Concat(files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Sha256}  {f.Name}\n"));
        files.Add(await WriteSmallAsync(Open(ChecksumsName, "text/plain; charset=utf-8"), Encoding.UTF8.GetBytes(checksums), cancellationToken));

        var page = SnapshotIndexPage.Render(date, regionalTotals, files);
        files.Add(await WriteSmallAsync(Open(IndexName, "text/html; charset=utf-8"), Encoding.UTF8.GetBytes(page), cancellationToken));

        await DeleteStaleFilesAsync(container, path, files, cancellationToken);

        var generatedAt = time.GetUtcNow();
        var latest = SnapshotManifest.Write(date, path, generatedAt, files);
        await using (var latestFile = new SnapshotFileWriter(container.GetBlockBlobClient(LatestName), LatestName, JsonType))
        {
            // Written last: until this commit, readers of latest.json see the previous complete snapshot.
            latestFile.Write(latest);
            await latestFile.CompleteAsync(cancellationToken);
        }

        return new SnapshotPublication(
            date, path, generatedAt, projectCount, regionalTotals.Count,
            regionalTotals.Select(t => t.Exercice).Distinct().ToArray(), files);
    }

    private static async Task<PublishedFile> WriteSmallAsync(SnapshotFileWriter file, byte[] content, CancellationToken cancellationToken)
    {
        await using (file)
        {
            file.Write(content);
            return await file.CompleteAsync(cancellationToken);
        }
    }

    private static async Task DeleteStaleFilesAsync(
        BlobContainerClient container, string path, IReadOnlyList<PublishedFile> files, CancellationToken cancellationToken)
    {
        var produced = files.Select(f => path + f.Name).ToHashSet(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, path, cancellationToken))
        {
            if (!produced.Contains(blob.Name))
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
