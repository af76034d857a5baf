using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>design.md section 7: mandataire codes are case-insensitive everywhere, uploads included.</summary>
public sealed class MandataireFolderCaseTests
{
    [Fact]
    public async Task An_upload_in_an_upper_case_folder_is_filed_and_totalled_under_the_canonical_lower_case_code()
    {
        await using var h = await IngestionHarness.StartAsync();
        var first = TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 10m, 0m, 1));
        var correction = TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 25.50m, 0m, 3));

        var upper = await h.Processor.ProcessAsync(await h.UploadAsync("ESTRIE", "rapport.csv", first.Csv()), default);
        // Later, under the canonical folder: it replaces the first one, not adds to it.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var lower = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport.csv", correction.Csv()), default);

        Assert.Equal((IngestionResult.Accepted, "estrie"), (upper.Result, upper.Mandataire));
        Assert.Equal(IngestionResult.Accepted, lower.Result);
        Assert.Contains($"estrie/{upper.SubmissionId}/rapport.csv", await h.BlobNamesAsync(StorageNames.ArchiveContainer));
        Assert.Null(await h.MandataireAsync("2022-2023", "ESTRIE"));
        Assert.Equal(correction.FqisCents, (await h.MandataireAsync("2022-2023", "estrie"))!.Totals.FqisAmountCents);
        var estrie = (await h.RegionsAsync("2022-2023"))["05"];
        Assert.Equal((1, correction.FqisCents), (estrie.MandataireCount, estrie.Totals.FqisAmountCents));
        Assert.Empty(await h.BlobNamesAsync(StorageNames.UploadsContainer));
    }
}
