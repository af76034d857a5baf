using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Hosting;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.EndToEnd;

/// <summary>The pipeline as the composition root wires it, on the benchmark's storage, limits and catalog.</summary>
internal sealed class Pipeline(IServiceProvider services)
{
    public static Pipeline On(StorageClients storage, ValidationOptions validation, ReferenceCatalog? catalog = null)
    {
        var registrations = new ServiceCollection().AddSingleton(storage).AddSingleton(validation);
        if (catalog is not null) registrations.AddSingleton(catalog);
        return new(registrations.AddSolidaritePipeline(new ConfigurationBuilder().Build()).BuildServiceProvider());
    }

    public StorageClients Storage => services.GetRequiredService<StorageClients>();
    public ReferenceCatalog Catalog => services.GetRequiredService<ReferenceCatalog>();
    public SubmissionProcessor Processor => services.GetRequiredService<SubmissionProcessor>();
    public TotalsTables Totals => services.GetRequiredService<TotalsTables>();
    public SubmissionsTable Ledger => services.GetRequiredService<SubmissionsTable>();
    public PendingUploads Pending => services.GetRequiredService<PendingUploads>();
    public SnapshotPublisher Publisher => services.GetRequiredService<SnapshotPublisher>();
    public Reconciler Reconciler => services.GetRequiredService<Reconciler>();
}
