using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>The faults <see cref="StorageFaults"/> injects, each as the network or the service would cause it.</summary>
public enum StorageFault
{
    /// <summary>The service answers 500 Internal Server Error without doing anything.</summary>
    InternalError,

    /// <summary>The service answers 503 Server Busy without doing anything.</summary>
    ServerBusy,

    /// <summary>The request is sent and never answered: the SDK's network timeout fires.</summary>
    Timeout,

    /// <summary>The connection is refused before anything is sent.</summary>
    ConnectionRefused,

    /// <summary>
    /// The request reaches storage and is carried out, then the connection drops before the answer
    /// arrives: the client cannot know it succeeded, and its retry finds the work done.
    /// </summary>
    DroppedAfterSend,
}

/// <summary>
/// A test-only Azure SDK pipeline policy (per retry, under the SDK's own retries and the pipeline's
/// Polly retries, where a real network fault would strike) that turns a share of storage requests
/// into faults. 500 and 503 come over real HTTP from a local responder, a timeout from a listener
/// that never answers, a refused connection from a closed port; a dropped connection lets the
/// request through to storage and loses the answer. Seeded, so a run can be replayed.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy, IDisposable
{
    private static readonly StorageFault[] Kinds = Enum.GetValues<StorageFault>();

    private readonly double _rate;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly TcpListener _responder = new(IPAddress.Loopback, 0);
    private readonly TcpListener _blackHole = new(IPAddress.Loopback, 0);
    private readonly int _refusedPort;
    private readonly ConcurrentBag<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<StorageFault, int> _injected = new();
    private long _requests;

    public StorageFaults(double rate, int seed)
    {
        _rate = rate;
        _random = new Random(seed);
        _responder.Start();
        _blackHole.Start();
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            _refusedPort = ((IPEndPoint)closed.LocalEndpoint).Port; // closed when disposed: connections are refused
        }

        _ = AcceptAsync(_responder, client => _ = AnswerWithErrorAsync(client));
        _ = AcceptAsync(_blackHole, _held.Add);
    }

    /// <summary>When false, requests pass untouched (to set up or read back with the same clients).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests seen while enabled, retries included: each attempt is a storage call.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public int Injected => _injected.Values.Sum();

    public IReadOnlyDictionary<StorageFault, int> InjectedByKind => Kinds.ToDictionary(k => k, k => _injected.GetValueOrDefault(k));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The pipeline's storage calls are asynchronous.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!Enabled)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        Interlocked.Increment(ref _requests);
        StorageFault? fault;
        lock (_randomLock)
            fault = _random.NextDouble() < _rate ? Kinds[_random.Next(Kinds.Length)] : null;
        if (fault is not { } kind)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        _injected.AddOrUpdate(kind, 1, (_, n) => n + 1);
        switch (kind)
        {
            case StorageFault.InternalError:
            case StorageFault.ServerBusy:
                message.Request.Headers.SetValue("x-fault-status", kind == StorageFault.InternalError ? "500" : "503");
                await SendElsewhereAsync(message, pipeline, ((IPEndPoint)_responder.LocalEndpoint).Port);
                break;
            case StorageFault.Timeout:
                await SendElsewhereAsync(message, pipeline, ((IPEndPoint)_blackHole.LocalEndpoint).Port);
                break;
            case StorageFault.ConnectionRefused:
                await SendElsewhereAsync(message, pipeline, _refusedPort);
                break;
            case StorageFault.DroppedAfterSend:
                await ProcessNextAsync(message, pipeline);
                message.Response?.Dispose();
                throw new IOException("Injected fault: the connection dropped before the response arrived.");
        }
    }

    // The next attempt of the SDK's retry builds on the same request: its URI must point at storage again.
    private static async Task SendElsewhereAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, int port)
    {
        var original = message.Request.Uri.Port;
        message.Request.Uri.Port = port;
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            message.Request.Uri.Port = original;
            message.Request.Headers.Remove("x-fault-status");
        }
    }

    private async Task AcceptAsync(TcpListener listener, Action<TcpClient> onClient)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
                onClient(await listener.AcceptTcpClientAsync(_stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    // Reads the request head (and its body, unless the client waits for 100-continue), answers with
    // the status the policy asked for and an error body in the format the client expects, and closes.
    private async Task AnswerWithErrorAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var (head, bodyRead) = await ReadHeadAsync(stream, timeout.Token);
            var headers = head.Split("\r\n").Skip(1)
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (!headers.ContainsKey("Expect") && headers.TryGetValue("Content-Length", out var lengthText) && long.TryParse(lengthText, out var length))
            {
                var buffer = new byte[16384];
                for (var left = length - bodyRead; left > 0;)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), timeout.Token);
                    if (n == 0) break;
                    left -= n;
                }
            }

            var status = headers.GetValueOrDefault("x-fault-status") == "500" ? 500 : 503;
            var (code, reason) = status == 500 ? ("InternalError", "Internal Server Error") : ("ServerBusy", "Server Busy");
            var json = headers.GetValueOrDefault("Accept")?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
            var body = json
                ? "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Injected fault.\"}}}"
                : $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>Injected fault.</Message></Error>";
            // A HEAD response has no body nor content type, as from the service: the client reads x-ms-error-code.
            var isHead = head.StartsWith("HEAD ", StringComparison.Ordinal);
            var bytes = isHead ? [] : Encoding.UTF8.GetBytes(body);
            var response =
                $"HTTP/1.1 {status} {reason}\r\n" + (isHead ? "" : $"Content-Type: {(json ? "application/json" : "application/xml")}\r\n") +
                $"x-ms-error-code: {code}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
            await stream.WriteAsync(bytes, timeout.Token);
            await stream.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client gave up first: that is a fault too.
        }
    }

    private static async Task<(string Head, int BodyRead)> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0) throw new IOException("The client closed the connection.");
            received.AddRange(buffer.AsSpan(0, n));
            var end = IndexOfHeadEnd(received);
            if (end >= 0) return (Encoding.ASCII.GetString([.. received.Take(end)]), received.Count - end - 4);
        }
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        }

        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _responder.Stop();
        _blackHole.Stop();
        foreach (var client in _held) client.Dispose();
        _stop.Dispose();
    }
}
