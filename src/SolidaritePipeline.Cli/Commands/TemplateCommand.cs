using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>template --out DIR [--mandataire CODE]</c>: writes the report template in XLSX and CSV.
/// <c>template publish</c>: writes every mandataire's template into the storage, where the Espace
/// mandataire's <c>GET api/template</c> reads it (<see cref="TemplatePublisher"/>): a deployment step.
/// </summary>
public sealed class TemplateCommand : ICommand
{
    public string Name => "template";

    public string Usage => "template --out DIR [--mandataire CODE] | template publish [--storage CONN | --account NAME]";

    public string Summary => "Write the report template (XLSX with lists and notes, and CSV) for mandataires to fill in; publish: every mandataire's, into the storage the Espace mandataire serves.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["out", "mandataire", "storage", "account"];

    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        if (args.Positionals is ["publish"]) return await PublishAsync(args, context);
        args.NoPositionals();
        if (args.Option("storage") is not null || args.Option("account") is not null)
            throw new UsageException("--storage and --account go with template publish.");
        var directory = Path.GetFullPath(args.RequiredOption("out"));
        var mandataire = args.Mandataire();
        var catalog = ReferenceCatalog.Default;
        if (mandataire is not null && catalog.FindMandataire(mandataire) is null)
            throw new UsageException($"Unknown mandataire '{mandataire}'.");

        EnvironmentException.CreateOutputDirectory(directory);
        var xlsx = Path.Combine(directory, SubmissionTemplate.XlsxFileName);
        var csv = Path.Combine(directory, SubmissionTemplate.CsvFileName);
        await using (var file = Create(xlsx))
            SubmissionTemplate.WriteXlsx(file, catalog, mandataire);
        await using (var file = Create(csv))
            SubmissionTemplate.WriteCsv(file, catalog, mandataire);

        await context.Out.WriteLineAsync(xlsx);
        await context.Out.WriteLineAsync(csv);
        await context.Error.WriteLineAsync(
            $"Modèle écrit / template written: remplacez la ligne « {SubmissionTemplate.ExampleTitle} » par vos projets.");
        return CliApp.ExitOk;
    }

    private static async Task<int> PublishAsync(CommandArgs args, CliContext context)
    {
        if (args.Option("out") is not null || args.Option("mandataire") is not null)
            throw new UsageException("template publish writes every mandataire's template: it takes no --out or --mandataire.");
        var storage = await CliStorage.OpenClientsAsync(args, context);
        var written = await TemplatePublisher.PublishAsync(storage.Blobs, ReferenceCatalog.Default, context.CancellationToken);
        await context.Error.WriteLineAsync(
            $"Modèles publiés / templates published: {written} files in {StorageNames.TemplatesContainer}/{{mandataire}}/.");
        return CliApp.ExitOk;
    }

    private static FileStream Create(string path)
    {
        try
        {
            return File.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EnvironmentException.Unwritable(path, e);
        }
    }
}
