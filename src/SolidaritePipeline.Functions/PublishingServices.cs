using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>Registers what the publishing and BI functions need, on the storage clients ingestion already built.</summary>
public static class PublishingServices
{
    public static IServiceCollection AddSnapshotPublishing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IngestionServices>().Storage;
            return new SnapshotPublisher(storage.Blobs, storage.Tables, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new RegionalTotalsQuery(sp.GetRequiredService<IngestionServices>().Storage.Tables));
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IngestionServices>().Storage;
            return new MandataireTotalsQuery(storage.Tables, storage.Blobs);
        });
        services.TryAddSingleton(sp => new SubmissionsQuery(sp.GetRequiredService<IngestionServices>().Storage.Tables));
        services.TryAddSingleton<BiReadApi>();
        services.TryAddSingleton(sp =>
        {
            var ingestion = sp.GetRequiredService<IngestionServices>();
            return EspaceApi.Create(ingestion.Storage, ingestion.Catalog, sp.GetRequiredService<TimeProvider>(), ingestion.Validator.Options.MaxBytes);
        });
        return services;
    }
}
