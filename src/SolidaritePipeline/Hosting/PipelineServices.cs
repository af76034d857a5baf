using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
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
    /// validator, the submission processor, pending uploads, the reconciler, the snapshot publisher and
    /// the BI and Espace APIs. The settings are read and checked here, once: a malformed
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
        var validation = IngestionServices.ValidationFromSettings(setting);
        var maxAttempts = IngestionServices.MaxAttemptsFromSettings(setting);
        if (!services.Any(d => d.ServiceType == typeof(StorageClients)))
            services.AddSingleton(StorageClients.FromSettings(setting));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ReferenceCatalog.Default);
        services.TryAddSingleton(validation);
        services.TryAddSingleton(sp => new IngestionServices(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ValidationOptions>(),
            catalog: sp.GetRequiredService<ReferenceCatalog>(), maxAttempts: maxAttempts));
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Pipelines);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Validator);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Totals);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Ledger);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Processor);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Pending);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Reconciler);
        services.TryAddSingleton(sp => sp.GetRequiredService<IngestionServices>().Publisher);

        services.TryAddSingleton(sp => new RegionalTotalsQuery(sp.GetRequiredService<StorageClients>().Tables));
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<StorageClients>();
            return new MandataireTotalsQuery(storage.Tables, storage.Blobs);
        });
        services.TryAddSingleton(sp => new SubmissionsQuery(sp.GetRequiredService<StorageClients>().Tables));
        services.TryAddSingleton<BiReadApi>();
        services.TryAddSingleton(sp => EspaceApi.Create(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<ReferenceCatalog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ValidationOptions>().MaxBytes));
        return services;
    }

    /// <summary>A setting by its app-setting name (<c>__</c>), read from configuration (<c>:</c>).</summary>
    public static Func<string, string?> Settings(IConfiguration configuration) =>
        name => configuration[name.Replace("__", ":", StringComparison.Ordinal)];
}
