using System.Security.Cryptography;
using System.Text;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>The upload is downloaded once; the hash taken while staging it is the one every record shows.</summary>
public sealed class SingleReadTests
{
    [Fact]
    public async Task The_Submissions_row_the_report_and_the_archived_original_all_carry_the_SHA256_of_the_uploaded_bytes()
    {
        await using var h = await IngestionHarness.StartAsync();
        var csv = TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 12_500.50m, 1_000m, 120)).Csv();
        var blob = await h.UploadAsync("estrie", "rapport.csv", csv);
        var uploaded = (await h.Services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToArray();

        var outcome = await h.Processor.ProcessAsync(blob, default);

        var expected = Convert.ToHexStringLower(SHA256.HashData(uploaded));
        var record = (await h.Services.Ledger.FindAsync("estrie", outcome.SubmissionId!, default))!;
        var report = (await h.Services.Storage.Container(StorageNames.ReportsContainer).GetBlobClient($"estrie/{outcome.SubmissionId}.json").DownloadContentAsync()).Value.Content.ToString();
        var archived = (await h.Services.Storage.Container(StorageNames.ArchiveContainer).GetBlobClient($"estrie/{outcome.SubmissionId}/rapport.csv").DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(IngestionResult.Accepted, outcome.Result);
        Assert.Equal(expected, record.Sha256);
        Assert.Contains($"\"{expected}\"", report, StringComparison.Ordinal);
        Assert.Equal(uploaded, archived);
        Assert.Equal(Encoding.UTF8.GetBytes(csv), uploaded);
    }
}
