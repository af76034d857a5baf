using System.Text;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class IngestThenPublishTests
{
    [Fact]
    public async Task A_real_upload_ingested_then_published_appears_in_the_snapshot_without_its_e_mails()
    {
        await using var h = await IngestionHarness.StartAsync();
        var content = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", "accepted", "utf8-comma.csv"));
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport-2022.csv", content), default);
        var storage = h.Services.Storage;

        var result = await h.Services.Publisher
            .PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        async Task<string> Read(string name) => Encoding.UTF8.GetString(
            (await storage.Container("opendata").GetBlobClient("snapshots/2026-11-26/" + name).DownloadContentAsync()).Value.Content.ToArray());
        var projects = await Read("projets.csv");
        Assert.EndsWith(
            "\r\n2022-2023,estrie,05,Estrie,EST-001,Cuisines collectives du quartier,Moisson Estrie,1143456789,Sherbrooke,securite_alimentaire,familles,12500.50,3000.00,2022-04-01,2023-03-31,1200,en_cours,1250050,300000" +
            "\r\n2022-2023,estrie,05,Estrie,EST-002,Transport vers l'emploi,Corporation de transport de Magog,,Magog,transport,population_generale,48000.00,0.00,2022-05-15,2023-02-28,340,termine,4800000,0" +
            "\r\n2022-2023,estrie,05,Estrie,EST-003,Halte-garderie,Maison de la famille,2245678901,,reussite_educative,jeunes,7250.25,0.00,2022-09-01,2022-12-20,85,annule,725025,0\r\n",
            projects);
        Assert.DoesNotContain(".example", projects + await Read("projets.json"));
        Assert.Equal(3, result.ProjectCount);

        // EST-003 is cancelled: 12 500.50 + 48 000 = 60 500.50 $, 3 000 $ from other sources, 1 200 + 340 people.
        Assert.Contains("\r\n2022-2023,05,Estrie,1,2,1,60500.50,3000.00,1540,6050050,300000\r\n", await Read("totaux-regionaux.csv"));
        // The ministry's table, written by ingestion, says the same as the snapshot.
        var bi = await new RegionalTotalsQuery(new PublishedDataTables(storage.Tables, storage.Blobs)).ReadAsync("2022-2023", CancellationToken.None);
        var estrie = Assert.Single(bi, r => r.RegionCode == "05");
        Assert.Equal((2, 1, 6050050L, 300000L, 1540L),
            (estrie.Totals.ProjectCount, estrie.Totals.CancelledProjectCount, estrie.Totals.FqisAmountCents, estrie.Totals.OtherAmountCents, estrie.Totals.PeopleReached));
        Assert.Equal(17, bi.Count);
    }

    [Fact]
    public async Task An_email_and_a_phone_typed_in_a_title_are_redacted_in_projets_csv_and_json()
    {
        await using var h = await IngestionHarness.StartAsync();
        var csv = TestSubmission.Of("2022-2023", "05", new TestProject("E-1", 1_000m, 0m, 10)).Csv()
            .Replace("Projet E-1;", "Inscriptions : marie.tremblay@organisme.qc.ca ou 819-555-1234;", StringComparison.Ordinal);
        var outcome = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport.csv", csv), default);
        Assert.Equal(SolidaritePipeline.Ingestion.IngestionResult.Accepted, outcome.Result);
        var storage = h.Services.Storage;

        await h.Services.Publisher.PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        async Task<string> Read(string name) => Encoding.UTF8.GetString(
            (await storage.Container("opendata").GetBlobClient("snapshots/2026-11-26/" + name).DownloadContentAsync()).Value.Content.ToArray());
        var projectsCsv = await Read("projets.csv");
        var projectsJson = await Read("projets.json");
        Assert.Contains(",E-1,Inscriptions : [courriel retiré] ou [téléphone retiré],Organisme E-1,", projectsCsv, StringComparison.Ordinal);
        Assert.Contains("\"titre_projet\": \"Inscriptions : [courriel retiré] ou [téléphone retiré]\"", projectsJson, StringComparison.Ordinal);
        foreach (var published in new[] { projectsCsv, projectsJson, await Read("index.html") })
        {
            Assert.DoesNotContain("marie.tremblay", published, StringComparison.Ordinal);
            Assert.DoesNotContain("555-1234", published, StringComparison.Ordinal);
        }

        // The mandataire was warned in its report.
        var report = (await storage.Container("reports").GetBlobClient($"estrie/{outcome.SubmissionId}.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"personal-data\"", report, StringComparison.Ordinal);
    }
}
