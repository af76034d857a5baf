using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>status [--exercice X] [--json]</c>: the regional totals, as a table or as JSON.</summary>
public sealed class StatusCommand : ICommand
{
    public string Name => "status";
    public string Usage => "status [--exercice AAAA-AAAA] [--json] [--storage CONN]";
    public string Summary => "Print the regional totals per exercice (amounts in dollars).";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["exercice", "storage"];
    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var services = CliStorage.Open(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        var rows = await services.Totals.ReadRegionsAsync(args.Option("exercice"), context.CancellationToken);

        if (args.Flag("json"))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(StatusRow.From), Json));
            return CliApp.ExitOk;
        }

        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync("No totals yet: upload a file, then run `solidarite run --once`.");
            return CliApp.ExitOk;
        }

        await context.Out.WriteLineAsync(
            $"{"exercice",-10} {"region",-6} {"region_nom",-31} {"mandataires",11} {"projets",8} {"annules",8} {"montant_fqis",16} {"montant_autres",16} {"personnes",10}");
        foreach (var r in rows)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Exercice,-10} {r.RegionCode,-6} {r.RegionName,-31} {r.MandataireCount,11} {r.Totals.ProjectCount,8} {r.Totals.CancelledProjectCount,8} " +
                $"{Money.FromCents(r.Totals.FqisAmountCents),16:0.00} {Money.FromCents(r.Totals.OtherAmountCents),16:0.00} {r.Totals.PeopleReached,10}"));
        }

        return CliApp.ExitOk;
    }

    /// <summary>One row of <c>status --json</c>, named like the open-data columns (design.md section 6), amounts also in cents.</summary>
    internal sealed record StatusRow(
        [property: JsonPropertyName("exercice")] string Exercice,
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_nom")] string RegionNom,
        [property: JsonPropertyName("nb_mandataires")] int NbMandataires,
        [property: JsonPropertyName("nb_projets")] int NbProjets,
        [property: JsonPropertyName("nb_projets_annules")] int NbProjetsAnnules,
        [property: JsonPropertyName("montant_fqis")] decimal MontantFqis,
        [property: JsonPropertyName("montant_autres_sources")] decimal MontantAutresSources,
        [property: JsonPropertyName("personnes_rejointes")] long PersonnesRejointes,
        [property: JsonPropertyName("montant_fqis_cents")] long MontantFqisCents,
        [property: JsonPropertyName("montant_autres_sources_cents")] long MontantAutresSourcesCents)
    {
        public static StatusRow From(RegionalTotal r) => new(
            r.Exercice, r.RegionCode, r.RegionName, r.MandataireCount, r.Totals.ProjectCount, r.Totals.CancelledProjectCount,
            Money.FromCents(r.Totals.FqisAmountCents), Money.FromCents(r.Totals.OtherAmountCents), r.Totals.PeopleReached,
            r.Totals.FqisAmountCents, r.Totals.OtherAmountCents);
    }
}
