using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Hosting;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.IntegrationTests;

/// <summary>
/// The pipeline as the composition root wires it (<see cref="PipelineServices.AddSolidaritePipeline"/>),
/// on a test's storage, with its parts by name so a test reads like the story it checks.
/// </summary>
public sealed class TestPipeline
{
    private readonly IServiceProvider _services;

    private TestPipeline(IServiceProvider services) => _services = services;

    public static TestPipeline On(StorageClients storage, ResilienceOptions? resilience = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddSingleton(storage).AddSingleton(time ?? TimeProvider.System);
        if (resilience is not null) services.AddSingleton(resilience);
        return new TestPipeline(services.AddSolidaritePipeline(new ConfigurationBuilder().Build()).BuildServiceProvider());
    }

    public StorageClients Storage => Get<StorageClients>();
    public ReferenceCatalog Catalog => Get<ReferenceCatalog>();
    public StoragePipelines Pipelines => Get<StoragePipelines>();
    public SubmissionValidator Validator => Get<SubmissionValidator>();
    public TotalsTables Totals => Get<TotalsTables>();
    public SubmissionsTable Ledger => Get<SubmissionsTable>();
    public SubmissionProcessor Processor => Get<SubmissionProcessor>();
    public PendingUploads Pending => Get<PendingUploads>();
    public Reconciler Reconciler => Get<Reconciler>();
    public SnapshotPublisher Publisher => Get<SnapshotPublisher>();

    private T Get<T>() where T : notnull => _services.GetRequiredService<T>();
}
