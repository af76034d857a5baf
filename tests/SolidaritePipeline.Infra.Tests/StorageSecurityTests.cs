using System.Text.Json.Nodes;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Infra.Tests;

public class StorageSecurityTests
{
    private static readonly ArmTemplate Main = InfraBuild.Current.Template("main.bicep");

    private static ArmResource Account => Assert.Single(Main.ResourcesOfType("Microsoft.Storage/storageAccounts"));

    [Fact]
    public void Storage_account_refuses_shared_keys_old_tls_and_plain_http()
    {
        var properties = Account.Properties;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.False(properties["allowCrossTenantReplication"]!.GetValue<bool>());
        Assert.True(properties["encryption"]!["requireInfrastructureEncryption"]!.GetValue<bool>());
    }

    [Fact]
    public void Anonymous_read_is_allowed_on_the_account_only_when_open_data_is_published()
    {
        Assert.Equal("[parameters('openDataPublicRead')]", Account.Properties["allowBlobPublicAccess"]!.ToString());

        var storageModule = Assert.Single(Main.ResourcesOfType("Microsoft.Resources/deployments"), module => module.SymbolicName == "storage");
        Assert.Equal("[parameters('openDataPublicRead')]", storageModule.Properties["parameters"]!["openDataPublicRead"]!["value"]!.ToString());
        // Off unless an environment's parameters turn it on.
        Assert.False(Main.Parameters["openDataPublicRead"]!["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void Only_the_opendata_container_can_be_read_anonymously_and_only_blob_by_blob()
    {
        var access = ContainersWithPublicAccess();

        Assert.Equal("[if(parameters('openDataPublicRead'), 'Blob', 'None')]", access["opendata"]);
        Assert.All(access.Where(container => container.Key != "opendata"), container => Assert.Equal("None", container.Value));
        Assert.DoesNotContain(access.Values, value => value.Contains("Container", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_container_and_table_of_the_storage_layout_is_created()
    {
        var containers = ContainersWithPublicAccess().Keys.ToHashSet();
        var tables = Assert.Single(Main.ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices/tables"));

        Assert.Superset(StorageNames.Containers.ToHashSet(), containers);
        // Beyond section 5: the Flex deployment package and Event Grid's dead letters.
        Assert.Equal(StorageNames.Containers.Count + 2, containers.Count);
        Assert.Contains("app-package", containers);
        Assert.Contains("eventgrid-deadletter", containers);
        Assert.Equal(StorageNames.Tables.Order(), tables.Template.StringArrayVariable("tables").Order());
    }

    [Fact]
    public void Lifecycle_rules_age_archive_and_rejected_originals_and_move_old_snapshots_to_cooler_tiers_but_nothing_else()
    {
        var policy = Assert.Single(Main.ResourcesOfType("Microsoft.Storage/storageAccounts/managementPolicies"));
        var rules = policy.Properties["policy"]!["rules"]!.AsArray().Select(rule => rule!.AsObject()).ToList();
        var byPrefix = rules.ToDictionary(
            rule => Assert.Single(rule["definition"]!["filters"]!["prefixMatch"]!.AsArray())!.GetValue<string>(),
            rule => rule["definition"]!["actions"]!["baseBlob"]!);

        Assert.Equal(["archive/", "opendata/snapshots/", "rejected/"], byPrefix.Keys.Order());
        Assert.Equal("[parameters('rejectedDeleteAfterDays')]", byPrefix["rejected/"]["delete"]!["daysAfterModificationGreaterThan"]!.ToString());
        // Dated snapshots are history: kept online in cooler tiers, never deleted, never archived (unreadable until rehydrated).
        var snapshots = byPrefix["opendata/snapshots/"].AsObject();
        Assert.Equal(["tierToCold", "tierToCool"], snapshots.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("[parameters('snapshotCoolAfterDays')]", snapshots["tierToCool"]!["daysAfterModificationGreaterThan"]!.ToString());
        Assert.Equal("[parameters('snapshotColdAfterDays')]", snapshots["tierToCold"]!["daysAfterModificationGreaterThan"]!.ToString());
        // Accepted originals are evidence: tiered down, deleted only when an environment sets a retention.
        var archive = byPrefix["archive/"].ToJsonString();
        Assert.Contains("tierToCool", archive, StringComparison.Ordinal);
        Assert.Contains("tierToArchive", archive, StringComparison.Ordinal);
        Assert.Contains("archiveDelete", archive, StringComparison.Ordinal);
        Assert.All(rules, rule => Assert.True(rule["enabled"]!.GetValue<bool>()));
    }

    [Fact]
    public void Deleted_blobs_and_containers_can_be_restored_for_a_while()
    {
        var blobService = Assert.Single(Main.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices")).Properties;

        Assert.True(blobService["deleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
        Assert.True(blobService["containerDeleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
    }

    /// <summary>Container name → publicAccess, loops expanded from the variable they iterate over.</summary>
    private static Dictionary<string, string> ContainersWithPublicAccess()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in Main.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            var publicAccess = container.Properties["publicAccess"]?.ToString() ?? "(unset)";
            if (container.Body["copy"] is JsonObject)
            {
                var loopVariable = System.Text.RegularExpressions.Regex.Match(container.Body["name"]!.ToString(), @"variables\('([^']+)'\)\[copyIndex\(\)\]").Groups[1].Value;
                foreach (var name in container.Template.StringArrayVariable(loopVariable))
                {
                    result.Add(Unquote(container.Template.Module, name), publicAccess);
                }
            }
            else
            {
                var name = System.Text.RegularExpressions.Regex.Match(container.Body["name"]!.ToString(), @"'default', '([^']+)'\)\]$").Groups[1].Value;
                result.Add(name, publicAccess);
            }
        }
        return result;
    }

    // A loop item that is a parameter of the module (deployment and dead-letter containers) is
    // resolved through the module's parameters and main's variables.
    private static string Unquote(string module, string item)
    {
        var match = System.Text.RegularExpressions.Regex.Match(item, @"^\[parameters\('([^']+)'\)\]$");
        if (!match.Success)
        {
            return item.Trim('\'');
        }
        var deployment = Main.ResourcesOfType("Microsoft.Resources/deployments").Single(resource => "/" + resource.SymbolicName == module);
        var passed = deployment.Properties["parameters"]![match.Groups[1].Value]!["value"]!.ToString();
        return Main.Resolve(passed).Trim('[', ']').Trim('\'');
    }
}
