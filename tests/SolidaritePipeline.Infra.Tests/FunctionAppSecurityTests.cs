using System.Text.Json.Nodes;

namespace SolidaritePipeline.Infra.Tests;

public class FunctionAppSecurityTests
{
    private static readonly ArmTemplate Main = InfraBuild.Current.Template("main.bicep");

    private static ArmResource App => Assert.Single(Main.ResourcesOfType("Microsoft.Web/sites"));

    private static Dictionary<string, string> AppSettings =>
        App.Properties["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => setting!["value"]!.ToString());

    [Fact]
    public void The_app_runs_dotnet_isolated_10_on_a_flex_consumption_plan()
    {
        var plan = Assert.Single(Main.ResourcesOfType("Microsoft.Web/serverfarms"));
        var config = App.Properties["functionAppConfig"]!;

        Assert.Equal("FC1", plan.Body["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Body["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties["reserved"]!.GetValue<bool>());
        Assert.Equal("functionapp,linux", App.Body["kind"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_has_its_own_identity_and_pulls_its_package_with_it()
    {
        var storage = App.Properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("SystemAssigned", App.Body["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Null(storage["authentication"]!["storageAccountConnectionStringName"]);
        Assert.EndsWith("parameters('deploymentContainerName'))]", storage["value"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_answers_only_https_with_tls_1_2_takes_no_basic_auth_deployments_and_no_setting_flex_refuses()
    {
        var siteConfig = App.Properties["siteConfig"]!;
        var credentialPolicies = Main.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.True(App.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        // Flex Consumption refuses the deployment if any of these is present (ARM error 51021).
        foreach (var refused in new[] { "ftpsState", "linuxFxVersion", "netFrameworkVersion", "alwaysOn", "use32BitWorkerProcess", "functionsRuntimeScaleMonitoringEnabled" })
        {
            Assert.Null(siteConfig[refused]);
        }
        Assert.Equal(2, credentialPolicies.Count);
        Assert.All(credentialPolicies, policy => Assert.False(policy.Properties["allow"]!.GetValue<bool>()));
        Assert.Equal(["'ftp'", "'scm'"], credentialPolicies.Select(policy => policy.Name.Split(", ")[^1].TrimEnd(')', ']')).Order());
    }

    [Fact]
    public void Host_storage_is_reached_by_identity_with_the_agreed_setting_names()
    {
        var settings = AppSettings;

        Assert.Equal(
            [
                "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "APPLICATIONINSIGHTS_CONNECTION_STRING",
                "AzureWebJobsDisableHomepage", "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__blobServiceUri",
                "AzureWebJobsStorage__credential", "AzureWebJobsStorage__queueServiceUri",
                "AzureWebJobsStorage__tableServiceUri", "PublishSchedule", "Validation__MaxBytes", "Validation__MaxRows",
            ],
            settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.queue", settings["AzureWebJobsStorage__queueServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"], StringComparison.Ordinal);
        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[parameters('publishSchedule')]", settings["PublishSchedule"]);
        Assert.Equal("true", settings["AzureWebJobsDisableHomepage"]);
        Assert.Equal("0 0 7 * * *", Main.Parameters["publishSchedule"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void No_setting_holds_a_key_a_sas_or_a_storage_connection_string()
    {
        var settings = AppSettings;

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("FUNCTIONS_", StringComparison.Ordinal));
        foreach (var (name, value) in settings)
        {
            foreach (var secretMarker in new[] { "AccountKey", "SharedAccessSignature", "sig=", "listKeys", "listAccountSas", "listServiceSas", "DefaultEndpointsProtocol", "secret" })
            {
                Assert.False(value.Contains(secretMarker, StringComparison.OrdinalIgnoreCase), $"{name} = {value}");
            }
        }
        // The one connection string names Application Insights, which accepts only Entra ID tokens.
        Assert.Equal(
            "[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString]",
            settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void The_deployment_reads_no_key_of_any_resource()
    {
        var text = Main.Root.ToJsonString();

        foreach (var function in new[] { "listKeys(", "listAccountSas(", "listServiceSas(", "listConnectionStrings(", "listCredentials(" })
        {
            Assert.DoesNotContain(function, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(Main.Parameters.Select(parameter => parameter.Value!["type"]!.GetValue<string>()), type => type.StartsWith("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Application_insights_and_its_workspace_accept_no_keys()
    {
        var appInsights = Assert.Single(Main.ResourcesOfType("Microsoft.Insights/components"));
        var workspace = Assert.Single(Main.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));

        Assert.True(appInsights.Properties["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", appInsights.Properties["WorkspaceResourceId"]!.ToString(), StringComparison.Ordinal);
        Assert.True(workspace.Properties["features"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void The_event_grid_system_topic_watches_the_storage_account_with_its_own_identity()
    {
        var topic = Assert.Single(Main.ResourcesOfType("Microsoft.EventGrid/systemTopics"));

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties["topicType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", topic.Properties["source"]!.ToString());
        Assert.Equal("SystemAssigned", topic.Body["identity"]!["type"]!.GetValue<string>());
        Assert.Empty(Main.ResourcesOfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        Assert.IsType<JsonObject>(Main.Root["outputs"]!["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"]);
    }
}
