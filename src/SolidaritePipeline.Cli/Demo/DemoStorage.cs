using System.Net.Sockets;
using SolidaritePipeline.Cli.Local;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>
/// The storage the demo writes to: the one given with <c>--storage</c>, else a development storage
/// already answering on the well-known ports, else an in-memory Azurite the demo starts and owns.
/// The <c>AzureWebJobsStorage</c> setting is deliberately not read: synthetic data must never land
/// in a real account because of an environment variable.
/// </summary>
internal sealed class DemoStorage : IAsyncDisposable
{
    private const int WellKnownBlobPort = 10000;
    private const int WellKnownTablePort = 10002;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(300);

    private readonly Azurite? _started;

    private DemoStorage(string connectionString, string description, Azurite? started)
    {
        ConnectionString = connectionString;
        Description = description;
        _started = started;
    }

    public string ConnectionString { get; }

    /// <summary>One line for the progress output: which storage and where it came from.</summary>
    public string Description { get; }

    /// <summary>True when the demo started Azurite itself, so it stops it at the end (unless --keep).</summary>
    public bool StartedHere => _started is not null;

    public static async Task<DemoStorage> FindOrStartAsync(string? explicitStorage, CancellationToken cancellationToken)
    {
        if (explicitStorage is not null)
            return new DemoStorage(explicitStorage, $"the storage given with --storage ({AccountOf(explicitStorage)})", null);

        if (await AnswersAsync(WellKnownBlobPort, cancellationToken) && await AnswersAsync(WellKnownTablePort, cancellationToken))
            return new DemoStorage(CliContext.DevelopmentStorage, "the development storage already running on 127.0.0.1:10000-10002", null);

        var azurite = await Azurite.StartAsync(cancellationToken: cancellationToken);
        return new DemoStorage(
            azurite.ConnectionString,
            $"Azurite started for the demo, in memory, blob port {azurite.BlobPort}, table port {azurite.TablePort}",
            azurite);
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Never print a connection string: it may hold a key. The account name is enough to recognise it.
    private static string AccountOf(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(kv => kv.Length == 2 && kv[0].Trim().Equals("AccountName", StringComparison.OrdinalIgnoreCase))?[1]
        ?? (connectionString.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase) ? "development storage" : "account");

    public async ValueTask DisposeAsync()
    {
        if (_started is not null) await _started.DisposeAsync();
    }
}
