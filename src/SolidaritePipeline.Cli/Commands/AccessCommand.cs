using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Access;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>access grant|revoke|list</c>: which signed-in principal (its Entra object id) acts for which
/// mandataire in the Espace mandataire (table <c>MandataireAccess</c>).
/// </summary>
public sealed class AccessCommand : StorageCommand
{
    private readonly Argument<string> _action = new Argument<string>("action") { HelpName = "grant|revoke|list", Description = "grant: let a principal act for a mandataire; revoke: remove its access; list: every grant." }
        .AcceptOnlyFromAmong("grant", "revoke", "list");
    private readonly Option<string> _principal = CliOptions.Text("--principal", "ID", "The Entra object id of the signed-in person (grant and revoke).");
    private readonly Option<string> _mandataire = CliOptions.Mandataire("The mandataire the principal acts for (grant).", required: false);

    public AccessCommand()
        : base("access", "Grant, revoke or list who acts for which mandataire in the Espace mandataire.") =>
        Add(_action, _principal, _mandataire);

    public override string Example => "solidarite access grant --principal 00000000-0000-0000-0000-000000000001 --mandataire estrie";
    public override string Succeeded => "granted, revoked, or listed";
    public override string? Failed => "revoke: the principal had no access";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var verb = parse.GetRequiredValue(_action);
        string Required(Option<string> option) => parse.GetValue(option) ?? throw new UsageException($"{option.Name} is required to {verb}.");
        using var host = await OpenAsync(parse, context, createMissing: false);
        var table = new MandataireAccessTable(
            host.Services.GetRequiredService<StorageClients>().Tables, host.Services.GetRequiredService<ReferenceCatalog>(), context.Time);
        switch (verb)
        {
            case "grant":
            {
                var mandataire = Required(_mandataire);
                var grant = await GrantAsync(() => table.GrantAsync(Required(_principal), mandataire, context.CancellationToken));
                await context.Error.WriteLineAsync($"Accès accordé / access granted: {grant.PrincipalId} → {grant.Mandataire}.");
                return CliApp.ExitOk;
            }
            case "revoke":
            {
                var principal = Required(_principal);
                var removed = await GrantAsync(() => table.RevokeAsync(principal, context.CancellationToken));
                await context.Error.WriteLineAsync(removed
                    ? $"Accès retiré / access revoked: {principal}."
                    : $"Aucun accès pour / no access for {principal}.");
                return removed ? CliApp.ExitOk : CliApp.ExitFailure;
            }
            case "list":
                foreach (var grant in await table.ListAsync(context.CancellationToken))
                    await context.Out.WriteLineAsync($"{grant.PrincipalId}\t{grant.Mandataire}\t{grant.GrantedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                return CliApp.ExitOk;
            default:
                throw new UsageException($"Unknown action '{verb}': grant, revoke or list.");
        }
    }

    private static async Task<T> GrantAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
