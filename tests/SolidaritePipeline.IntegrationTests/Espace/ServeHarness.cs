using System.Net;
using System.Net.Sockets;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Local;

namespace SolidaritePipeline.IntegrationTests.Espace;

/// <summary><c>solidarite serve --dev-auth</c> on a fresh Azurite and a free port, as a person would start it.</summary>
public sealed class ServeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _error = new();
    private Task<int> _serve = Task.FromResult(0);

    private ServeHarness(Azurite azurite, int port)
    {
        Azurite = azurite;
        Port = port;
    }

    public Azurite Azurite { get; }
    public int Port { get; }
    public Uri BaseUrl => new($"http://localhost:{Port}/");
    public string Log => _error.ToString();

    public static async Task<ServeHarness> StartAsync()
    {
        var azurite = await Azurite.StartAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var harness = new ServeHarness(azurite, port);
        var context = new CliContext(TextWriter.Null, TextWriter.Synchronized(harness._error), TimeProvider.System, _ => null, harness._stop.Token);
        harness._serve = Task.Run(() => CliApp.RunAsync(
            ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dev-auth", "--interval", "1", "--storage", azurite.ConnectionString], context));

        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 150) throw new TimeoutException($"serve did not answer: {harness.Log}");
            if (harness._serve.IsCompleted) throw new InvalidOperationException($"serve stopped: {harness.Log}");
            try
            {
                if ((await http.GetAsync(harness.BaseUrl)).IsSuccessStatusCode) return harness;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs another <c>solidarite</c> command against the same storage.</summary>
    public async Task<(int Exit, string Out, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--storage", Azurite.ConnectionString],
            new CliContext(output, error, TimeProvider.System, _ => null, CancellationToken.None));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A client signed in as <paramref name="principalId"/>, with the headers App Service Authentication sets.</summary>
    public HttpClient ClientFor(string? principalId, string? name = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (principalId is not null) client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-ID", principalId);
        if (name is not null) client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", name);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serve;
        await Azurite.DisposeAsync();
        _stop.Dispose();
    }
}
