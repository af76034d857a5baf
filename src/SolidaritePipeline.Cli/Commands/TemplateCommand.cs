using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Templates;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>template --out DIR [--mandataire CODE]</c>: writes the report template in XLSX and CSV.</summary>
public sealed class TemplateCommand : ICommand
{
    public string Name => "template";

    public string Usage => "template --out DIR [--mandataire CODE]";

    public string Summary => "Write the report template (XLSX with lists and notes, and CSV) for mandataires to fill in.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["out", "mandataire"];

    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
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
