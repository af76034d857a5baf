using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class SnapshotPublisherTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);
    private const string Folder = "snapshots/2026-11-26/";
    internal static readonly string[] Tables =
        ["projets", "totaux-regionaux", "totaux-mandataires", "regions", "mandataires", "exercices", "axes", "clienteles", "statuts"];
    private static readonly string[] DataFiles =
        [.. Tables.SelectMany(t => new[] { t + ".csv", t + ".json" }), "datapackage.json"];

    /// <summary>
    /// Seven projects over four mandataires, two exercices. Expected values below are worked out by hand:
    /// Estrie 2022-2023 = 12 500.50 + 7 000.00 (P-003 is cancelled), Montérégie = Longueuil + Montérégie-Est.
    /// </summary>
    internal static async Task SeedAsync(PublishingStorage storage)
    {
        await storage.AcceptAsync("estrie", "05", "sub-estrie-1",
            Projects.Make("P-002", fqis: 12500.50m, other: 1000m, people: 120, titre: "Cuisine collective",
                organisme: "Moisson Estrie", neq: "1234567890", municipalite: "Sherbrooke", courriel: "marie.tremblay@example.org"),
            Projects.Make("P-001", fqis: 7000m, people: 35, statut: "termine", titre: "=HYPERLINK(\"http://x\")",
                organisme: "+Organisme, inc.", courriel: "jean@example.org"),
            Projects.Make("P-003", fqis: 9999.99m, other: 50m, people: 50, statut: "annule", titre: "Projet annulé"));
        await storage.AcceptAsync("montreal", "06", "sub-mtl-1",
            Projects.Make("M-1", regionCode: "06", fqis: 100000m, other: 25000.25m, people: 400,
                titre: "Logement \"abordable\"\nphase 2", organisme: "@Org"));
        await storage.AcceptAsync("monteregie-est", "16", "sub-me-1",
            Projects.Make("E-1", regionCode: "16", fqis: 1500.05m, people: 10, organisme: "-Moins"));
        await storage.AcceptAsync("longueuil", "16", "sub-lg-1",
            Projects.Make("L-1", regionCode: "16", fqis: 2500.10m, other: 300m, people: 20));
        await storage.AcceptAsync("estrie", "05", "sub-estrie-2",
            Projects.Make("S-9", exercice: "2023-2024", fqis: 5000m, people: 5, statut: "termine"));
    }

    internal static SnapshotPublisher Publisher(PublishingStorage storage, TimeProvider? time = null) =>
        Publisher(storage.Blobs, storage.Tables, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 0, 3, TimeSpan.Zero)));

    /// <summary>The publisher as the composition root builds it, on these clients.</summary>
    internal static SnapshotPublisher Publisher(BlobServiceClient blobs, TableServiceClient tables, TimeProvider time) =>
        TestPipeline.On(new StorageClients(blobs, tables), time: time).Publisher;

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(Bom(bytes) ? 3 : 0));

    private static bool Bom(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Regional_totals_hold_every_region_with_sums_of_the_current_projects()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);

        var result = await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        var bytes = await storage.ReadAsync(Folder + "totaux-regionaux.csv");
        Assert.True(Bom(bytes));
        var lines = Text(bytes).Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.DoesNotContain(lines[..^1], l => l.Contains('\n'));
        Assert.Equal(
            "exercice,region_code,region_nom,nb_mandataires,nb_projets,nb_projets_annules,montant_fqis,montant_autres_sources,personnes_rejointes," +
            "montant_fqis_cents,montant_autres_sources_cents",
            lines[0]);
        Assert.Equal(1 + 2 * 17 + 1, lines.Length);
        Assert.Equal("2022-2023,01,Bas-Saint-Laurent,0,0,0,0.00,0.00,0,0,0", lines[1]);
        Assert.Equal("2022-2023,05,Estrie,1,2,1,19500.50,1000.00,155,1950050,100000", lines[5]);
        Assert.Equal("2022-2023,06,Montréal,1,1,0,100000.00,25000.25,400,10000000,2500025", lines[6]);
        Assert.Equal("2022-2023,16,Montérégie,2,2,0,4000.15,300.00,30,400015,30000", lines[16]);
        Assert.Equal("2022-2023,17,Centre-du-Québec,0,0,0,0.00,0.00,0,0,0", lines[17]);
        Assert.Equal("2023-2024,05,Estrie,1,1,0,5000.00,0.00,5,500000,0", lines[22]);
        Assert.Equal(34, result.RegionalTotalCount);
        Assert.Equal(["2022-2023", "2023-2024"], result.Exercices);

        using var json = JsonDocument.Parse(await storage.ReadAsync(Folder + "totaux-regionaux.json"));
        var monteregie = json.RootElement.EnumerateArray().Single(e =>
            e.GetProperty("exercice").GetString() == "2022-2023" && e.GetProperty("region_code").GetString() == "16");
        Assert.Equal(4000.15m, monteregie.GetProperty("montant_fqis").GetDecimal());
        Assert.Equal("4000.15", monteregie.GetProperty("montant_fqis").GetRawText());
        Assert.Equal("0.00", json.RootElement[0].GetProperty("montant_autres_sources").GetRawText());
        Assert.Equal(2, monteregie.GetProperty("nb_mandataires").GetInt32());
        Assert.Equal(34, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Mandataire_totals_hold_each_current_submission_and_add_up_to_the_regional_totals()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);

        await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        var lines = Text(await storage.ReadAsync(Folder + "totaux-mandataires.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["exercice,mandataire,region_code,nb_projets,nb_projets_annules,montant_fqis,montant_autres_sources,personnes_rejointes,montant_fqis_cents,montant_autres_sources_cents",
             "2022-2023,estrie,05,2,1,19500.50,1000.00,155,1950050,100000",
             "2022-2023,montreal,06,1,0,100000.00,25000.25,400,10000000,2500025",
             "2022-2023,longueuil,16,1,0,2500.10,300.00,20,250010,30000",
             "2022-2023,monteregie-est,16,1,0,1500.05,0.00,10,150005,0",
             "2023-2024,estrie,05,1,0,5000.00,0.00,5,500000,0"],
            lines);

        // Summed independently here, in cents: every regional row is the sum of its mandataires' rows.
        var byRegion = lines.Skip(1).Select(l => l.Split(','))
            .GroupBy(c => (c[0], c[2]))
            .ToDictionary(g => g.Key, g => (Fqis: g.Sum(c => long.Parse(c[8])), Other: g.Sum(c => long.Parse(c[9])), People: g.Sum(c => long.Parse(c[7]))));
        foreach (var row in Text(await storage.ReadAsync(Folder + "totaux-regionaux.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var c = row.Split(',');
            var expected = byRegion.GetValueOrDefault((c[0], c[1]));
            Assert.Equal((expected.Fqis, expected.Other, expected.People), (long.Parse(c[9]), long.Parse(c[10]), long.Parse(c[8])));
        }
    }

    [Fact]
    public async Task Projects_are_ordered_neutralised_and_carry_no_personal_information()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);

        var result = await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        var text = Text(await storage.ReadAsync(Folder + "projets.csv"));
        Assert.Equal(
            "exercice,mandataire,region_code,region_nom,no_projet,titre_projet,organisme_promoteur,neq,municipalite," +
            "axe_intervention,clientele_cible,montant_fqis,montant_autres_sources,date_debut,date_fin,personnes_rejointes,statut," +
            "montant_fqis_cents,montant_autres_sources_cents\r\n" +
            "2022-2023,estrie,05,Estrie,P-001,\"'=HYPERLINK(\"\"http://x\"\")\",\"'+Organisme, inc.\",,,securite_alimentaire,familles,7000.00,0.00,2022-05-01,2023-03-31,35,termine,700000,0\r\n" +
            "2022-2023,estrie,05,Estrie,P-002,Cuisine collective,Moisson Estrie,1234567890,Sherbrooke,securite_alimentaire,familles,12500.50,1000.00,2022-05-01,2023-03-31,120,en_cours,1250050,100000\r\n" +
            "2022-2023,estrie,05,Estrie,P-003,Projet annulé,Organisme,,,securite_alimentaire,familles,9999.99,50.00,2022-05-01,2023-03-31,50,annule,999999,5000\r\n" +
            "2022-2023,montreal,06,Montréal,M-1,\"Logement \"\"abordable\"\"\nphase 2\",'@Org,,,securite_alimentaire,familles,100000.00,25000.25,2022-05-01,2023-03-31,400,en_cours,10000000,2500025\r\n" +
            "2022-2023,longueuil,16,Montérégie,L-1,Projet,Organisme,,,securite_alimentaire,familles,2500.10,300.00,2022-05-01,2023-03-31,20,en_cours,250010,30000\r\n" +
            "2022-2023,monteregie-est,16,Montérégie,E-1,Projet,'-Moins,,,securite_alimentaire,familles,1500.05,0.00,2022-05-01,2023-03-31,10,en_cours,150005,0\r\n" +
            "2023-2024,estrie,05,Estrie,S-9,Projet,Organisme,,,securite_alimentaire,familles,5000.00,0.00,2022-05-01,2023-03-31,5,termine,500000,0\r\n",
            text);
        Assert.Equal(7, result.ProjectCount);

        var json = Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "projets.json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["P-001", "P-002", "P-003", "M-1", "L-1", "E-1", "S-9"],
            doc.RootElement.EnumerateArray().Select(p => p.GetProperty("no_projet").GetString()));
        var first = doc.RootElement[0];
        Assert.Equal("=HYPERLINK(\"http://x\")", first.GetProperty("titre_projet").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("neq").ValueKind);
        Assert.Equal("12500.50", doc.RootElement[1].GetProperty("montant_fqis").GetRawText());

        foreach (var name in DataFiles.Append("index.html").Append("SHA256SUMS"))
        {
            var content = Text(await storage.ReadAsync(Folder + name));
            Assert.DoesNotContain("example.org", content);
            Assert.DoesNotContain("courriel_contact", content);
        }
    }

    [Fact]
    public async Task Latest_json_and_checksums_describe_the_files_really_written()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);

        var result = await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        var written = await storage.ListAsync(Folder);
        string[] expected = [.. DataFiles.Append("SHA256SUMS").Append("index.html").Order(StringComparer.Ordinal)];
        Assert.Equal(expected.Select(n => Folder + n), written.Order(StringComparer.Ordinal));

        using var latest = JsonDocument.Parse(await storage.ReadAsync("latest.json"));
        Assert.Equal("2026-11-26", latest.RootElement.GetProperty("date").GetString());
        Assert.Equal(Folder, latest.RootElement.GetProperty("path").GetString());
        Assert.Equal("2026-11-26T07:00:03Z", latest.RootElement.GetProperty("generatedAt").GetString());
        var files = latest.RootElement.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(expected, files.Select(f => f.GetProperty("name").GetString()));
        foreach (var file in files)
        {
            var bytes = await storage.ReadAsync(Folder + file.GetProperty("name").GetString());
            Assert.Equal(bytes.Length, file.GetProperty("bytes").GetInt64());
            Assert.Equal(Sha256(bytes), file.GetProperty("sha256").GetString());
        }

        // sha256sum's own format: "<hex>  <name>\n", for every file written before it.
        var sums = Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "SHA256SUMS"));
        var sumLines = sums.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DataFiles.Order(StringComparer.Ordinal), sumLines.Select(l => l[66..]));
        foreach (var line in sumLines)
            Assert.Equal(Sha256(await storage.ReadAsync(Folder + line[66..])) + "  ", line[..66]);
        Assert.Equal(expected.Length, result.Files.Count);
    }

    [Fact]
    public async Task Publishing_the_same_day_twice_gives_byte_identical_files()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));

        await Publisher(storage, clock).PublishAsync(Day, CancellationToken.None);
        var first = new Dictionary<string, byte[]>();
        foreach (var name in await storage.ListAsync(Folder)) first[name] = await storage.ReadAsync(name);
        var firstLatest = Encoding.UTF8.GetString(await storage.ReadAsync("latest.json"));

        clock.Advance(TimeSpan.FromHours(3));
        await Publisher(storage, clock).PublishAsync(Day, CancellationToken.None);

        Assert.Equal(first.Keys, await storage.ListAsync(Folder));
        foreach (var (name, bytes) in first) Assert.Equal(bytes, await storage.ReadAsync(name));
        var secondLatest = Encoding.UTF8.GetString(await storage.ReadAsync("latest.json"));
        Assert.Contains("\"generatedAt\": \"2026-11-26T10:00:00Z\"", secondLatest);
        Assert.Equal(firstLatest.Replace("07:00:00Z", "10:00:00Z", StringComparison.Ordinal), secondLatest);
    }

    [Fact]
    public async Task Republishing_a_day_replaces_its_files_and_removes_those_no_longer_produced()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);
        await Publisher(storage).PublishAsync(Day, CancellationToken.None);
        await storage.OpenData.UploadBlobAsync(Folder + "ancien-fichier.csv", BinaryData.FromString("vieux"));
        await storage.AcceptAsync("estrie", "05", "sub-estrie-3", Projects.Make("P-010", fqis: 42m, people: 1));

        await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        Assert.DoesNotContain(Folder + "ancien-fichier.csv", await storage.ListAsync(Folder));
        var totals = Text(await storage.ReadAsync(Folder + "totaux-regionaux.csv"));
        Assert.Contains("\r\n2022-2023,05,Estrie,1,1,0,42.00,0.00,1,4200,0\r\n", totals);
        Assert.DoesNotContain("P-001", Text(await storage.ReadAsync(Folder + "projets.csv")));
    }

    [Fact]
    public async Task An_interrupted_publication_leaves_latest_json_on_the_previous_complete_snapshot()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);
        await Publisher(storage).PublishAsync(Day, CancellationToken.None);
        var latestBefore = await storage.ReadAsync("latest.json");
        var projectsBefore = await storage.ReadAsync(Folder + "projets.csv");

        // Laval's row names a blob that is gone: the next day's publication fails in the middle of projets.csv.
        var blob = await storage.AcceptAsync("laval", "13", "sub-laval-1", Projects.Make("V-1", regionCode: "13"));
        await storage.Blobs.GetBlobContainerClient("normalized").DeleteBlobAsync(blob);
        var nextDay = Day.AddDays(1);
        await Assert.ThrowsAsync<RequestFailedException>(() => Publisher(storage).PublishAsync(nextDay, CancellationToken.None));

        Assert.Equal(latestBefore, await storage.ReadAsync("latest.json"));
        Assert.Equal(projectsBefore, await storage.ReadAsync(Folder + "projets.csv"));
        Assert.Empty(await storage.ListAsync("snapshots/2026-11-27/"));

        // The same failure on a re-run of the same day keeps that day's complete files too.
        await Assert.ThrowsAsync<RequestFailedException>(() => Publisher(storage).PublishAsync(Day, CancellationToken.None));
        Assert.Equal(projectsBefore, await storage.ReadAsync(Folder + "projets.csv"));
        Assert.Equal(latestBefore, await storage.ReadAsync("latest.json"));
    }

    [Fact]
    public async Task A_normalized_blob_that_disagrees_with_its_totals_row_is_not_published()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SeedAsync(storage);
        var table = storage.Tables.GetTableClient("MandataireTotals");
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("2022-2023", "montreal")).Value;
        row["FqisAmountCents"] = 1L;
        await table.UpdateEntityAsync(row, ETag.All);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Publisher(storage).PublishAsync(Day, CancellationToken.None));

        Assert.Contains("montreal", error.Message);
        Assert.False(await storage.OpenData.GetBlobClient("latest.json").ExistsAsync());
    }

    [Fact]
    public async Task Publishing_before_any_submission_gives_headers_and_an_empty_page()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await storage.Tables.GetTableClient("MandataireTotals").DeleteAsync();

        var result = await Publisher(storage).PublishAsync(Day, CancellationToken.None);

        Assert.Equal(0, result.ProjectCount);
        Assert.StartsWith("exercice,region_code,", Text(await storage.ReadAsync(Folder + "totaux-regionaux.csv")));
        Assert.Equal("[]\n", Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "projets.json")));
        Assert.Contains("Aucune reddition", Text(await storage.ReadAsync(Folder + "index.html")));
    }
}
