using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Ingestion;

/// <summary>A fresh in-memory Azurite with the pipeline's containers and tables, and the pipeline wired to it.</summary>
public sealed class IngestionHarness : IAsyncDisposable
{
    /// <summary>Short pauses so that retries happen in a test's time; the counts are the production ones.</summary>
    public static readonly ResilienceOptions FastResilience = new()
    {
        ConflictDelay = TimeSpan.FromMilliseconds(5),
        TransientDelay = TimeSpan.FromMilliseconds(20),
    };

    public static readonly StorageRetryOptions FastSdkRetry = new() { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private IngestionHarness(Azurite azurite, TestPipeline services)
    {
        Azurite = azurite;
        Services = services;
    }

    public Azurite Azurite { get; }
    public TestPipeline Services { get; }
    public SubmissionProcessor Processor => Services.Processor;

    public static async Task<IngestionHarness> StartAsync()
    {
        var azurite = await Azurite.StartAsync();
        var services = Wire(StorageClients.FromConnectionString(azurite.ConnectionString, FastSdkRetry));
        await services.Storage.EnsureCreatedAsync();
        return new IngestionHarness(azurite, services);
    }

    public static TestPipeline Wire(StorageClients storage) => TestPipeline.On(storage, FastResilience);

    /// <summary>The same pipeline whose requests matching <paramref name="fails"/> go to a port where nothing listens.</summary>
    public TestPipeline WithUnreachable(Func<Request, bool> fails) =>
        Wire(StorageClients.FromConnectionString(Azurite.ConnectionString, FastSdkRetry, new UnreachablePolicy(fails)));

    /// <summary>A processor that runs <paramref name="afterStep"/> after each named step.</summary>
    public SubmissionProcessor ProcessorWith(Func<string, CancellationToken, Task> afterStep) =>
        new(Services.Storage, Services.Validator, Services.Totals, Services.Ledger, Services.Pipelines, TimeProvider.System) { AfterStep = afterStep };

    public async Task<string> UploadAsync(string mandataire, string fileName, string content)
    {
        var name = $"{mandataire}/{fileName}";
        await Services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(name)
            .UploadAsync(BinaryData.FromString(content), overwrite: true);
        return name;
    }

    public async Task<DateTimeOffset> LastModifiedAsync(string blobName) =>
        (await Services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(blobName).GetPropertiesAsync()).Value.LastModified;

    public async Task<bool> UploadExistsAsync(string blobName) =>
        await Services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(blobName).ExistsAsync();

    public async Task<IReadOnlyDictionary<string, RegionalTotal>> RegionsAsync(string exercice) =>
        (await Services.Totals.ReadRegionsAsync(exercice, default)).ToDictionary(r => r.RegionCode);

    public async Task<MandataireTotal?> MandataireAsync(string exercice, string mandataire)
    {
        var found = await Services.Storage.Table(StorageNames.MandataireTotalsTable).GetEntityIfExistsAsync<TableEntity>(exercice, mandataire);
        return found.HasValue ? TotalsEntities.ToMandataireTotal(found.Value!) : null;
    }

    public async Task<IReadOnlyList<string>> BlobNamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var item in Services.Storage.Container(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, default))
            names.Add(item.Name);
        return names;
    }

    public ValueTask DisposeAsync() => Azurite.DisposeAsync();

    private sealed class UnreachablePolicy(Func<Request, bool> fails) : HttpPipelineSynchronousPolicy
    {
        private readonly int _deadPort = DeadPort();

        public override void OnSendingRequest(HttpMessage message)
        {
            if (fails(message.Request)) message.Request.Uri.Port = _deadPort;
        }

        private static int DeadPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port; // closed on dispose: connections are refused
        }
    }
}

/// <summary>Asserts a regional row against totals computed in the test.</summary>
public static class TotalsAssert
{
    public static void Region(RegionalTotal actual, int mandataires, params TestSubmission[] current)
    {
        Assert.Equal(mandataires, actual.MandataireCount);
        Assert.Equal(current.Sum(s => s.ProjectCount), actual.Totals.ProjectCount);
        Assert.Equal(current.Sum(s => s.CancelledCount), actual.Totals.CancelledProjectCount);
        Assert.Equal(current.Sum(s => s.FqisCents), actual.Totals.FqisAmountCents);
        Assert.Equal(current.Sum(s => s.AutresCents), actual.Totals.OtherAmountCents);
        Assert.Equal(current.Sum(s => s.Personnes), actual.Totals.PeopleReached);
    }
}
