using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class LatestFolderTests
{
    private static readonly DateOnly FirstDay = new(2026, 11, 26);
    private static readonly DateOnly SecondDay = new(2026, 11, 27);

    private static string Accepted(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", "accepted", name));

    private static async Task<Dictionary<string, byte[]>> FolderAsync(BlobContainerClient container, string prefix)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default))
            files[blob.Name[prefix.Length..]] = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
        return files;
    }

    // sha256sum's format, "<hex>  <name>\n", read back into name -> hex.
    private static Dictionary<string, string> Sums(byte[] file) =>
        Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l[66..], l => l[..64], StringComparer.Ordinal);

    [Fact]
    public async Task After_ingest_and_two_publications_latest_equals_the_newest_dated_folder_byte_for_byte()
    {
        await using var h = await IngestionHarness.StartAsync();
        var storage = h.Services.Storage;
        var opendata = storage.Container(StorageNames.OpenDataContainer);
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport-2022.csv", Accepted("utf8-comma.csv")), default);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        await SnapshotPublisherTests.Publisher(storage.Blobs, storage.Tables, clock).PublishAsync(FirstDay, default);
        var firstLatest = await FolderAsync(opendata, "latest/");

        // A newer upload from the same mandataire replaces its submission (blob times have one-second resolution).
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport.json", Accepted("array.json")), default);
        clock.Advance(TimeSpan.FromDays(1));
        await SnapshotPublisherTests.Publisher(storage.Blobs, storage.Tables, clock).PublishAsync(SecondDay, default);

        var dated = await FolderAsync(opendata, "snapshots/2026-11-27/");
        var latest = await FolderAsync(opendata, "latest/");
        Assert.Equal(dated.Keys.Order(StringComparer.Ordinal), latest.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in dated) Assert.Equal(bytes, latest[name]);

        // Every file but SHA256SUMS itself is listed in the dated folder's SHA256SUMS, and latest/ matches it.
        var sums = Sums(dated["SHA256SUMS"]);
        Assert.Equal(dated.Keys.Where(n => n is not ("SHA256SUMS" or "index.html")).Order(StringComparer.Ordinal), sums.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, sha) in sums) Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(latest[name])));

        // The second publication changed the data: latest/ moved with it, and it is not the first day's copy.
        Assert.Contains("\r\n2022-2023,estrie,05,Estrie,EST-602,", Encoding.UTF8.GetString(latest["projets.csv"]));
        Assert.DoesNotContain("EST-001", Encoding.UTF8.GetString(latest["projets.csv"]));
        Assert.NotEqual(firstLatest["projets.csv"], latest["projets.csv"]);
        Assert.Equal("text/csv; charset=utf-8",
            (await opendata.GetBlobClient("latest/totaux-regionaux.csv").GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task A_publication_interrupted_mid_way_leaves_latest_on_the_previous_complete_snapshot()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(FirstDay, default);
        var before = await FolderAsync(storage.OpenData, "latest/");
        var latestJsonBefore = await storage.ReadAsync("latest.json");
        await storage.AcceptAsync("laval", "13", "sub-laval-1", Projects.Make("V-1", regionCode: "13", fqis: 321m));

        // The next day's data files are written, then its datapackage.json fails: the snapshot is not whole.
        var failing = new BlobServiceClient(storage.ConnectionString, Options(new FailPolicy("snapshots/2026-11-27/datapackage.json")));
        var publisher = SnapshotPublisherTests.Publisher(failing, storage.Tables, new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero)));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => publisher.PublishAsync(SecondDay, default));

        Assert.Contains("snapshots/2026-11-27/projets.csv", await storage.ListAsync("snapshots/2026-11-27/"));
        var after = await FolderAsync(storage.OpenData, "latest/");
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in before) Assert.Equal(bytes, after[name]);
        Assert.DoesNotContain("V-1", Encoding.UTF8.GetString(after["projets.csv"]));
        Assert.Equal(latestJsonBefore, await storage.ReadAsync("latest.json"));

        // And the previous snapshot's checksums still describe latest/.
        foreach (var (name, sha) in Sums(after["SHA256SUMS"]))
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(after[name])));
    }

    private static BlobClientOptions Options(HttpPipelinePolicy policy)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return options;
    }

    /// <summary>Answers 500 to every write of one blob, as a storage outage in the middle of a publication would.</summary>
    private sealed class FailPolicy(string blobName) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The publisher is asynchronous.");

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith("/opendata/" + blobName, StringComparison.Ordinal))
                throw new Azure.RequestFailedException(500, $"Injected failure writing {blobName}.");
            return ProcessNextAsync(message, pipeline);
        }
    }
}
