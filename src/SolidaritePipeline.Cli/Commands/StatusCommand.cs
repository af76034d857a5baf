using System.Globalization;
using System.Text;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>status [--exercice X] [--json]</c>: the regional totals, as a table or as JSON, named as in
/// <c>totaux-regionaux</c> and <c>api/totals</c> (docs/bi.md, "One vocabulary").
/// </summary>
public sealed class StatusCommand : ICommand
{
    public string Name => "status";
    public string Usage => "status [--exercice AAAA-AAAA] [--json] [--storage CONN | --account NAME]";
    public string Summary => "Print the regional totals per exercice (amounts in dollars).";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["exercice", "storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var services = await CliStorage.OpenAsync(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        var rows = await services.Totals.ReadRegionsAsync(args.Option("exercice"), context.CancellationToken);

        if (args.Flag("json"))
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
