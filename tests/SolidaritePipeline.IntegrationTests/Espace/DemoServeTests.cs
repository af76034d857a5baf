using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Commands;
using SolidaritePipeline.Cli.Demo;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.IntegrationTests.Espace;

/// <summary><c>solidarite demo --serve</c>: the demo, then the Espace mandataire over the demo's storage until cancelled.</summary>
public sealed class DemoServeTests
{
    [Fact]
    public async Task Demo_with_serve_prints_the_url_serves_the_page_and_the_demo_principal_history_then_stops_on_cancellation()
    {
        await using var azurite = await Azurite.StartAsync();
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "solidarite-demo-serve-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var stdout = TextWriter.Synchronized(output);
        var context = new CliContext(stdout, TextWriter.Synchronized(error), TimeProvider.System, _ => null, stop.Token);
        var mandataire = DemoCommand.ServedMandataire(DemoData.Generate(ReferenceCatalog.Default, SyntheticSubmissions.DefaultSeed));
        var principal = DemoCommand.DemoPrincipal(mandataire);
        try
        {
            var demo = Task.Run(() => CliApp.RunAsync(
                ["demo", "--serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--storage", azurite.ConnectionString, "--out", folder],
                context));
            var url = $"http://localhost:{port}/";
            for (var waited = 0; !Printed(stdout, output, url); waited++)
            {
                if (demo.IsCompleted) Assert.Fail($"demo --serve stopped before it served, exit {await demo}:\n{error}\n{output}");
                Assert.True(waited < 600, $"demo --serve printed no URL in 120 s:\n{error}\n{output}");
                await Task.Delay(200);
            }

            using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
            using var page = await anonymous.GetAsync("/");
            using var signedIn = new HttpClient { BaseAddress = new Uri(url), DefaultRequestHeaders = { { "X-MS-CLIENT-PRINCIPAL-ID", principal } } };
            var me = await signedIn.GetFromJsonAsync<JsonElement>("api/me");
            var history = (await signedIn.GetFromJsonAsync<JsonElement>("api/submissions")).EnumerateArray().ToList();
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url) };
            using var signIn = await browser.GetAsync($"{ServeCommand.DevSignInPath.TrimStart('/')}?principal={principal}");
            using var meFromCookie = await browser.GetAsync("api/me");
            var entraSignIn = await anonymous.GetStringAsync($"{ServeCommand.EntraSignInPath.TrimStart('/')}?post_login_redirect_uri=/");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html lang=\"fr\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains($"{ServeCommand.DevSignInPath}?principal={principal}", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(mandataire, me.GetProperty("mandataire").GetProperty("code").GetString());
            Assert.Equal(["accepted", "rejected"], history.Select(s => s.GetProperty("status").GetString()).Order());
            Assert.True(history.Single(s => s.GetProperty("status").GetString() == "accepted").GetProperty("current").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, meFromCookie.StatusCode);
            // The page's "Se connecter" link leads locally to a form that signs in through the development path.
            Assert.Contains($"action=\"{ServeCommand.DevSignInPath}\"", entraSignIn, StringComparison.Ordinal);
            Assert.Contains("name=\"principal\"", entraSignIn, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/me")).StatusCode);

            await stop.CancelAsync();
            var exit = await demo.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(exit == CliApp.ExitOk, $"exit {exit}\n{error}");
            await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    // A synchronized writer locks on itself while it writes.
    private static bool Printed(TextWriter writer, StringWriter output, string line)
    {
        lock (writer) return output.ToString().Split('\n').Any(l => l.TrimEnd('\r') == line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
