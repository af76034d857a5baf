using Microsoft.Extensions.Hosting;
using SolidaritePipeline.Functions;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices(services => services.AddSnapshotPublishing())
    .Build();

await host.RunAsync();
