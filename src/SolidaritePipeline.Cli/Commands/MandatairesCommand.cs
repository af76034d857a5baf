using System.CommandLine;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>mandataires</c>: the 21 codes, with the territory each covers and its region, from the
/// shipped reference data. Offline. Tab-separated with a header, so it reads and pipes alike.
/// </summary>
public sealed class MandatairesCommand() : CliCommand("mandataires", "List the mandataire codes (case-insensitive) with their territories and regions.")
{
    public override string Example => "solidarite mandataires | grep -i estrie";
    public override string Succeeded => "the codes are listed";
    public override string? EnvironmentFailure => null;

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var catalog = ReferenceCatalog.Default;
        await context.Out.WriteLineAsync("code\tterritoire\tregion_code\tregion_nom");
        foreach (var m in catalog.Mandataires)
            await context.Out.WriteLineAsync($"{m.Code}\t{m.Territory}\t{m.RegionCode}\t{catalog.FindRegion(m.RegionCode)!.Name}");
        return CliApp.ExitOk;
    }
}
