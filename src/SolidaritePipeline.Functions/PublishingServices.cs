using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>Registers what the publishing and BI functions need.</summary>
public static class PublishingServices
{
    /// <summary>
    /// Storage clients come from the <c>AzureWebJobsStorage</c> setting: a connection string locally,
    /// else the identity-based <c>__blobServiceUri</c>/<c>__tableServiceUri</c> (or <c>__accountName</c>).
    /// Registered with TryAdd, so a host that already registered its clients keeps them.
    /// </summary>
    public static IServiceCollection AddSnapshotPublishing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageClients.Blobs(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => StorageClients.Tables(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new SnapshotPublisher(
            sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RegionalTotalsQuery(sp.GetRequiredService<TableServiceClient>()));
        return services;
    }
}

/// <summary>Builds the storage clients from the <c>AzureWebJobsStorage</c> setting, as the Functions host does.</summary>
internal static class StorageClients
{
    private const string Setting = "AzureWebJobsStorage";

    public static BlobServiceClient Blobs(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } connection
            ? new BlobServiceClient(connection)
            : new BlobServiceClient(ServiceUri(configuration, "blob"), new DefaultAzureCredential());

    public static TableServiceClient Tables(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } connection
            ? new TableServiceClient(connection)
            : new TableServiceClient(ServiceUri(configuration, "table"), new DefaultAzureCredential());

    private static Uri ServiceUri(IConfiguration configuration, string service) =>
        configuration[$"{Setting}:{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
        : configuration[$"{Setting}:accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.{service}.core.windows.net")
        : throw new InvalidOperationException(
            $"Set {Setting} (a connection string) or {Setting}__{service}ServiceUri / {Setting}__accountName for an identity-based connection.");
}
