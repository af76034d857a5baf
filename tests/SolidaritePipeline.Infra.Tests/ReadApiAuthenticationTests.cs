using System.Text;
using SolidaritePipeline.Espace;

namespace SolidaritePipeline.Infra.Tests;

/// <summary>App Service Authentication in front of the function app: Entra ID for people, the platform's own paths left reachable.</summary>
public class ReadApiAuthenticationTests
{
    private static readonly ArmTemplate Main = InfraBuild.Current.Template("main.bicep");

    private static ArmResource Auth
    {
        get
        {
            var config = Assert.Single(Main.ResourcesOfType("Microsoft.Web/sites/config"));
            Assert.EndsWith("'authsettingsV2')]", config.Name, StringComparison.Ordinal);
            return config;
        }
    }

    [Fact]
    public void Every_request_needs_a_signed_in_principal_and_a_program_gets_a_401_rather_than_a_sign_in_page()
    {
        var validation = Auth.Properties["globalValidation"]!;

        Assert.True(Auth.Properties["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.True(Auth.Properties["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public void The_Event_Grid_webhook_and_the_health_probe_stay_reachable_without_a_token()
    {
        var excluded = Auth.Template.StringArrayVariable("authExcludedPaths");

        Assert.Contains("/runtime/webhooks/blobs", excluded);
        Assert.Contains("/api/health", excluded);
        // The BI reads are not excluded: without App Service Authentication their principal header could be forged.
        // An excluded path matches exactly and a trailing /* covers a subtree: no entry may reach /api/ as a whole.
        Assert.DoesNotContain(excluded, path => path.StartsWith("/api/totals", StringComparison.Ordinal)
            || path.StartsWith("/api/mandataire-totals", StringComparison.Ordinal) || path.StartsWith("/api/submissions", StringComparison.Ordinal)
            || path is "/api" or "/api/" or "/*" || path.Contains('*', StringComparison.Ordinal));
        Assert.Equal("[variables('authExcludedPaths')]", Auth.Properties["globalValidation"]!["excludedPaths"]!.ToString());
    }

    [Fact]
    public void Only_the_platform_s_paths_and_the_Espace_page_s_three_files_open_without_a_session_and_no_other_API_route()
    {
        var excluded = Auth.Template.StringArrayVariable("authExcludedPaths");

        // Every other path, /api/me and the rest of the Espace API included, still answers 401 without a session.
        Assert.Equal(["/runtime/webhooks/blobs", "/api/health", "/api/publish", "/", "/espace.css", "/espace.js"], excluded);
    }

    [Fact]
    public void The_paths_opened_for_the_page_are_the_page_and_the_two_files_it_loads()
    {
        var pagePaths = Auth.Template.StringArrayVariable("authExcludedPaths")
            .Where(path => !path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/runtime/", StringComparison.Ordinal))
            .ToList();
        var html = Encoding.UTF8.GetString(EspacePage.Get("/").Body);

        Assert.All(pagePaths, path => Assert.Equal(200, EspacePage.Get(path).Status));
        Assert.Contains("<link rel=\"stylesheet\" href=\"espace.css\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"espace.js\"></script>", html, StringComparison.Ordinal);
        // The signed-out state links to the platform's sign-in, which lands back on the page.
        Assert.Contains("href=\"/.auth/login/aad?post_login_redirect_uri=/\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_ID_signs_in_with_the_client_id_and_tenant_given_as_parameters()
    {
        var aad = Auth.Properties["identityProviders"]!["azureActiveDirectory"]!;

        Assert.Contains("parameters('apiClientId')", aad["enabled"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('apiClientId')]", aad["registration"]!["clientId"]!.ToString());
        Assert.Contains("parameters('apiTenantId')", aad["registration"]!["openIdIssuer"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("/v2.0", aad["registration"]!["openIdIssuer"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("api://", aad["validation"]!["allowedAudiences"]!.ToString(), StringComparison.Ordinal);
        // No client secret: the app only validates tokens, it never signs anyone in by itself.
        Assert.Null(aad["registration"]!["clientSecretSettingName"]);
    }

    [Fact]
    public void The_main_template_passes_the_read_API_s_client_id_down_with_an_empty_default()
    {
        var parameters = Main.Parameters;

        Assert.Equal("", parameters["apiClientId"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("[tenant().tenantId]", parameters["apiTenantId"]!["defaultValue"]!.ToString());
    }
}
