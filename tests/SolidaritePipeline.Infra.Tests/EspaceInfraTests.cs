namespace SolidaritePipeline.Infra.Tests;

public class EspaceInfraTests
{
    private static readonly ArmTemplate Main = InfraBuild.Current.Template("main.bicep");

    [Fact]
    public void Blob_cors_lets_only_the_apps_origin_put_a_file_and_nothing_else()
    {
        var blobService = Assert.Single(Main.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices"));
        var rule = Assert.Single(blobService.Properties["cors"]!["corsRules"]!.AsArray())!;
        var storageModule = Assert.Single(Main.ResourcesOfType("Microsoft.Resources/deployments"), m => m.SymbolicName == "storage");

        Assert.Equal(["PUT"], rule["allowedMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["[parameters('espaceOrigin')]"], rule["allowedOrigins"]!.AsArray().Select(o => o!.ToString()));
        Assert.DoesNotContain("*", rule["allowedHeaders"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Contains("azurewebsites.net", storageModule.Properties["parameters"]!["espaceOrigin"]!["value"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_apps_identity_is_an_upload_sas_issuer_so_it_may_sign_user_delegation_sas()
    {
        var uploadAccess = Assert.Single(Main.ResourcesOfType("Microsoft.Resources/deployments"), m => m.SymbolicName == "uploadAccess");

        var issuers = uploadAccess.Properties["parameters"]!["issuers"]!["value"]!.ToString();

        Assert.Contains("principalId", issuers, StringComparison.Ordinal);
        Assert.Contains("functionApp", issuers, StringComparison.Ordinal);
        Assert.Contains("ServicePrincipal", issuers, StringComparison.Ordinal);
    }
}
