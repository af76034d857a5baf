using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace SolidaritePipeline.Storage;

/// <summary>
/// How the Azure SDK itself retries one request. The SDK's retry is the only one that knows the
/// Retry-After header and which requests are safe to resend, so it stays on; see
/// <c>Resilience/StoragePipelines.cs</c> for what our own retries add on top and why.
/// </summary>
public sealed record StorageRetryOptions
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(0.8);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);
}

/// <summary>
/// The blob and table clients of the pipeline's storage account, built from the same setting the
/// Functions runtime reads (<c>AzureWebJobsStorage</c>, see the configuration docs).
/// </summary>
public sealed record StorageClients(BlobServiceClient Blobs, TableServiceClient Tables)
{
    public const string DefaultSettingName = "AzureWebJobsStorage";

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Clients from a storage connection string (<c>UseDevelopmentStorage=true</c> included).</summary>
    public static StorageClients FromConnectionString(string connectionString, StorageRetryOptions? retry = null, params HttpPipelinePolicy[] policies) =>
        new(new BlobServiceClient(connectionString, BlobOptions(retry, policies)),
            new TableServiceClient(connectionString, TableOptions(retry, policies)));

    /// <summary>
    /// Clients from app settings, as the Functions runtime reads them: <c>AzureWebJobsStorage</c> as a
    /// connection string when set, else identity-based <c>AzureWebJobsStorage__blobServiceUri</c> and
    /// <c>__tableServiceUri</c> (or <c>__accountName</c>) with <see cref="DefaultAzureCredential"/>.
    /// <paramref name="setting"/> is asked for names with <c>__</c>, as environment variables spell them.
    /// </summary>
    public static StorageClients FromSettings(Func<string, string?> setting, string name = DefaultSettingName, StorageRetryOptions? retry = null)
    {
        if (setting(name) is { Length: > 0 } connectionString)
            return FromConnectionString(connectionString, retry);

        var account = setting($"{name}__accountName");
        var blobUri = setting($"{name}__blobServiceUri") ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        var tableUri = setting($"{name}__tableServiceUri") ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        if (blobUri is null || tableUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set {name} (a connection string) or {name}__accountName " +
                $"(or {name}__blobServiceUri and {name}__tableServiceUri) for an identity-based connection.");

        var credential = setting($"{name}__clientId") is { Length: > 0 } clientId
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new DefaultAzureCredential();
        return new(new BlobServiceClient(new Uri(blobUri), credential, BlobOptions(retry, [])),
                   new TableServiceClient(new Uri(tableUri), credential, TableOptions(retry, [])));
    }

    /// <summary>Creates every container and table of design.md section 5 that does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in StorageNames.Containers)
            await Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in StorageNames.Tables)
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
    }

    private static BlobClientOptions BlobOptions(StorageRetryOptions? retry, HttpPipelinePolicy[] policies)
    {
        var options = new BlobClientOptions();
        Configure(options, retry, policies);
        options.AddPolicy(new ExactBlobPathPolicy(), HttpPipelinePosition.PerCall);
        return options;
    }

    private static TableClientOptions TableOptions(StorageRetryOptions? retry, HttpPipelinePolicy[] policies)
    {
        var options = new TableClientOptions();
        Configure(options, retry, policies);
        return options;
    }

    private static void Configure(ClientOptions options, StorageRetryOptions? retry, HttpPipelinePolicy[] policies)
    {
        retry ??= new StorageRetryOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = retry.MaxRetries;
        options.Retry.Delay = retry.Delay;
        options.Retry.MaxDelay = retry.MaxDelay;
        options.Retry.NetworkTimeout = retry.NetworkTimeout;
        foreach (var policy in policies)
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
    }
}
