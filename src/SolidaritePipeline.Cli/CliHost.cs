using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SolidaritePipeline.Hosting;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli;

/// <summary>
/// The Generic Host a command resolves its services from: the pipeline's one composition root
/// (<see cref="PipelineServices.AddSolidaritePipeline"/>) on the settings of the environment, with the
/// storage the command line names and the command's clock. The Functions app registers the same root.
/// </summary>
internal static class CliHost
{
    /// <summary>
    /// Builds the host; <paramref name="storage"/> is called the first time a service needs the clients,
    /// so an offline command never builds them. A malformed setting (<c>Validation__MaxRows=beaucoup</c>)
    /// is a usage error naming it.
    /// </summary>
    public static IHost Build(CliContext context, Func<StorageClients> storage)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.Sources.Add(new EnvironmentSettings(context.GetEnvironmentVariable));
        builder.Services.AddSingleton(context.Time);
        builder.Services.AddSingleton(_ => storage());
        try
        {
            builder.Services.AddSolidaritePipeline(builder.Configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }

        return builder.Build();
    }

    /// <summary>Configuration read from the environment a key at a time, as app settings spell it: <c>Validation:MaxRows</c> is <c>Validation__MaxRows</c>.</summary>
    private sealed class EnvironmentSettings(Func<string, string?> variable) : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public override bool TryGet(string key, out string? value)
        {
            value = variable(key.Replace(":", "__", StringComparison.Ordinal));
            return value is not null;
        }
    }
}
