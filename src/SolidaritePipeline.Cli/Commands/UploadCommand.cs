using System.CommandLine;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>upload FILE --mandataire CODE</c>: puts a file where a mandataire would, <c>uploads/{code}/{file name}</c>.</summary>
public sealed class UploadCommand : StorageCommand
{
    private readonly Argument<string> _file = CliOptions.File("The file to upload (CSV, XLSX or JSON); its name is kept.");
    private readonly Option<string> _mandataire = CliOptions.Mandataire("The mandataire the file is filed under.", required: true);

    public UploadCommand()
        : base("upload", "Put a file in uploads/{mandataire}/, as a mandataire would.") =>
        Add(_file, _mandataire);

    public override string Example => "solidarite upload rapport.xlsx --mandataire estrie";
    public override string Succeeded => "the file is in uploads/; its blob name on standard output";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var path = parse.GetRequiredValue(_file);
        var mandataire = parse.GetRequiredValue(_mandataire);
        if (!File.Exists(path)) throw new UsageException($"File '{path}' does not exist.");
        var blobName = $"{mandataire}/{Path.GetFileName(path)}";
        // The rule ingestion applies, checked before anything is sent: a name the processor would reject never leaves.
        if (UploadName.ProblemWith(mandataire, Path.GetFileName(path)) is { } problem)
        {
            throw new UsageException(
                $"« {Shown(blobName)} » n'est pas un dépôt permis : uploads/code-du-mandataire/fichier, sans « . », « .. », « \\ » ni caractère de contrôle. " +
                $"/ “{Shown(blobName)}” is not an allowed upload ({problem}): uploads/mandataire-code/file, with no '.', '..', '\\' or control character.");
        }

        using var host = await OpenAsync(parse, context);
        var storage = host.Services.GetRequiredService<StorageClients>();
        await using (var content = File.OpenRead(path))
        {
            await storage.Container(StorageNames.UploadsContainer).GetBlobClient(blobName)
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
