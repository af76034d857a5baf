using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>template --out DIR [--mandataire CODE]</c>: writes the report template in XLSX and CSV.
/// <c>template publish</c> (<see cref="TemplatePublishCommand"/>) writes every mandataire's into the storage.
/// </summary>
public sealed class TemplateCommand : CliCommand
{
    private readonly Option<string> _out = CliOptions.Text("--out", "DIR", "Folder to write the two files into; created if missing.", required: true);
    private readonly Option<string> _mandataire = CliOptions.Mandataire("Fill the mandataire's code in and its territory's lists.", required: false);

    public TemplateCommand()
        : base("template", "Write the report template (XLSX with lists and notes, and CSV) for mandataires to fill in; publish: every mandataire's, into the storage the Espace mandataire serves.")
    {
        Add(_out, _mandataire);
        AddSubcommand(new TemplatePublishCommand());
    }

    public override string Example => "solidarite template --out modele --mandataire estrie";
    public override string Succeeded => "both files written; their paths on standard output";
    public override string? EnvironmentFailure => "the output folder cannot be created or written";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var directory = Path.GetFullPath(parse.GetRequiredValue(_out));
        var mandataire = parse.GetValue(_mandataire);
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

/// <summary>
/// <c>template publish</c>: writes every mandataire's template into the storage, where the Espace
/// mandataire's <c>GET api/template</c> reads it (<see cref="TemplatePublisher"/>): a deployment step.
/// </summary>
public sealed class TemplatePublishCommand()
    : StorageCommand("publish", "Write every mandataire's template into the storage, where the Espace mandataire's api/template reads it.")
{
    public override string Example => "solidarite template publish --account solidariteprod";
    public override string Succeeded => "every template is published";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        using var host = await OpenAsync(parse, context, createMissing: false);
        var written = await TemplatePublisher.PublishAsync(
            host.Services.GetRequiredService<StorageClients>().Blobs, host.Services.GetRequiredService<ReferenceCatalog>(), context.CancellationToken);
        await context.Error.WriteLineAsync(
            $"Modèles publiés / templates published: {written} files in {StorageNames.TemplatesContainer}/{{mandataire}}/.");
        return CliApp.ExitOk;
    }
}
