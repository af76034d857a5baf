using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Hosting;

namespace SolidaritePipeline.Functions;

/// <summary>
/// What the Functions host registers besides the worker itself: Application Insights telemetry from the
/// worker (the host's own logs go there too through <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>), and
/// the pipeline's one composition root. <c>Program.cs</c> calls this; so do the tests, to resolve every function.
/// </summary>
public static class FunctionsServices
{
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        return services.AddSolidaritePipeline(configuration);
    }
}
