using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.IntegrationTests.Publishing;

/// <summary>
/// Azurite seeded the way ingestion leaves it (settings contract): one <c>MandataireTotals</c> row per
/// current submission, its projects in <c>normalized/{mandataire}/{exercice}/{submissionId}.jsonl</c>.
/// The row's measures are summed here with plain LINQ, independently of the pipeline's aggregator.
/// </summary>
internal sealed class PublishingStorage : IAsyncDisposable
{
    private readonly Azurite _azurite;

    private PublishingStorage(Azurite azurite)
    {
        _azurite = azurite;
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        Tables = new TableServiceClient(azurite.ConnectionString);
    }

    public BlobServiceClient Blobs { get; }
    public TableServiceClient Tables { get; }
    public string ConnectionString => _azurite.ConnectionString;
    public BlobContainerClient OpenData => Blobs.GetBlobContainerClient(StorageNames.OpenDataContainer);

    public static async Task<PublishingStorage> StartAsync()
    {
        var storage = new PublishingStorage(await Azurite.StartAsync());
        await storage.Blobs.GetBlobContainerClient(StorageNames.NormalizedContainer).CreateIfNotExistsAsync();
        await storage.Tables.GetTableClient(StorageNames.MandataireTotalsTable).CreateIfNotExistsAsync();
        return storage;
    }

    /// <summary>Stores one accepted submission and its MandataireTotals row; returns the blob name.</summary>
    public async Task<string> AcceptAsync(string mandataire, string regionCode, string submissionId, params Project[] projects)
    {
        var exercice = projects[0].Exercice;
        var blobName = $"{mandataire}/{exercice}/{submissionId}.jsonl";
        using (var buffer = new MemoryStream())
        {
            using (var writer = new NormalizedProjectWriter(buffer)) foreach (var p in projects) writer.Write(p);
            buffer.Position = 0;
            await Blobs.GetBlobContainerClient(StorageNames.NormalizedContainer).GetBlobClient(blobName).UploadAsync(buffer, overwrite: true);
        }

        var live = projects.Where(p => p.Statut != "annule").ToArray();
        await Tables.GetTableClient(StorageNames.MandataireTotalsTable).UpsertEntityAsync(new TableEntity(exercice, mandataire)
        {
            ["RegionCode"] = regionCode,
            ["RegionName"] = "ignored by the publisher",
            ["ProjectCount"] = live.Length,
            ["CancelledProjectCount"] = projects.Length - live.Length,
            ["FqisAmountCents"] = (long)(live.Sum(p => p.MontantFqis) * 100),
            ["OtherAmountCents"] = (long)(live.Sum(p => p.MontantAutresSources) * 100),
            ["PeopleReached"] = (long)live.Sum(p => p.PersonnesRejointes),
            ["SubmissionId"] = submissionId,
            ["SubmissionUploadedAt"] = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero),
            ["NormalizedBlob"] = blobName,
            ["UpdatedAt"] = new DateTimeOffset(2026, 11, 20, 14, 1, 0, TimeSpan.Zero),
        }, TableUpdateMode.Replace);
        return blobName;
    }

    public async Task<byte[]> ReadAsync(string name) =>
        (await OpenData.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();

    public async Task<IReadOnlyList<string>> ListAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in OpenData.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
            names.Add(blob.Name);
        return names;
    }

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}

/// <summary>Projects with defaults, so a test names only what it is about.</summary>
internal static class Projects
{
    public static Project Make(
        string noProjet, string exercice = "2022-2023", string regionCode = "05", decimal fqis = 1000m, decimal other = 0m,
        int people = 10, string statut = "en_cours", string titre = "Projet", string organisme = "Organisme",
        string? neq = null, string? municipalite = null, string? courriel = null) =>
        new(exercice, noProjet, titre, organisme, neq, regionCode, municipalite, "securite_alimentaire", "familles",
            fqis, other, new DateOnly(2022, 5, 1), new DateOnly(2023, 3, 31), people, statut, courriel);
}
