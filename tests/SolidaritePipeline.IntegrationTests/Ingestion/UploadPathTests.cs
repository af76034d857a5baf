using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

public sealed class UploadPathTests
{
    [Fact]
    public async Task A_file_outside_uploads_mandataire_name_is_rejected_with_a_path_error_and_touches_no_totals()
    {
        await using var h = await IngestionHarness.StartAsync();
        var csv = TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 10m, 0m, 1)).Csv();
        var nested = await h.UploadAsync("estrie", "2023/rapport.csv", csv);
        var unknown = await h.UploadAsync("sherbrooke", "rapport.csv", csv);

        var nestedOutcome = await h.Processor.ProcessAsync(nested, default);
        var unknownOutcome = await h.Processor.ProcessAsync(unknown, default);

        Assert.Equal((IngestionResult.Rejected, IngestionResult.Rejected), (nestedOutcome.Result, unknownOutcome.Result));
        Assert.Empty(await h.RegionsAsync("2022-2023"));
        var reports = await h.BlobNamesAsync(StorageNames.ReportsContainer);
        var nestedReport = await h.Services.Storage.Container(StorageNames.ReportsContainer)
            .GetBlobClient($"estrie/{nestedOutcome.SubmissionId}.json").DownloadContentAsync();
        Assert.Contains("\"path-error\"", nestedReport.Value.Content.ToString());
        var unknownReport = await h.Services.Storage.Container(StorageNames.ReportsContainer)
            .GetBlobClient($"sherbrooke/{unknownOutcome.SubmissionId}.json").DownloadContentAsync();
        Assert.Contains("\"unknown-mandataire\"", unknownReport.Value.Content.ToString());
        Assert.Contains($"estrie/{nestedOutcome.SubmissionId}/rapport.csv", await h.BlobNamesAsync(StorageNames.RejectedContainer));
        Assert.Empty(await h.BlobNamesAsync(StorageNames.UploadsContainer));
        Assert.Equal(4, reports.Count); // JSON and HTML for each
    }
}
