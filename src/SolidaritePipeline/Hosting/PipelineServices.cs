using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Hosting;

/// <summary>
/// The one composition root of the pipeline: every host (the Functions app, the CLI) registers the
/// same services from the same settings through <see cref="AddSolidaritePipeline"/>.
/// </summary>
public static class PipelineServices
{
    /// <summary>
    /// Registers the storage clients, the Polly pipelines, the clock, the reference catalog, the
    /// validator, the totals and submissions tables, the submission processor, pending uploads, the
    /// reconciler, the snapshot publisher and the BI and Espace APIs, each once. The settings are read and checked here, once: a malformed
    /// <c>Validation__*</c> or <c>Ingestion__MaxAttempts</c>, or storage that is not configured, fails
    /// now with a message that names the setting, not at the first upload.
    /// </summary>
    /// <remarks>
    /// Settings are configuration keys; an app setting or environment variable spelt with <c>__</c>
    /// (<c>Validation__MaxRows</c>) is the key <c>Validation:MaxRows</c>. A <see cref="TimeProvider"/> or
    /// <see cref="StorageClients"/> registered before this call is kept (tests, the CLI's <c>--storage</c>).
    /// </remarks>
    public static IServiceCollection AddSolidaritePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var setting = Settings(configuration);
        var validation = PipelineSettings.Validation(setting);
        var maxAttempts = PipelineSettings.IngestionMaxAttempts(setting);
        if (!services.Any(d => d.ServiceType == typeof(StorageClients)))
            services.AddSingleton(StorageClients.FromSettings(setting));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ReferenceCatalog.Default);
        services.TryAddSingleton(validation);
        services.TryAddSingleton(new ResilienceOptions());
        services.TryAddSingleton(sp => new StoragePipelines(sp.GetRequiredService<ResilienceOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SubmissionValidator(sp.GetRequiredService<ReferenceCatalog>(), sp.GetRequiredService<ValidationOptions>()));
        services.TryAddSingleton(sp => new TotalsTables(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<StoragePipelines>(), sp.GetRequiredService<ReferenceCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SubmissionsTable(sp.GetRequiredService<StorageClients>().Tables, sp.GetRequiredService<StoragePipelines>()));
        services.TryAddSingleton(sp => new SubmissionProcessor(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<SubmissionValidator>(), sp.GetRequiredService<TotalsTables>(),
            sp.GetRequiredService<SubmissionsTable>(), sp.GetRequiredService<StoragePipelines>(), sp.GetRequiredService<TimeProvider>())
        {
            MaxAttempts = maxAttempts,
        });
        services.TryAddSingleton(sp => new PendingUploads(sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<SubmissionProcessor>()));
        services.TryAddSingleton(sp => new Reconciler(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<SubmissionsTable>(), sp.GetRequiredService<TotalsTables>(), sp.GetRequiredService<ReferenceCatalog>()));
        // The one place a publisher is built: the nightly timer, the HTTP function, publish, run and demo all resolve this one.
        services.TryAddSingleton<IPublishedData>(sp =>
        {
            var storage = sp.GetRequiredService<StorageClients>();
            return new PublishedDataTables(storage.Tables, storage.Blobs);
        });
        services.TryAddSingleton<ISnapshotStore>(sp => new SnapshotBlobs(sp.GetRequiredService<StorageClients>().Blobs));
        services.TryAddSingleton(sp => new SnapshotPublisher(
            sp.GetRequiredService<IPublishedData>(), sp.GetRequiredService<ISnapshotStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ReferenceCatalog>()));

        services.TryAddSingleton(sp => new RegionalTotalsQuery(sp.GetRequiredService<IPublishedData>()));
        services.TryAddSingleton(sp => new MandataireTotalsQuery(sp.GetRequiredService<IPublishedData>()));
        services.TryAddSingleton(sp => new SubmissionsQuery(sp.GetRequiredService<IPublishedData>()));
        services.TryAddSingleton<BiReadApi>();
        services.TryAddSingleton(sp => EspaceApi.Create(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<ReferenceCatalog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ValidationOptions>().MaxBytes, sp.GetService<EspaceLog>()?.Write));
        return services;
    }

    /// <summary>A setting by its app-setting name (<c>__</c>), read from configuration (<c>:</c>).</summary>
    public static Func<string, string?> Settings(IConfiguration configuration) =>
        name => configuration[name.Replace("__", ":", StringComparison.Ordinal)];
}
