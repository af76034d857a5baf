using System.Text;
using System.Text.Json;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class BiReadApiTests
{
    private static string Principal(params string[] roles)
    {
        var claims = string.Join(",", roles.Select(r => $"{{\"typ\":\"roles\",\"val\":\"{r}\"}}")
            .Prepend("{\"typ\":\"name\",\"val\":\"analyste@example.gouv.qc.ca\"}"));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{{\"auth_typ\":\"aad\",\"claims\":[{claims}],\"name_typ\":\"name\",\"role_typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/role\"}}"));
    }

    private static BiReadApi Api(IngestionHarness h)
    {
        var storage = h.Services.Storage;
        return BiReadApi.Over(new PublishedDataTables(storage.Tables, storage.Blobs));
    }

    private static string Accepted(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", "accepted", name));

    [Fact]
    public async Task Every_read_refuses_a_caller_without_a_principal_401_and_one_without_the_role_403()
    {
        await using var h = await IngestionHarness.StartAsync();
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport.csv", Accepted("utf8-comma.csv")), default);
        var api = Api(h);
        Func<BiReadRequest, Task<BiReadResponse>>[] reads =
            [r => api.TotalsAsync(r, default), r => api.MandataireTotalsAsync(r, default), r => api.SubmissionsAsync(r, default)];

        foreach (var read in reads)
        {
            var anonymous = await read(new BiReadRequest(null));
            var roleless = await read(new BiReadRequest(Principal("Ministere.Autre")));
            var reader = await read(new BiReadRequest(Principal("Ministere.Lecteur")));

            Assert.Equal(401, anonymous.Status);
            Assert.StartsWith("{\"error\":\"Connexion requise", anonymous.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Estrie", anonymous.Text + roleless.Text, StringComparison.Ordinal);
            Assert.Equal(403, roleless.Status);
            Assert.Contains("Ministere.Lecteur", roleless.Text, StringComparison.Ordinal);
            Assert.Equal(200, reader.Status);
            Assert.Contains("estrie", reader.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Mandataire_totals_are_served_with_the_names_of_totaux_mandataires_csv_in_json_and_csv()
    {
        await using var h = await IngestionHarness.StartAsync();
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport.csv", Accepted("utf8-comma.csv")), default);
        var api = Api(h);

        var json = await api.MandataireTotalsAsync(new BiReadRequest(Principal("Ministere.Lecteur"), Exercice: "2022-2023"), default);
        var csv = await api.MandataireTotalsAsync(new BiReadRequest(Principal("Ministere.Lecteur"), Format: "csv"), default);

        // EST-003 is cancelled: 12 500.50 + 48 000 = 60 500.50 $, 3 000 $ from other sources, 1 200 + 340 people.
        using var rows = JsonDocument.Parse(json.Body);
        var estrie = Assert.Single(rows.RootElement.EnumerateArray());
        Assert.Equal("estrie", estrie.GetProperty("mandataire").GetString());
        Assert.Equal("60500.50", estrie.GetProperty("montant_fqis").GetRawText());
        Assert.Equal(6050050L, estrie.GetProperty("montant_fqis_cents").GetInt64());
        Assert.Equal(1540, estrie.GetProperty("personnes_rejointes").GetInt64());
        Assert.Equal(
            "\uFEFFexercice,mandataire,region_code,nb_projets,nb_projets_annules,montant_fqis,montant_autres_sources,personnes_rejointes," +
            "montant_fqis_cents,montant_autres_sources_cents\r\n2022-2023,estrie,05,2,1,60500.50,3000.00,1540,6050050,300000\r\n",
            csv.Text);
        Assert.Equal("totaux-mandataires-tous.csv", csv.FileName);
        Assert.Equal(0, JsonDocument.Parse((await api.MandataireTotalsAsync(
            new BiReadRequest(Principal("Ministere.Lecteur"), Exercice: "2023-2024"), default)).Body).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Since_returns_only_the_submissions_processed_after_it()
    {
        await using var h = await IngestionHarness.StartAsync();
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport-1.csv", Accepted("utf8-comma.csv")), default);
        var api = Api(h);
        var reader = Principal("Ministere.Lecteur");
        using var first = JsonDocument.Parse((await api.SubmissionsAsync(new BiReadRequest(reader), default)).Body);
        var firstRow = Assert.Single(first.RootElement.EnumerateArray());
        var watermark = firstRow.GetProperty("traitee_le").GetString()!;
        Assert.True(firstRow.GetProperty("courante").GetBoolean());

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the newer upload must carry a later blob time
        await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "rapport-2.json", Accepted("array.json")), default);
        var since = await api.SubmissionsAsync(new BiReadRequest(reader, Since: watermark), default);
        var all = await api.SubmissionsAsync(new BiReadRequest(reader, Exercice: "2022-2023"), default);

        using var newer = JsonDocument.Parse(since.Body);
        var row = Assert.Single(newer.RootElement.EnumerateArray());
        Assert.NotEqual(firstRow.GetProperty("soumission").GetString(), row.GetProperty("soumission").GetString());
        Assert.Equal("accepted", row.GetProperty("statut").GetString());
        Assert.True(row.GetProperty("courante").GetBoolean());
        Assert.Equal(300000L, row.GetProperty("montant_fqis_cents").GetInt64()); // EST-602 only: EST-601 is cancelled
        using var both = JsonDocument.Parse(all.Body);
        Assert.Equal([false, true], both.RootElement.EnumerateArray().Select(r => r.GetProperty("courante").GetBoolean()));
        Assert.Equal(400, (await api.SubmissionsAsync(new BiReadRequest(reader, Since: "hier"), default)).Status);
        Assert.Equal(400, (await api.TotalsAsync(new BiReadRequest(reader, Exercice: "2022"), default)).Status);
        Assert.Equal(400, (await api.TotalsAsync(new BiReadRequest(reader, Format: "xml"), default)).Status);
    }
}
