using System.Globalization;
using System.Text;
using System.Text.Json;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;

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
/// Publishes the open-data snapshot of design.md section 6 into <c>opendata/snapshots/{AAAA-MM-JJ}/</c>
/// (facts, dimensions, data package, checksums, page), copies it to <c>opendata/latest/</c>, then points
/// <c>opendata/latest.json</c> at it. The nightly timer, the HTTP function and the
/// <c>publish</c> command all call <see cref="PublishAsync"/>. It reads and writes storage only through
/// <see cref="IPublishedData"/> and <see cref="ISnapshotStore"/>, the adapters of the storage edge.
/// </summary>
public sealed class SnapshotPublisher(
    IPublishedData data,
    ISnapshotStore store,
    TimeProvider time,
    ReferenceCatalog? catalog = null)
{
    public const string SnapshotsFolder = "snapshots";
    public const string LatestFolder = "latest/";
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
    /// that day's files it no longer produces), then copies the whole snapshot to <c>latest/</c>, then
    /// writes <c>latest.json</c> last. The data files depend only on the stored data and
    /// <paramref name="date"/>: the same data gives the same bytes. If anything fails while the dated
    /// snapshot is written, <c>latest/</c> and <c>latest.json</c> still hold the previous complete one.
    /// </summary>
    public async Task<SnapshotPublication> PublishAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await store.CreateIfMissingAsync(cancellationToken);
        var path = SnapshotPath(date);
        var synthetic = await data.IsSyntheticAsync(cancellationToken);
        var source = new CurrentSubmissions(data);
        var submissions = await source.ReadAsync(cancellationToken);
        var regionalTotals = Aggregate.AllRegions(submissions, _catalog); // throws before any file is written if a region does not fit
        var exercices = submissions.Select(s => s.Exercice).Distinct().Order(StringComparer.Ordinal).Select(ExerciceDates.FromCode).ToArray();
        var files = new List<PublishedFile>();
        var resources = new List<(OpenDataTable, PublishedFile)>();
        SnapshotFile Open(string name, string contentType) => store.Create(path + name, name, contentType);

        // Each table is written as CSV and JSON side by side from its one definition, a batch at a time.
        async Task<int> WriteTableAsync<TRow>(OpenDataTable<TRow> table, IAsyncEnumerable<IReadOnlyList<TRow>> batches)
        {
            var definition = table.Published(synthetic);
            await using var csvFile = Open(definition.CsvFileName, CsvType);
            await using var jsonFile = Open(definition.JsonFileName, JsonType);
            var rows = await table.WriteAsync(csvFile, jsonFile, batches, synthetic, cancellationToken);
            files.Add(await csvFile.CompleteAsync(cancellationToken));
            resources.Add((definition, files[^1]));
            files.Add(await jsonFile.CompleteAsync(cancellationToken));
            return rows;
        }

        // The other tables are small (a row per region, mandataire or code): each is one batch.
        Task<int> WriteWholeAsync<TRow>(OpenDataTable<TRow> table, IReadOnlyList<TRow> rows) =>
            WriteTableAsync(table, new[] { rows }.ToAsyncEnumerable());

        // projets streams one submission at a time.
        var projectCount = await WriteTableAsync(OpenDataTables.Projects(_catalog), ProjectsOf(source, submissions, cancellationToken));
        await WriteWholeAsync(OpenDataTables.RegionalTotals(_catalog), regionalTotals);
        await WriteWholeAsync(OpenDataTables.MandataireTotals(_catalog), submissions);
        await WriteWholeAsync(OpenDataDimensions.Regions(_catalog), _catalog.Regions);
        await WriteWholeAsync(OpenDataDimensions.Mandataires(_catalog), _catalog.Mandataires);
        await WriteWholeAsync(OpenDataDimensions.Exercices(), exercices);
        await WriteWholeAsync(OpenDataDimensions.Axes(), CodeLists.Axes);
        await WriteWholeAsync(OpenDataDimensions.Clienteles(), CodeLists.Clienteles);
        await WriteWholeAsync(OpenDataDimensions.Statuts(), CodeLists.Statuts);

        var package = DataPackageDescriptor.Build(date, resources, synthetic);
        files.Add(await WriteSmallAsync(Open(DataPackageName, JsonType), package, cancellationToken));

        var checksums = string.Concat(files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Sha256}  {f.Name}\n"));
        files.Add(await WriteSmallAsync(Open(ChecksumsName, "text/plain; charset=utf-8"), Encoding.UTF8.GetBytes(checksums), cancellationToken));

        var page = SnapshotIndexPage.Render(date, regionalTotals, files, synthetic);
        files.Add(await WriteSmallAsync(Open(IndexName, "text/html; charset=utf-8"), Encoding.UTF8.GetBytes(page), cancellationToken));

        await DeleteStaleFilesAsync(path, files, cancellationToken);

        // The dated snapshot is whole: only now do the stable names follow it.
        await CopyToLatestAsync(path, files, cancellationToken);

        var generatedAt = time.GetUtcNow();
        var latest = SnapshotManifest.Write(date, path, generatedAt, files);
        await using (var latestFile = store.Create(LatestName, LatestName, JsonType))
        {
            // Written last: until this commit, readers of latest.json see the previous complete snapshot.
            latestFile.Write(latest);
            await latestFile.CompleteAsync(cancellationToken);
        }

        return new SnapshotPublication(
            date, path, generatedAt, projectCount, regionalTotals.Count,
            regionalTotals.Select(t => t.Exercice).Distinct().ToArray(), files);
    }

    /// <summary>
    /// Copies each file of the complete dated snapshot to <c>latest/{name}</c>, streaming, and checks on
    /// the way that the copy has the checksum the dated folder lists. Blob by blob: a reader of
    /// <c>latest/</c> during these seconds may meet files of two complete snapshots, never a partial file.
    /// </summary>
    private async Task CopyToLatestAsync(string path, IReadOnlyList<PublishedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var (read, contentType) = await store.OpenReadAsync(path + file.Name, cancellationToken);
            await using var copy = store.Create(LatestFolder + file.Name, file.Name, contentType);
            await using (read)
            {
                await read.CopyToAsync(copy, cancellationToken);
            }

            // Checked before the commit: a copy that differs from its dated file never replaces a good one.
            var copied = await copy.CompleteAsync(cancellationToken, expectedSha256: file.Sha256);
            if (copied.Bytes != file.Bytes)
                throw new InvalidDataException($"{LatestFolder}{file.Name}: {copied.Bytes} bytes copied, {file.Bytes} published.");
        }

        await DeleteStaleFilesAsync(LatestFolder, files, cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<PublishedProject>> ProjectsOf(
        CurrentSubmissions source, IEnumerable<MandataireTotal> submissions,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var submission in submissions)
        {
            var projects = await source.ReadProjectsAsync(submission, cancellationToken);
            yield return projects.Select(p => new PublishedProject(submission.Mandataire, p)).ToArray();
        }
    }

    private static async Task<PublishedFile> WriteSmallAsync(SnapshotFile file, byte[] content, CancellationToken cancellationToken)
    {
        await using (file)
        {
            file.Write(content);
            return await file.CompleteAsync(cancellationToken);
        }
    }

    private Task DeleteStaleFilesAsync(string path, IReadOnlyList<PublishedFile> files, CancellationToken cancellationToken) =>
        store.DeleteOthersAsync(path, files.Select(f => path + f.Name).ToHashSet(StringComparer.Ordinal), cancellationToken);
}
