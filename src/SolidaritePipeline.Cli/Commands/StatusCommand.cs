using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>status [--exercice X] [--json]</c>: the regional totals, as a table or as JSON, named as in
/// <c>totaux-regionaux</c> and <c>api/totals</c> (docs/bi.md, "One vocabulary").
/// </summary>
public sealed class StatusCommand : StorageCommand
{
    private readonly Option<string> _exercice = CliOptions.Text("--exercice", "AAAA-AAAA", "Only this exercice (fiscal year), e.g. 2025-2026. Default: every exercice.");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print the rows as JSON, with the names of api/totals and totaux-regionaux.json.");

    public StatusCommand()
        : base("status", "Print the regional totals per exercice (amounts in dollars).") =>
        Add(_exercice, _json);

    public override string Example => "solidarite status --exercice 2025-2026 --json --account solidariteprod";
    public override string Succeeded => "the totals are printed (none yet is not an error)";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        using var host = await OpenAsync(parse, context);
        var rows = await host.Services.GetRequiredService<TotalsTables>().ReadRegionsAsync(parse.GetValue(_exercice), context.CancellationToken);

        if (parse.GetValue(_json))
        {
            // The bytes of api/totals and totaux-regionaux.json: one definition, one vocabulary (docs/bi.md).
            await context.Out.WriteAsync(Encoding.UTF8.GetString(OpenDataTables.RegionalTotals(ReferenceCatalog.Default).ToJson(rows)));
            return CliApp.ExitOk;
        }

        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync("No totals yet: upload a file, then run `solidarite run --once`.");
            return CliApp.ExitOk;
        }

        await context.Out.WriteLineAsync(
            $"{"exercice",-10} {"region_code",-11} {"region_nom",-31} {"nb_mandataires",14} {"nb_projets",10} {"nb_projets_annules",18} {"montant_fqis",16} {"montant_autres_sources",22} {"personnes_rejointes",19}");
        foreach (var r in rows)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Exercice,-10} {r.RegionCode,-11} {r.RegionName,-31} {r.MandataireCount,14} {r.Totals.ProjectCount,10} {r.Totals.CancelledProjectCount,18} " +
                $"{OpenDataFormat.Amount(r.Totals.FqisAmountCents),16} {OpenDataFormat.Amount(r.Totals.OtherAmountCents),22} {r.Totals.PeopleReached,19}"));
        }

        return CliApp.ExitOk;
    }
}
