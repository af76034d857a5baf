using SolidaritePipeline.Access;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>access grant|revoke|list</c>: which signed-in principal (its Entra object id) acts for which
/// mandataire in the Espace mandataire (table <c>MandataireAccess</c>).
/// </summary>
public sealed class AccessCommand : ICommand
{
    public string Name => "access";
    public string Usage => "access grant|revoke|list [--principal ID] [--mandataire CODE] [--storage CONN | --account NAME]";
    public string Summary => "Grant, revoke or list who acts for which mandataire in the Espace mandataire.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["principal", "mandataire", "storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        var verb = args.SinglePositional("grant, revoke or list");
        var services = await CliStorage.OpenAsync(args, context);
        var table = new MandataireAccessTable(services.Storage.Tables, services.Catalog, context.Time);
        switch (verb)
        {
            case "grant":
            {
                var mandataire = args.RequiredMandataire();
                var grant = await GrantAsync(() => table.GrantAsync(args.RequiredOption("principal"), mandataire, context.CancellationToken));
                await context.Error.WriteLineAsync($"Accès accordé / access granted: {grant.PrincipalId} → {grant.Mandataire}.");
                return CliApp.ExitOk;
            }
            case "revoke":
            {
                var principal = args.RequiredOption("principal");
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
