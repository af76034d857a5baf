using System.CommandLine;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Hosting;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>Where a command's storage is: a connection string (<c>--storage</c>) or an account name (<c>--account</c>), or neither.</summary>
public sealed record StorageChoice(string? ConnectionString, string? Account);

/// <summary>
/// The storage options of the commands that reach storage, and the host on that storage after one
/// quick probe: unreachable storage, a refused sign-in or a malformed connection string is an
/// <see cref="EnvironmentException"/> (exit code 3) within seconds, not after the SDK's retries.
/// </summary>
internal static class CliStorage
{
    public const string StorageOptionName = "--storage";
    public const string AccountOptionName = "--account";

    /// <summary>The probe does not retry and waits this long for an answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary><c>--storage</c> alone: a connection string.</summary>
    public static Option<string> ConnectionStringOption(string description) => new(StorageOptionName) { HelpName = "CONN", Description = description };

    /// <summary>Adds <c>--storage CONN</c> and <c>--account NAME</c> to <paramref name="owner"/>; giving both is a usage error.</summary>
    public static Func<ParseResult, StorageChoice> AddOptions(CliCommand owner)
    {
        var command = owner.Command;
        var storage = ConnectionStringOption(
            $"Storage connection string. Default: the {StorageClients.DefaultSettingName} setting, else {CliContext.DevelopmentStorage} (Azurite).");
        var account = new Option<string>(AccountOptionName)
        {
            HelpName = "NAME",
            Description = "Storage account name, signed in with Entra (DefaultAzureCredential): for accounts with shared keys off.",
        };
        account.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (name is not null && (name.Length is < 3 or > 24 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9')))
                result.AddError($"--account takes a storage account name (3 to 24 lower-case letters and digits), not '{name}'.");
        });
        owner.AddLast(storage);
        owner.AddLast(account);
        command.Validators.Add(result =>
        {
            if (result.GetResult(storage) is not null && result.GetResult(account) is not null)
                result.AddError("--account and --storage name the storage twice: give one.");
        });
        return parse => new StorageChoice(parse.GetValue(storage), parse.GetValue(account));
    }

    /// <summary>
    /// The host on the chosen storage (<see cref="CliHost"/>), once the probe has had an answer from both
    /// endpoints. Settings are checked before the probe: a malformed one needs no storage to be wrong.
    /// </summary>
    public static async Task<IHost> OpenAsync(StorageChoice choice, CliContext context)
    {
        var clients = Clients(choice, context);
        var host = CliHost.Build(context, () => clients);
        try
        {
            await ProbeAsync(Clients(choice, context, new StorageRetryOptions { MaxRetries = 0, NetworkTimeout = ProbeTimeout }), context.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The clients, built without a request: from <c>--account</c> (Entra sign-in) or a connection string.</summary>
    public static StorageClients Clients(StorageChoice choice, CliContext context, StorageRetryOptions? retry = null)
    {
        if (choice.Account is { } account)
        {
            // The Functions runtime's identity-based settings, with DefaultAzureCredential: one code path for both hosts.
            return StorageClients.FromSettings(
                name => name == $"{StorageClients.DefaultSettingName}__accountName" ? account : null, retry: retry);
        }

        var connectionString = context.ResolveStorage(choice.ConnectionString);
        try
        {
            return StorageClients.FromConnectionString(connectionString, retry);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The connection string may hold a key: name the fault, never echo the value.
            throw new EnvironmentException("chaîne de connexion au stockage mal formée", "malformed storage connection string", e.Message, e);
        }
    }

    /// <summary>One request to each endpoint; any answer, even "not found", means the storage is there.</summary>
    public static async Task ProbeAsync(StorageClients clients, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Container(StorageNames.Containers.First()).ExistsAsync(cancellationToken);
            await foreach (var _ in clients.Tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
                break;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }
    }

    /// <summary>A failure that says the storage cannot be reached or refuses us, rather than a fault of the data.</summary>
    public static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e switch
        {
            RequestFailedException { Status: 0 or 401 or 403 } => true,
            AuthenticationFailedException or CredentialUnavailableException => true,
            AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsUnreachable(inner, cancellationToken)),
            HttpRequestException => true,
            _ => false,
        };

    public static EnvironmentException Unreachable(Exception e) => e switch
    {
        AuthenticationFailedException or CredentialUnavailableException =>
            new("connexion Entra impossible", "Entra sign-in failed", FirstLine(e), e),
        RequestFailedException { Status: 401 or 403 } failed =>
            new("accès au stockage refusé", "storage access denied", $"{failed.Status} {failed.ErrorCode}", e),
        _ => new("stockage injoignable", "storage unreachable", FirstLine(e.InnerException is AggregateException { InnerException: { } inner } ? inner : e), e),
    };

    private static string FirstLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is { } inner && innermost is not HttpRequestException) innermost = inner;
        return innermost.Message.Split('\n')[0].Trim();
    }
}
