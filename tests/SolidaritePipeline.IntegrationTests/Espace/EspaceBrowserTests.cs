using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SolidaritePipeline.IntegrationTests.Espace;

public sealed class EspaceBrowserTests
{
    [SkippableFact]
    public async Task A_mandataire_sees_its_flawed_file_refused_with_row_and_column_then_the_corrected_one_accepted_and_current_and_another_sees_none_of_it()
    {
        await using var b = await EspaceBrowser.StartAsync();
        Assert.Equal(0, (await b.Serve.CliAsync("access", "grant", "--principal", "oid-estrie", "--mandataire", "estrie")).Exit);
        Assert.Equal(0, (await b.Serve.CliAsync("access", "grant", "--principal", "oid-laval", "--mandataire", "laval")).Exit);

        var estrie = await b.PageForAsync("oid-estrie", "agente@estrie.example");
        await Expect(estrie.Locator("#who")).ToContainTextAsync("mandataire estrie");
        await Expect(estrie.Locator("#history-empty")).ToBeVisibleAsync();

        await EspaceBrowser.SendAsync(estrie, EspaceBrowser.Fixture("rejected", "cell-errors.csv"), "Refusé");
        var first = estrie.Locator("#report-body .issue").First;
        await Expect(first).ToContainTextAsync("Ligne2");
        await Expect(first).ToContainTextAsync("ColonneMontant FQIS");
        await Expect(first).ToContainTextAsync("Valeur trouvée1,500");
        var rejectedReport = await estrie.Locator("#history tbody a[data-id]").First.GetAttributeAsync("href");
        Assert.StartsWith("/api/submissions/", rejectedReport);

        await EspaceBrowser.SendAsync(estrie, EspaceBrowser.Fixture("accepted", "utf8-comma.csv"), "Accepté");
        await Expect(estrie.Locator("#report-body")).ToContainTextAsync("maintenant votre reddition courante");
        var rows = estrie.Locator("#history tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(estrie.Locator("#history tbody tr.current")).ToHaveCountAsync(1);
        await Expect(estrie.Locator("#history tbody tr.current")).ToContainTextAsync("Accepté (courant)");
        await Expect(estrie.Locator("#history tbody tr:not(.current)")).ToContainTextAsync("Refusé");

        var laval = await b.PageForAsync("oid-laval", "agent@laval.example");
        await Expect(laval.Locator("#who")).ToContainTextAsync("mandataire laval");
        await Expect(laval.Locator("#history-empty")).ToBeVisibleAsync();
        await Expect(laval.Locator("#history tbody tr")).ToHaveCountAsync(0);
        var stolen = await laval.GotoAsync(new Uri(b.Serve.BaseUrl, rejectedReport).ToString());
        Assert.Equal(404, stolen!.Status);
    }

    [SkippableFact]
    public async Task A_visitor_without_a_session_sees_the_page_ask_to_sign_in_with_the_platform_s_link_and_the_dev_sign_in_still_signs_in()
    {
        await using var b = await EspaceBrowser.StartAsync();
        Assert.Equal(0, (await b.Serve.CliAsync("access", "grant", "--principal", "oid-estrie", "--mandataire", "estrie")).Exit);

        var page = await b.SignedOutPageAsync();

        await Expect(page.Locator("#signed-out h2")).ToHaveTextAsync("Connexion requise");
        var signIn = page.Locator("#signed-out a");
        await Expect(signIn).ToHaveTextAsync("Se connecter");
        await Expect(signIn).ToHaveAttributeAsync("href", "/.auth/login/aad?post_login_redirect_uri=/");
        await Expect(page.Locator("#space")).ToBeHiddenAsync();
        await Expect(page.Locator("#no-access")).ToBeHiddenAsync();
        await EspaceAccessibilityTests.AssertNoSeriousViolationAsync(page, "signed out");
        await EspaceBrowser.ScreenshotAsync(page, "espace-connexion.png");
        await page.Locator("#lang").ClickAsync();
        await Expect(signIn).ToHaveTextAsync("Sign in");

        // serve --dev-auth's own sign-in sets its cookie in this same browser, and the page is then signed in.
        await page.GotoAsync(new Uri(b.Serve.BaseUrl, "/.auth/login/dev?principal=oid-estrie").ToString());
        await Expect(page.Locator("#space")).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-out")).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task A_signed_in_principal_with_no_mandataire_sees_the_access_page_with_its_id_and_no_space()
    {
        await using var b = await EspaceBrowser.StartAsync();

        var page = await b.PageForAsync("oid-nobody", "personne@example.org");

        await Expect(page.Locator("#no-access h2")).ToHaveTextAsync("Accès pas encore accordé");
        await Expect(page.Locator("#principal-id")).ToHaveTextAsync("oid-nobody");
        await Expect(page.Locator("#space")).ToBeHiddenAsync();
    }
}
