using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>The pipeline's services against the storage a command names (<see cref="CliContext.ResolveStorage"/>).</summary>
internal static class CliStorage
{
    public static IngestionServices Open(CommandArgs args, CliContext context) => new(
        StorageClients.FromConnectionString(context.ResolveStorage(args)),
        context.Time,
        IngestionServices.ValidationFromSettings(context.GetEnvironmentVariable),
        maxAttempts: IngestionServices.MaxAttemptsFromSettings(context.GetEnvironmentVariable));
}
