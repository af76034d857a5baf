using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Hosting;

namespace SolidaritePipeline.Functions;

/// <summary>
/// What the Functions host registers besides the worker itself: Application Insights telemetry from the
/// worker (the host's own logs go there too through <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>), and
/// the pipeline's one composition root. <c>Program.cs</c> calls this; so do the tests, to resolve every function.
/// </summary>
public static class FunctionsServices
{
    /// <summary>The log category of the Espace mandataire's lines.</summary>
    public const string EspaceLogCategory = "SolidaritePipeline.Espace";

    public const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        // The provider's default rule sends only warnings and above; the functions log each upload's
        // and each publication's outcome as information. host.json's logging levels still apply.
        services.Configure<LoggerFilterOptions>(options =>
        {
            if (options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider) is { } warningsOnly)
                options.Rules.Remove(warningsOnly);
        });
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(EspaceLogCategory);
            return new EspaceLog(line => logger.LogInformation("{EspaceLine}", line));
        });
        return services.AddSolidaritePipeline(configuration);
    }
}
