using System.Text.RegularExpressions;

namespace SolidaritePipeline.Infra.Tests;

public partial class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageBlobDelegator = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    // Roles that manage resources or access itself, or hand out account keys.
    private static readonly Dictionary<string, string> Forbidden = new()
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["81a9662b-bebf-436f-a333-f67b29880f12"] = "Storage Account Key Operator Service Role",
        ["de139f84-1756-47ae-9be6-808fbbe84772"] = "Website Contributor",
    };

    private static readonly ArmTemplate Main = InfraBuild.Current.Template("main.bicep");

    private static IReadOnlyList<ArmResource> Assignments => Main.ResourcesOfType("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void Every_role_is_a_data_or_monitoring_role_never_owner_or_contributor()
    {
        Assert.Equal(7, Assignments.Count);
        foreach (var assignment in Assignments)
        {
            var role = RoleOf(assignment);
            Assert.False(Forbidden.ContainsKey(role), $"{assignment.Module}/{assignment.SymbolicName} grants {Forbidden.GetValueOrDefault(role)}");
        }
        Assert.Empty(Main.ResourcesOfType("Microsoft.Authorization/roleDefinitions"));
    }

    [Fact]
    public void The_function_app_identity_holds_exactly_the_roles_its_triggers_and_tables_need()
    {
        var appRoles = Assignments
            .Where(assignment => assignment.Properties["principalId"]!.ToString().Contains("Microsoft.Web/sites", StringComparison.Ordinal))
            .ToDictionary(RoleOf, assignment => assignment.Scope);

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher }.Order(),
            appRoles.Keys.Order());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", appRoles[StorageBlobDataOwner]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", appRoles[StorageQueueDataContributor]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", appRoles[StorageTableDataContributor]);
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", appRoles[MonitoringMetricsPublisher]);
        Assert.All(Assignments.Where(a => a.Module == "/functionApp"), a => Assert.Equal("ServicePrincipal", a.Properties["principalType"]!.GetValue<string>()));
    }

    [Fact]
    public void The_event_grid_topic_may_write_dead_letters_into_one_container_only()
    {
        var topicRole = Assert.Single(Assignments, assignment => assignment.Module == "/eventGridTopic");

        Assert.Equal(StorageBlobDataContributor, RoleOf(topicRole));
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('deadLetterContainerName'))]",
            topicRole.Scope);
        Assert.Contains("Microsoft.EventGrid/systemTopics", topicRole.Properties["principalId"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sas_issuers_can_delegate_and_write_in_uploads_but_nowhere_else()
    {
        var issuerRoles = Assignments.Where(assignment => assignment.Module == "/uploadAccess").ToDictionary(RoleOf, assignment => assignment.Scope);

        Assert.Equal(new[] { StorageBlobDataContributor, StorageBlobDelegator }.Order(), issuerRoles.Keys.Order());
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', 'uploads')]",
            issuerRoles[StorageBlobDataContributor]);
        // The delegator role is data-free: it only lets its holder request a user delegation key.
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", issuerRoles[StorageBlobDelegator]);
        Assert.Empty(Main.Parameters["uploadSasIssuers"]!["defaultValue"]!.AsArray());
    }

    private static string RoleOf(ArmResource assignment)
    {
        var expression = assignment.Template.Resolve(assignment.Properties["roleDefinitionId"]!.ToString());
        var match = RoleDefinition().Match(expression);
        Assert.True(match.Success, $"Role definition not a literal built-in role: {expression}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleDefinition();
}
