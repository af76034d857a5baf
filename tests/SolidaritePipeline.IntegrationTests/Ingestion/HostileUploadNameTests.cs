using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>Upload names built to make the processor act outside <c>uploads</c>, tried on Azurite.</summary>
public sealed class HostileUploadNameTests
{
    private const string Published = "{\"date\":\"2026-11-26\",\"path\":\"snapshots/2026-11-26/\"}";

    private static async Task PublishLatestAsync(IngestionHarness h) =>
        await h.Services.Storage.Container(StorageNames.OpenDataContainer).GetBlobClient("latest.json")
            .UploadAsync(BinaryData.FromString(Published));

    private static async Task<string> ReadAsync(IngestionHarness h, string container, string name) =>
        (await h.Services.Storage.Container(container).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    [Fact]
    public async Task Dot_segments_in_an_upload_name_are_rejected_in_place_and_never_touch_opendata()
    {
        await using var h = await IngestionHarness.StartAsync();
        await PublishLatestAsync(h);
        var uploads = h.Services.Storage.Container(StorageNames.UploadsContainer);
        // Azurite stores a backslash as '/', so this name is stored as estrie/../../opendata/latest.json,
        // the name a raw PUT of uploads/estrie/%2E%2E/%2E%2E/opendata/latest.json also gives.
        await uploads.GetBlobClient(@"estrie\..\..\opendata/latest.json").UploadAsync(BinaryData.FromString("attaque 1"));
        await uploads.GetBlobClient("estrie/%2E%2E/%2E%2E/opendata/latest.json").UploadAsync(BinaryData.FromString("attaque 2"));
        Assert.Equal(["estrie/%2E%2E/%2E%2E/opendata/latest.json", "estrie/../../opendata/latest.json"], (await h.BlobNamesAsync(StorageNames.UploadsContainer)).Order(StringComparer.Ordinal));

        var (outcomes, failures) = await h.Services.Pending.ProcessAllAsync(null, null, default);
        var again = await h.Services.Pending.ProcessAllAsync(null, null, default);

        Assert.Equal(["latest.json"], await h.BlobNamesAsync(StorageNames.OpenDataContainer));
        Assert.Equal(Published, await ReadAsync(h, StorageNames.OpenDataContainer, "latest.json"));
        Assert.Empty(failures);
        Assert.Equal([IngestionResult.Rejected, IngestionResult.Rejected], outcomes.Select(o => o.Result));
        Assert.Empty(again.Outcomes);
        Assert.Empty(await h.BlobNamesAsync(StorageNames.UploadsContainer));
        var rejected = await h.BlobNamesAsync(StorageNames.RejectedContainer);
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, name => Assert.StartsWith("estrie/", name, StringComparison.Ordinal));
        Assert.Equal(["attaque 1", "attaque 2"], (await Task.WhenAll(rejected.Select(n => ReadAsync(h, StorageNames.RejectedContainer, n)))).Order());
        foreach (var outcome in outcomes)
        {
            var report = await ReadAsync(h, StorageNames.ReportsContainer, $"estrie/{outcome.SubmissionId}.json");
            Assert.Contains("\"path-error\"", report, StringComparison.Ordinal);
            Assert.Equal(LedgerStatus.Rejected, (await h.Services.Ledger.FindAsync("estrie", outcome.SubmissionId!, default))!.Status);
        }
    }

    [Fact]
    public async Task A_hostile_mandataire_folder_files_its_report_and_original_under_a_safe_folder()
    {
        await using var h = await IngestionHarness.StartAsync();
        await PublishLatestAsync(h);
        var uploads = h.Services.Storage.Container(StorageNames.UploadsContainer);
        var huge = new string('m', 1100 - "/r.csv".Length);
        await uploads.GetBlobClient(@"..\latest.json").UploadAsync(BinaryData.FromString("dot folder")); // stored as ../latest.json
        await uploads.GetBlobClient(huge + "/r.csv").UploadAsync(BinaryData.FromString("huge folder"));
        await uploads.GetBlobClient("estrie/" + new string('r', 1000) + ".csv").UploadAsync(BinaryData.FromString("too long once archived"));

        var (outcomes, failures) = await h.Services.Pending.ProcessAllAsync(null, null, default);

        Assert.Empty(failures);
        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(IngestionResult.Rejected, o.Result));
        Assert.Empty(await h.BlobNamesAsync(StorageNames.UploadsContainer));
        Assert.Equal(Published, await ReadAsync(h, StorageNames.OpenDataContainer, "latest.json"));
        Assert.Equal(["latest.json"], await h.BlobNamesAsync(StorageNames.OpenDataContainer));
        var rejected = await h.BlobNamesAsync(StorageNames.RejectedContainer);
        Assert.Equal(3, rejected.Count);
        Assert.All(rejected, name => Assert.True(name.Length <= 1024 && !name.Contains("..", StringComparison.Ordinal), name));
        Assert.All(await h.BlobNamesAsync(StorageNames.ReportsContainer), name => Assert.DoesNotContain("..", name, StringComparison.Ordinal));
        foreach (var outcome in outcomes)
        {
            var report = await ReadAsync(h, StorageNames.ReportsContainer, $"{outcome.Mandataire}/{outcome.SubmissionId}.json");
            Assert.Contains("\"path-error\"", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_control_character_in_a_file_name_is_a_path_error()
    {
        // Processed by name: Azurite lists such a name as invalid XML, so a listing would not get this far.
        await using var h = await IngestionHarness.StartAsync();
        var name = await h.UploadAsync("estrie", "rap\u0001port.csv", TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 10m, 0m, 1)).Csv());

        var outcome = await h.Processor.ProcessAsync(name, default);

        Assert.Equal(IngestionResult.Rejected, outcome.Result);
        Assert.False(await h.UploadExistsAsync(name));
        var report = await ReadAsync(h, StorageNames.ReportsContainer, $"estrie/{outcome.SubmissionId}.json");
        Assert.Contains("\"path-error\"", report, StringComparison.Ordinal);
        Assert.Empty(await h.RegionsAsync("2022-2023"));
    }

    [Fact]
    public async Task A_trigger_client_already_resolved_outside_uploads_is_refused_without_any_request()
    {
        await using var h = await IngestionHarness.StartAsync();
        await PublishLatestAsync(h);
        var resolved = h.Services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient("estrie/../../opendata/latest.json");
        Assert.Equal(StorageNames.OpenDataContainer, resolved.BlobContainerName); // what the SDK made of the name

        var outcome = await h.Processor.ProcessAsync(resolved, default);

        Assert.Equal(IngestionResult.Refused, outcome.Result);
        Assert.Equal(Published, await ReadAsync(h, StorageNames.OpenDataContainer, "latest.json"));
        Assert.Empty(await h.BlobNamesAsync(StorageNames.RejectedContainer));
        Assert.Empty(await h.BlobNamesAsync(StorageNames.ReportsContainer));
    }
}
