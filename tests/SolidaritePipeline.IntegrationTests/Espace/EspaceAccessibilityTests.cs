using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SolidaritePipeline.IntegrationTests.Espace;

public sealed class EspaceAccessibilityTests
{
    internal static async Task AssertNoSeriousViolationAsync(IPage page, string state)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe did look at the page
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .ToList();
        Assert.True(serious.Count == 0, $"{state}: {string.Join(Environment.NewLine, serious)}");
    }

    private static async Task AssertFitsItsWidthAsync(IPage page, int width, string state)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{state}: the page is {scrollWidth} px wide in a {width} px window.");
    }

    [SkippableFact]
    public async Task Every_state_of_the_page_has_no_serious_or_critical_accessibility_violation_and_fits_a_390_px_phone()
    {
        await using var b = await EspaceBrowser.StartAsync();
        Assert.Equal(0, (await b.Serve.CliAsync("access", "grant", "--principal", "oid-estrie", "--mandataire", "estrie")).Exit);

        var page = await b.PageForAsync("oid-estrie", "agente@estrie.example");
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();
        await AssertNoSeriousViolationAsync(page, "empty");

        await EspaceBrowser.SendAsync(page, EspaceBrowser.Fixture("rejected", "cell-errors.csv"), "Refusé");
        await AssertNoSeriousViolationAsync(page, "rejected report");
        await EspaceBrowser.ScreenshotAsync(page, "espace-refuse.png", fullPage: false);

        await EspaceBrowser.SendAsync(page, EspaceBrowser.Fixture("accepted", "utf8-comma.csv"), "Accepté");
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await AssertNoSeriousViolationAsync(page, "accepted report and history");
        await EspaceBrowser.ScreenshotAsync(page, "espace-accepte.png");

        var phone = await b.PageForAsync("oid-estrie", "agente@estrie.example", width: 390, height: 844);
        await Expect(phone.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await AssertFitsItsWidthAsync(phone, 390, "phone, history");
        await phone.Locator("#history tbody tr:not(.current) a").ClickAsync();
        await Expect(phone.Locator("#report-body .verdict")).ToHaveTextAsync("Refusé");
        await AssertFitsItsWidthAsync(phone, 390, "phone, rejected report");
        await AssertNoSeriousViolationAsync(phone, "phone, rejected report");
        await phone.Locator("#report-title").ScrollIntoViewIfNeededAsync();
        await EspaceBrowser.ScreenshotAsync(phone, "espace-mobile.png", fullPage: false);

        var unmapped = await b.PageForAsync("oid-nobody", "personne@example.org");
        await Expect(unmapped.Locator("#no-access")).ToBeVisibleAsync();
        await AssertNoSeriousViolationAsync(unmapped, "access not granted");
        await EspaceBrowser.ScreenshotAsync(unmapped, "espace-acces.png");
    }
}
