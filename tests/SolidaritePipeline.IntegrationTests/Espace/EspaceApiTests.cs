using System.Net;
using System.Text;
using System.Text.Json;
using SolidaritePipeline.Access;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Espace;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.IntegrationTests.Espace;

public sealed class EspaceApiTests
{
    private static readonly EspaceCaller Estrie = new("oid-estrie", "agente@estrie.example", null);
    private static readonly EspaceCaller Laval = new("oid-laval", "agent@laval.example", null);
    private static readonly EspaceCaller Unmapped = new("oid-nobody", "personne@example.org", null);
    private static readonly EspaceCaller Anonymous = new(null, null, null);

    private static string Fixture(string folder, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", folder, name));

    private static async Task<EspaceApi> ApiAsync(IngestionHarness h)
    {
        var access = new MandataireAccessTable(h.Services.Storage.Tables, ReferenceCatalog.Default, TimeProvider.System);
        await access.GrantAsync("oid-estrie", "Estrie", default);
        await access.GrantAsync("oid-laval", "laval", default);
        return EspaceApi.Create(h.Services.Storage, ReferenceCatalog.Default, TimeProvider.System, 1024);
    }

    private static JsonElement Json(BiReadResponse response) => JsonDocument.Parse(response.Body).RootElement;

    private static async Task<(string Rejected, string Accepted)> ProcessTwoAsync(IngestionHarness h)
    {
        var rejected = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "a.csv", Fixture("rejected", "cell-errors.csv")), default);
        await Task.Delay(1100); // Blob times have whole seconds: the two uploads must not tie.
        var accepted = await h.Processor.ProcessAsync(await h.UploadAsync("estrie", "b.csv", Fixture("accepted", "utf8-comma.csv")), default);
        return (rejected.SubmissionId!, accepted.SubmissionId!);
    }

    [Fact]
    public async Task A_mandataire_lists_only_its_own_submissions_with_status_current_and_report_url_and_a_pending_upload()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        var (rejected, accepted) = await ProcessTwoAsync(h);
        await Task.Delay(1100); // The pending upload is the newest: it must not tie with b.csv on a whole second.
        await h.UploadAsync("estrie", "c.csv", Fixture("accepted", "utf8-comma.csv"));
        await h.Processor.ProcessAsync(await h.UploadAsync("laval", "l.csv", Fixture("rejected", "cell-errors.csv")), default);

        var own = Json(await api.SubmissionsAsync(Estrie, "2022-2023", null, null, default)).EnumerateArray().ToArray();
        var other = Json(await api.SubmissionsAsync(Laval, null, null, null, default)).EnumerateArray().ToArray();

        Assert.Equal(["pending", "accepted", "rejected"], own.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal([false, true, false], own.Select(s => s.GetProperty("current").GetBoolean()));
        Assert.Equal("uploads/estrie/c.csv", own[0].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, own[0].GetProperty("reportUrl").ValueKind);
        Assert.Equal($"/api/submissions/{accepted}/report", own[1].GetProperty("reportUrl").GetString());
        Assert.Equal(rejected, own[2].GetProperty("id").GetString());
        Assert.Single(other);
        Assert.DoesNotContain(other, s => s.GetProperty("id").GetString() is var id && (id == accepted || id == rejected));
    }

    [Fact]
    public async Task Another_mandataires_report_is_not_found_at_the_storage_level_and_through_the_api()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        var (rejected, _) = await ProcessTwoAsync(h);
        var reports = new MandataireSubmissions(h.Services.Storage);

        Assert.NotNull(await reports.ReadReportAsync("estrie", rejected, html: false, default));
        Assert.Null(await reports.ReadReportAsync("laval", rejected, html: false, default));
        Assert.Null(await reports.ReadReportAsync("laval", rejected, html: true, default));
        Assert.Null(await reports.ReadReportAsync("laval", $"../estrie/{rejected}", html: false, default));
        Assert.Equal(404, (await api.ReportAsync(Laval, rejected, json: true, default)).Status);
        Assert.Equal(404, (await api.ReportAsync(Laval, rejected, json: false, default)).Status);
        Assert.Equal(200, (await api.ReportAsync(Estrie, rejected, json: false, default)).Status);
    }

    [Fact]
    public async Task The_json_report_gives_each_error_its_row_value_and_the_label_of_its_column()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        var (rejected, _) = await ProcessTwoAsync(h);

        var answer = Json(await api.ReportAsync(Estrie, rejected, json: true, default));

        var errors = answer.GetProperty("report").GetProperty("errors").EnumerateArray().ToArray();
        var amount = errors.First(e => e.GetProperty("field").GetString() == "montant_fqis");
        Assert.Equal(2, amount.GetProperty("row").GetInt32());
        Assert.Equal("1,500", amount.GetProperty("value").GetString());
        Assert.Equal("Montant FQIS", answer.GetProperty("columns").GetProperty("montant_fqis").GetProperty("label").GetString()?[..12]);
    }

    [Fact]
    public async Task Nobody_signed_in_gets_401_and_a_principal_without_a_grant_403_on_every_call()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        Func<EspaceCaller, Task<BiReadResponse>>[] calls =
        [
            c => api.MeAsync(c, default),
            c => api.SubmissionsAsync(c, null, null, null, default),
            c => api.ReportAsync(c, "20260101T000000000Z-abcdef123456", true, default),
            c => api.TemplateAsync(c, "csv", default),
            c => api.CreateUploadAsync(c, new MemoryStream("{\"fileName\":\"a.csv\"}"u8.ToArray()), default),
        ];

        foreach (var call in calls)
        {
            Assert.Equal(401, (await call(Anonymous)).Status);
            Assert.Equal(403, (await call(Unmapped)).Status);
        }

        var me = Json(await api.MeAsync(Unmapped, default));
        Assert.Equal("oid-nobody", me.GetProperty("principalId").GetString());
    }

    [Fact]
    public async Task A_ministry_reader_gets_the_bi_read_of_every_mandataire_from_the_same_submissions_call()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        await ProcessTwoAsync(h);
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":\"Ministere.Lecteur\"}],\"name_typ\":\"name\",\"role_typ\":\"roles\"}"));

        var rows = Json(await api.SubmissionsAsync(new EspaceCaller("oid-analyste", null, header), null, null, null, default));

        Assert.Equal(2, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("estrie", r.GetProperty("mandataire").GetString()));
    }

    [Fact]
    public async Task An_upload_grant_writes_one_server_named_blob_in_the_callers_folder_keeping_only_the_extension()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);

        var answer = await api.CreateUploadAsync(Estrie, new MemoryStream("{\"fileName\":\"../laval/Rapport final.CSV\"}"u8.ToArray()), default);
        var refused = await api.CreateUploadAsync(Estrie, new MemoryStream("{\"fileName\":\"rapport.exe\"}"u8.ToArray()), default);
        var grant = Json(answer);
        var blobName = grant.GetProperty("blobName").GetString()!;
        var url = new Uri(grant.GetProperty("uploadUrl").GetString()!);
        using var http = new HttpClient();
        HttpRequestMessage Put(Uri target) => new(HttpMethod.Put, target)
        {
            Content = new StringContent(Fixture("accepted", "utf8-comma.csv")),
            Headers = { { "x-ms-blob-type", "BlockBlob" } },
        };
        var put = await http.SendAsync(Put(url));
        var elsewhere = await http.SendAsync(Put(new Uri(url.ToString().Replace(blobName, "laval/x.csv", StringComparison.Ordinal))));

        Assert.Equal(200, answer.Status);
        Assert.Matches("^estrie/[0-9]{8}-[0-9]{6}-[0-9a-f]{8}\\.csv$", blobName);
        Assert.Equal(400, refused.Status);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.True(await h.UploadExistsAsync(blobName));
    }

    [Fact]
    public async Task The_template_is_served_in_xlsx_and_csv_with_the_callers_region()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);
        await TemplatePublisher.PublishAsync(h.Services.Storage.Blobs, ReferenceCatalog.Default, default);

        var xlsx = await api.TemplateAsync(Laval, null, default);
        var csv = await api.TemplateAsync(Laval, "csv", default);

        Assert.Equal("PK", Encoding.ASCII.GetString(xlsx.Body, 0, 2));
        Assert.Equal("modele-rapport-fqis.xlsx", xlsx.FileName);
        Assert.Contains("Laval", csv.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_is_404_with_a_bilingual_message_until_template_publish_writes_every_mandataires_files()
    {
        await using var h = await IngestionHarness.StartAsync();
        var api = await ApiAsync(h);

        var before = await api.TemplateAsync(Estrie, "csv", default);
        var publish = await CliApp.RunAsync(["template", "publish", "--storage", h.Azurite.ConnectionString],
            new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, _ => null, default));
        var after = await api.TemplateAsync(Estrie, "csv", default);
        var published = new List<string>();
        await foreach (var blob in h.Services.Storage.Container(StorageNames.TemplatesContainer).GetBlobsAsync())
            published.Add(blob.Name);

        Assert.Equal(404, before.Status);
        Assert.Contains("solidarite template publish", Json(before).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("pas encore publié", Json(before).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(CliApp.ExitOk, publish);
        Assert.Equal((200, "modele-rapport-fqis.csv"), (after.Status, after.FileName));
        Assert.Contains("Estrie", after.Text, StringComparison.Ordinal);
        Assert.Equal(ReferenceCatalog.Default.Mandataires.Count * 2, published.Count);
        Assert.Contains("laval/modele-rapport-fqis.xlsx", published);
    }

    [Fact]
    public async Task The_Espace_log_names_the_mandataire_code_and_the_blob_never_the_principal_or_its_e_mail()
    {
        await using var h = await IngestionHarness.StartAsync();
        await ApiAsync(h);
        var lines = new List<string>();
        var api = EspaceApi.Create(h.Services.Storage, ReferenceCatalog.Default, TimeProvider.System, 1024, lines.Add);
        var (rejected, _) = await ProcessTwoAsync(h);

        await api.MeAsync(Estrie, default);
        var grant = Json(await api.CreateUploadAsync(Estrie, new MemoryStream("{\"fileName\":\"agente@estrie.example.csv\"}"u8.ToArray()), default));
        await api.SubmissionsAsync(Estrie, null, null, null, default);
        await api.ReportAsync(Estrie, rejected, json: true, default);
        await api.TemplateAsync(Estrie, "csv", default);
        await api.MeAsync(Unmapped, default);

        var line = Assert.Single(lines);
        Assert.Contains("mandataire estrie", line, StringComparison.Ordinal);
        Assert.Contains(grant.GetProperty("blobName").GetString()!, line, StringComparison.Ordinal);
        Assert.DoesNotContain("@", line, StringComparison.Ordinal);
        Assert.DoesNotContain("oid-", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_grants_are_listed_replaced_and_revoked()
    {
        await using var h = await IngestionHarness.StartAsync();
        var access = new MandataireAccessTable(h.Services.Storage.Tables, ReferenceCatalog.Default, TimeProvider.System);

        await access.GrantAsync("p1", "ESTRIE", default);
        await access.GrantAsync("p1", "laval", default);
        await access.GrantAsync("p2", "estrie", default);
        var listed = await access.ListAsync(default);
        var revoked = await access.RevokeAsync("p1", default);
        var again = await access.RevokeAsync("p1", default);

        Assert.Equal([("p2", "estrie"), ("p1", "laval")], listed.Select(g => (g.PrincipalId, g.Mandataire)));
        Assert.True(revoked);
        Assert.False(again);
        Assert.Null(await access.FindAsync("p1", default));
        Assert.Throws<ArgumentException>(() => access.GrantAsync("p/3", "estrie", default).GetAwaiter().GetResult());
        Assert.Contains(StorageNames.MandataireAccessTable, StorageNames.Tables);
    }
}
