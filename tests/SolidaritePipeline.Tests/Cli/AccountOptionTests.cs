using System.Reflection;
using Azure.Core;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Commands;

namespace SolidaritePipeline.Tests.Cli;

/// <summary>design.md section 7: <c>--account NAME</c> signs in with Entra for accounts with shared keys off.</summary>
public sealed class AccountOptionTests
{
    private static readonly CliContext Context = new(TextWriter.Null, TextWriter.Null, TimeProvider.System, _ => null, CancellationToken.None);

    [Fact]
    public void Account_builds_clients_for_the_accounts_endpoints_with_a_token_credential_and_no_request()
    {
        var clients = CliStorage.Clients(new StorageChoice(null, "solidariteprod"), Context);

        Assert.Equal(new Uri("https://solidariteprod.blob.core.windows.net/"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://solidariteprod.table.core.windows.net/"), clients.Tables.Uri);
        // No shared key: nothing to sign a SAS with; requests carry a bearer token from this credential.
        Assert.False(clients.Blobs.CanGenerateAccountSasUri);
        Assert.IsAssignableFrom<TokenCredential>(BlobCredential(clients.Blobs));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("reconcile")]
    [InlineData("publish")]
    [InlineData("upload", "x.csv", "--mandataire", "estrie")]
    public async Task Account_with_storage_is_a_usage_error(params string[] command)
    {
        var error = new StringWriter();
        var context = Context with { Error = error };

        var exit = await CliApp.RunAsync([.. command, "--account", "solidariteprod", "--storage", "UseDevelopmentStorage=true"], context);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("--account and --storage", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_name_that_azure_would_refuse_is_a_usage_error()
    {
        var exit = await CliApp.RunAsync(["status", "--account", "Not_An.Account"], Context);

        Assert.Equal(CliApp.ExitUsage, exit);
    }

    /// <summary>The SDK keeps the credential in its client configuration; it exposes no public getter.</summary>
    private static object? BlobCredential(Azure.Storage.Blobs.BlobServiceClient client)
    {
        var configuration = client.GetType().GetProperty("ClientConfiguration", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
        return configuration.GetType().GetProperty("TokenCredential", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(configuration);
    }
}
