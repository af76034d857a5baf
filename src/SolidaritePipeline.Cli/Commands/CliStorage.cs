using Azure;
using Azure.Identity;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// The pipeline's services against the storage a command names (<see cref="CliContext.ResolveStorage"/>),
/// after one quick probe: unreachable storage, a refused sign-in or a malformed connection string is
/// an <see cref="EnvironmentException"/> (exit code 3) within seconds, not after the SDK's retries.
/// </summary>
internal static class CliStorage
{
    /// <summary>The probe does not retry and waits this long for an answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IngestionServices> OpenAsync(CommandArgs args, CliContext context) => new(
            await OpenClientsAsync(args, context),
            context.Time,
            IngestionServices.ValidationFromSettings(context.GetEnvironmentVariable),
            maxAttempts: IngestionServices.MaxAttemptsFromSettings(context.GetEnvironmentVariable));

    /// <summary>The clients, once the probe has had an answer from both endpoints.</summary>
    public static async Task<StorageClients> OpenClientsAsync(CommandArgs args, CliContext context)
    {
        var clients = Clients(args, context);
        await ProbeAsync(Clients(args, context, new StorageRetryOptions { MaxRetries = 0, NetworkTimeout = ProbeTimeout }), context.CancellationToken);
        return clients;
    }

    /// <summary>The clients, built without a request: from <c>--account</c> (Entra sign-in) or a connection string.</summary>
    public static StorageClients Clients(CommandArgs args, CliContext context, StorageRetryOptions? retry = null)
    {
        RejectTwoStorages(args);
        if (args.Option("account") is { } account)
        {
            if (account.Length is < 3 or > 24 || !account.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
                throw new UsageException($"--account takes a storage account name (3 to 24 lower-case letters and digits), not '{account}'.");
            // The Functions runtime's identity-based settings, with DefaultAzureCredential: one code path for both hosts.
            return StorageClients.FromSettings(
                name => name == $"{StorageClients.DefaultSettingName}__accountName" ? account : null, retry: retry);
        }

        var connectionString = context.ResolveStorage(args);
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

    /// <summary>Checked before a command does anything, so the mistake is reported first.</summary>
    public static void RejectTwoStorages(CommandArgs args)
    {
        if (args.Option("account") is not null && args.Option("storage") is not null)
            throw new UsageException("--account and --storage name the storage twice: give one.");
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
