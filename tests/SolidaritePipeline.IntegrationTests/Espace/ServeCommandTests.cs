using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidaritePipeline.Cli;

namespace SolidaritePipeline.IntegrationTests.Espace;

public sealed class ServeCommandTests
{
    private static string Fixture(string folder, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", folder, name));

    private static async Task<JsonElement> UntilProcessedAsync(HttpClient client, string blobName)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>("api/submissions");
            var item = list.EnumerateArray().FirstOrDefault(s => s.GetProperty("source").GetString() == $"uploads/{blobName}");
            if (item.ValueKind == JsonValueKind.Object && item.GetProperty("status").GetString() != "pending") return item;
            await Task.Delay(500);
        }

        throw new TimeoutException($"{blobName} was not processed.");
    }

    [Fact]
    public async Task Serve_answers_the_local_contract_upload_by_sas_put_then_verdict_history_and_report_for_the_owner_only()
    {
        await using var serve = await ServeHarness.StartAsync();
        Assert.Equal(0, (await serve.CliAsync("access", "grant", "--principal", "oid-estrie", "--mandataire", "estrie")).Exit);
        Assert.Equal(0, (await serve.CliAsync("access", "grant", "--principal", "oid-laval", "--mandataire", "laval")).Exit);
        using var estrie = serve.ClientFor("oid-estrie", "agente@estrie.example");
        using var laval = serve.ClientFor("oid-laval");
        using var anonymous = serve.ClientFor(null);
        using var unmapped = serve.ClientFor("oid-nobody");

        var grant = await (await estrie.PostAsJsonAsync("api/uploads", new { fileName = "rapport.csv" })).Content.ReadFromJsonAsync<JsonElement>();
        using var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("uploadUrl").GetString())
        {
            Content = new StringContent(Fixture("rejected", "cell-errors.csv")),
            Headers = { { "x-ms-blob-type", "BlockBlob" } },
        };
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(put)).StatusCode);
        var item = await UntilProcessedAsync(estrie, grant.GetProperty("blobName").GetString()!);
        var reportUrl = item.GetProperty("reportUrl").GetString()!;

        Assert.Equal("rejected", item.GetProperty("status").GetString());
        Assert.False(item.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await estrie.GetAsync(reportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await laval.GetAsync(reportUrl)).StatusCode);
        Assert.Equal("[]", await laval.GetStringAsync("api/submissions"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/anything")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unmapped.GetAsync("api/me")).StatusCode);
        Assert.Contains("<html lang=\"fr\">", await anonymous.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("agente@estrie.example", serve.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_dev_auth_unless_the_storage_is_local()
    {
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, TimeProvider.System, _ => null, CancellationToken.None);

        var exit = await CliApp.RunAsync(
            ["serve", "--port", "8099", "--dev-auth", "--storage",
             "DefaultEndpointsProtocol=https;AccountName=exemple;AccountKey=a2V5;EndpointSuffix=core.windows.net"], context);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("--dev-auth", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_list_shows_each_grant_and_revoke_of_an_unknown_principal_fails()
    {
        await using var serve = await ServeHarness.StartAsync();
        await serve.CliAsync("access", "grant", "--principal", "oid-1", "--mandataire", "Nunavik");

        var list = await serve.CliAsync("access", "list");
        var revoke = await serve.CliAsync("access", "revoke", "--principal", "oid-2");
        var unknown = await serve.CliAsync("access", "grant", "--principal", "oid-3", "--mandataire", "atlantide");

        Assert.StartsWith("oid-1\tnunavik\t", list.Out, StringComparison.Ordinal);
        Assert.Equal(CliApp.ExitFailure, revoke.Exit);
        Assert.Equal(CliApp.ExitUsage, unknown.Exit);
    }
}
