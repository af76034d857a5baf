using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// A command that works on the pipeline's storage: it takes <c>--storage CONN</c> or <c>--account NAME</c>
/// (listed after its own options) and resolves its services from the host on that storage.
/// </summary>
public abstract class StorageCommand : CliCommand
{
    private readonly Func<ParseResult, StorageChoice> _storage;

    protected StorageCommand(string name, string summary)
        : base(name, summary) => _storage = CliStorage.AddOptions(this);

    protected StorageChoice Storage(ParseResult parse) => _storage(parse);

    /// <summary>
    /// The host on the storage the command line names, once it answered the probe; with
    /// <paramref name="createMissing"/>, the containers and tables of design.md section 5 are created first.
    /// </summary>
    protected static async Task<IHost> OpenAsync(StorageChoice choice, CliContext context, bool createMissing = true)
    {
        var host = await CliStorage.OpenAsync(choice, context);
        if (createMissing) await host.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(context.CancellationToken);
        return host;
    }

    protected Task<IHost> OpenAsync(ParseResult parse, CliContext context, bool createMissing = true) =>
        OpenAsync(Storage(parse), context, createMissing);
}
