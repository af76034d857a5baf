using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>upload FILE --mandataire CODE</c>: puts a file where a mandataire would, <c>uploads/{code}/{file name}</c>.</summary>
public sealed class UploadCommand : ICommand
{
    public string Name => "upload";
    public string Usage => "upload FILE --mandataire CODE [--storage CONN]";
    public string Summary => "Put a file in uploads/{mandataire}/, as a mandataire would.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["mandataire", "storage"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        var path = args.SinglePositional("FILE");
        var mandataire = args.RequiredOption("mandataire");
        if (!File.Exists(path)) throw new UsageException($"File '{path}' does not exist.");
        if (mandataire.Contains('/', StringComparison.Ordinal)) throw new UsageException("--mandataire is a code, without '/'.");

        var services = CliStorage.Open(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        var blobName = $"{mandataire}/{Path.GetFileName(path)}";
        await using (var content = File.OpenRead(path))
        {
            await services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(blobName)
                .UploadAsync(content, new BlobUploadOptions(), context.CancellationToken);
        }

        await context.Error.WriteLineAsync($"Uploaded {path} to {StorageNames.UploadsContainer}/{blobName}.");
        await context.Out.WriteLineAsync($"{StorageNames.UploadsContainer}/{blobName}");
        return CliApp.ExitOk;
    }
}
