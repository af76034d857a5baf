using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>upload FILE --mandataire CODE</c>: puts a file where a mandataire would, <c>uploads/{code}/{file name}</c>.</summary>
public sealed class UploadCommand : ICommand
{
    public string Name => "upload";
    public string Usage => "upload FILE --mandataire CODE [--storage CONN | --account NAME]";
    public string Summary => "Put a file in uploads/{mandataire}/, as a mandataire would.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["mandataire", "storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        var path = args.SinglePositional("FILE");
        var mandataire = args.RequiredMandataire();
        if (!File.Exists(path)) throw new UsageException($"File '{path}' does not exist.");
        var blobName = $"{mandataire}/{Path.GetFileName(path)}";
        // The rule ingestion applies, checked before anything is sent: a name the processor would reject never leaves.
        if (UploadName.ProblemWith(mandataire, Path.GetFileName(path)) is { } problem)
        {
            throw new UsageException(
                $"« {Shown(blobName)} » n'est pas un dépôt permis : uploads/code-du-mandataire/fichier, sans « . », « .. », « \\ » ni caractère de contrôle. " +
                $"/ “{Shown(blobName)}” is not an allowed upload ({problem}): uploads/mandataire-code/file, with no '.', '..', '\\' or control character.");
        }

        var services = await CliStorage.OpenAsync(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        await using (var content = File.OpenRead(path))
        {
            await services.Storage.Container(StorageNames.UploadsContainer).GetBlobClient(blobName)
                .UploadAsync(content, new BlobUploadOptions(), context.CancellationToken);
        }

        await context.Error.WriteLineAsync($"Uploaded {path} to {StorageNames.UploadsContainer}/{blobName}.");
        await context.Out.WriteLineAsync($"{StorageNames.UploadsContainer}/{blobName}");
        return CliApp.ExitOk;
    }

    // One readable line: control characters shown as '?', and a huge name cut.
    private static string Shown(string name)
    {
        var shown = string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));
        return shown.Length > 120 ? string.Concat(shown.AsSpan(0, 120), "…") : shown;
    }
}
