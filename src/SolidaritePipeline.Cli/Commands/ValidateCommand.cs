using System.Globalization;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>validate FILE --mandataire CODE [--json]</c>: the same validation as an upload, offline, so a
/// mandataire can check a file before sending it. Exit 0 accepted, 1 rejected, 2 usage error.
/// </summary>
public sealed class ValidateCommand : ICommand
{
    private const int ErrorsShown = 10;

    public string Name => "validate";

    public string Usage => "validate FILE --mandataire CODE [--json] [--html FILE] [--max-rows N] [--max-bytes N]";

    public string Summary => "Validate a submission file offline and print its report (JSON with --json).";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["mandataire", "html", "max-rows", "max-bytes"];

    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        var path = args.SinglePositional("FILE");
        var mandataire = args.RequiredMandataire();
        var options = Options(args, context);
        var htmlPath = args.Option("html");
        if (!File.Exists(path)) throw new UsageException($"File not found: {path}");

        var cancellationToken = context.CancellationToken;
        await using var content = Open(path);
        // The submission id is the start of the content's hash, which the validator computes in its
        // own pass over the bytes: hashing here first would read the whole file once more.
        var file = new SubmissionFile(mandataire, path, Path.GetFileName(path), SubmissionId: "", context.Time.GetUtcNow());
        var report = await new SubmissionValidator(ReferenceCatalog.Default, options).ValidateAsync(content, file, cancellationToken: cancellationToken);
        report = report with { SubmissionId = report.Sha256[..16] };

        if (htmlPath is not null)
        {
            await File.WriteAllTextAsync(htmlPath, ReportHtml.Render(report), cancellationToken);
        }

        if (args.Flag("json"))
        {
            await context.Out.WriteLineAsync(ReportJson.Serialize(report));
            if (htmlPath is not null) await context.Error.WriteLineAsync($"HTML report: {htmlPath}");
        }
        else
        {
            await WriteSummaryAsync(context.Out, report, htmlPath);
        }

        return report.IsAccepted ? CliApp.ExitOk : CliApp.ExitFailure;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {path}: {e.Message}");
        }
    }

    // Limits come from the app settings (Validation__MaxBytes, Validation__MaxRows), read by the
    // library's one parser, then the options.
    private static ValidationOptions Options(CommandArgs args, CliContext context)
    {
        ValidationOptions settings;
        try
        {
            settings = IngestionServices.ValidationFromSettings(context.GetEnvironmentVariable);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }

        var maxBytes = args.LongOption("max-bytes", settings.MaxBytes);
        var maxRows = args.LongOption("max-rows", settings.MaxRows);
        if (maxRows > int.MaxValue) throw new UsageException($"--max-rows takes at most {int.MaxValue}.");
        return settings with { MaxBytes = maxBytes, MaxRows = (int)maxRows };
    }

    private static async Task WriteSummaryAsync(TextWriter output, ValidationReport report, string? htmlPath)
    {
        var fr = CultureInfo.GetCultureInfo("fr-CA");
        var status = report.IsAccepted ? "Fichier accepté (accepted)" : "Fichier refusé (rejected)";
        var exercice = report.Exercice is { } e ? $", exercice {e}" : "";
        await output.WriteLineAsync($"{status} : {report.Source} ({report.Mandataire}{exercice})");
        await output.WriteLineAsync(
            $"{report.RowCount.ToString("N0", fr)} ligne(s) de projet, {report.ErrorCount.ToString("N0", fr)} erreur(s), {report.WarningCount.ToString("N0", fr)} avertissement(s).");

        var rowWord = report.Format == "json" ? "Projet" : "Ligne";
        foreach (var issue in report.Errors.Take(ErrorsShown))
        {
            var where = issue.Row is { } row ? $"{rowWord} {row}" : "Fichier";
            var field = issue.Field is { } f ? $", {f}" : "";
            await output.WriteLineAsync($"  {where}{field} : {issue.Message.Fr} [{issue.Code}]");
        }

        if (report.ErrorCount > ErrorsShown)
            await output.WriteLineAsync($"  … et {(report.ErrorCount - ErrorsShown).ToString("N0", fr)} autre(s) erreur(s).");
        foreach (var issue in report.Warnings.Take(report.ErrorCount == 0 ? ErrorsShown : 0))
        {
            var where = issue.Row is { } row ? $"{rowWord} {row}" : "Fichier";
            await output.WriteLineAsync($"  Avertissement, {where} : {issue.Message.Fr} [{issue.Code}]");
        }

        await output.WriteLineAsync(htmlPath is not null
            ? $"Rapport complet (HTML) : {htmlPath}"
            : "Rapport complet : ajoutez --html rapport.html (ou --json pour le JSON).");
    }
}
