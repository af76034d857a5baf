using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SolidaritePipeline.Functions;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) =>
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => IngestionServicesFrom(context.Configuration, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => provider.GetRequiredService<IngestionServices>().Processor);
        services.AddSnapshotPublishing();
    })
    .Build();

await host.RunAsync();

// App settings arrive as configuration keys with ':' where environment variables have '__'.
static IngestionServices IngestionServicesFrom(IConfiguration configuration, TimeProvider time)
{
    string? Setting(string name) => configuration[name.Replace("__", ":", StringComparison.Ordinal)];
    return new IngestionServices(StorageClients.FromSettings(Setting), time, IngestionServices.ValidationFromSettings(Setting),
        maxAttempts: IngestionServices.MaxAttemptsFromSettings(Setting));
}
