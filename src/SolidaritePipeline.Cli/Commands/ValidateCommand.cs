using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Hosting;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>validate FILE --mandataire CODE [--json]</c>: the same validation as an upload, offline, so a
/// mandataire can check a file before sending it. Exit 0 accepted, 1 rejected, 2 usage error.
/// </summary>
public sealed class ValidateCommand : CliCommand
{
    private const int ErrorsShown = 10;

    private readonly Argument<string> _file = CliOptions.File("The submission file: CSV, XLSX or JSON.");
    private readonly Option<string> _mandataire = CliOptions.Mandataire("The mandataire the file would be uploaded for.", required: true);
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print the whole report as JSON (the reports/ format) instead of a summary.");
    private readonly Option<string> _html = CliOptions.Text("--html", "FILE", "Also write the report as an HTML page there.");
    private readonly Option<long?> _maxRows = CliOptions.OptionalWholeNumber("--max-rows", "N",
        $"At most N project rows, 0 for no limit. Default: the {PipelineSettings.MaxRows} setting, else {new ValidationOptions().MaxRows}.", int.MaxValue);
    private readonly Option<long?> _maxBytes = CliOptions.OptionalWholeNumber("--max-bytes", "N",
        $"At most N bytes, 0 for no limit. Default: the {PipelineSettings.MaxBytes} setting, else {new ValidationOptions().MaxBytes}.");

    public ValidateCommand()
        : base("validate", "Validate a submission file offline and print its report (JSON with --json).") =>
        Add(_file, _mandataire, _json, _html, _maxRows, _maxBytes);

    public override string Example => "solidarite validate rapport.xlsx --mandataire estrie --html rapport.html";
    public override string Succeeded => "the file would be accepted";
    public override string? Failed => "the file would be rejected; the report says why";
    public override string? EnvironmentFailure => null;

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var path = parse.GetRequiredValue(_file);
        var mandataire = parse.GetRequiredValue(_mandataire);
        var options = Options(parse, context);
        var htmlPath = parse.GetValue(_html);
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

        if (parse.GetValue(_json))
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

    // Limits come from the app settings as the composition root read and checked them, then the options.
    private ValidationOptions Options(ParseResult parse, CliContext context)
    {
        using var host = CliHost.Build(context, () => throw new InvalidOperationException("validate works offline."));
        var settings = host.Services.GetRequiredService<ValidationOptions>();
        return settings with
        {
            MaxBytes = parse.GetValue(_maxBytes) ?? settings.MaxBytes,
            MaxRows = (int)(parse.GetValue(_maxRows) ?? settings.MaxRows),
        };
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
