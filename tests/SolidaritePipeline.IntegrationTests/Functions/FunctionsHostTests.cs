using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidaritePipeline.Access;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Functions;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.IntegrationTests.Functions;

/// <summary>
/// The Functions host built as <c>Program.cs</c> builds it (the worker builder, the ASP.NET Core
/// integration, then <see cref="FunctionsServices.Add"/>), without starting it: every function class the
/// worker would activate gets its dependencies from it.
/// </summary>
public sealed class FunctionsHostTests
{
    private static IHost BuildHost(params (string Key, string Value)[] settings) => BuildHost(null, settings);

    private static IHost BuildHost(ILoggerProvider? logs, params (string Key, string Value)[] settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.ConfigureFunctionsWebApplication();
        if (logs is not null) builder.Services.AddSingleton(logs);
        FunctionsServices.Add(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private static IReadOnlyList<Type> FunctionClasses() =>
        typeof(FunctionsServices).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_function_class_is_activated_from_the_services_the_host_registers()
    {
        using var host = BuildHost(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(
            ["BiReads", "EspaceFunctions", "Health", "IngestSubmission", "PublishSnapshot", "PublishSnapshotNightly"],
            FunctionClasses().Select(t => t.Name));
        foreach (var type in FunctionClasses())
            Assert.IsType(type, ActivatorUtilities.CreateInstance(host.Services, type));
    }

    [Fact]
    public void The_host_reads_the_pipeline_settings_from_its_configuration()
    {
        using var host = BuildHost(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Validation:MaxRows", "12"));

        Assert.Equal(12, host.Services.GetRequiredService<SubmissionValidator>().Options.MaxRows);
    }

    [Fact]
    public void A_malformed_setting_stops_the_host_before_it_starts_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BuildHost(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Ingestion:MaxAttempts", "cinq")));

        Assert.Contains("Ingestion__MaxAttempts", error.Message);
    }

    [Fact]
    public async Task The_Espace_API_of_the_host_logs_the_upload_urls_it_issues_to_the_host_logger_by_mandataire_code()
    {
        await using var azurite = await Azurite.StartAsync();
        var logs = new CapturedLogs();
        using var host = BuildHost(logs, ("AzureWebJobsStorage", azurite.ConnectionString));
        var storage = host.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();
        await new MandataireAccessTable(storage.Tables, ReferenceCatalog.Default, TimeProvider.System).GrantAsync("oid-estrie", "estrie", default);

        var answer = await host.Services.GetRequiredService<EspaceApi>().CreateUploadAsync(
            new EspaceCaller("oid-estrie", "agente@estrie.example", null), new MemoryStream("{\"fileName\":\"rapport.csv\"}"u8.ToArray()), default);

        Assert.Equal(200, answer.Status);
        var line = Assert.Single(logs.Lines, l => l.Category == FunctionsServices.EspaceLogCategory).Message;
        Assert.Contains("mandataire estrie", line, StringComparison.Ordinal);
        Assert.DoesNotContain("@", line, StringComparison.Ordinal);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public List<(string Category, string Message)> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines) owner.Lines.Add((category, formatter(state, exception)));
            }
        }
    }

    [Fact]
    public void Information_logs_of_the_functions_reach_Application_Insights()
    {
        // The Application Insights logger provider comes with a rule that keeps only warnings; the
        // outcome of each upload and publication is logged as information.
        using var host = BuildHost(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        var rules = host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.DoesNotContain(rules, r => r.ProviderName == FunctionsServices.ApplicationInsightsLoggerProvider && r.LogLevel > LogLevel.Information);
    }
}
