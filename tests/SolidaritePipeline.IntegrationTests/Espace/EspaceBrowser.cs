using Microsoft.Playwright;
using Xunit;

namespace SolidaritePipeline.IntegrationTests.Espace;

/// <summary>
/// The system Chromium, driven by Playwright, against <c>solidarite serve --dev-auth</c>. Playwright's own browser
/// download is never used: without Chromium at <see cref="ChromiumPath"/> the tests are skipped and say why.
/// </summary>
public sealed class EspaceBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>When set (e.g. <c>docs/images</c>, relative to the repository), the tests write their screenshots there.</summary>
    public const string ScreenshotsVariable = "ESPACE_SCREENSHOTS";

    private readonly IPlaywright _playwright;

    private EspaceBrowser(ServeHarness serve, IPlaywright playwright, IBrowser browser)
    {
        Serve = serve;
        _playwright = playwright;
        Browser = browser;
    }

    public ServeHarness Serve { get; }
    public IBrowser Browser { get; }

    public static async Task<EspaceBrowser> StartAsync()
    {
        Skip.IfNot(File.Exists(ChromiumPath),
            $"Chromium is not installed at {ChromiumPath}: the browser tests of the Espace mandataire did not run (scripts/test.sh installs it when run as root; otherwise `apt-get install chromium`).");
        var serve = await ServeHarness.StartAsync();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        return new EspaceBrowser(serve, playwright, browser);
    }

    /// <summary>A page signed in as <paramref name="principalId"/> with the headers App Service Authentication sets.</summary>
    public async Task<IPage> PageForAsync(string principalId, string name, int width = 1024, int height = 900)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "fr-CA",
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                ["X-MS-CLIENT-PRINCIPAL-ID"] = principalId,
                ["X-MS-CLIENT-PRINCIPAL-NAME"] = name,
            },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(Serve.BaseUrl.ToString());
        return page;
    }

    /// <summary>A page with no session: no sign-in headers and no cookie, as a mandataire first opens the address.</summary>
    public async Task<IPage> SignedOutPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 900 }, Locale = "fr-CA" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(Serve.BaseUrl.ToString());
        return page;
    }

    public static string Fixture(string folder, string name) =>
        Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", folder, name);

    /// <summary>Chooses <paramref name="file"/> in the page's file picker and waits for its verdict in the status line.</summary>
    public static async Task SendAsync(IPage page, string file, string verdict)
    {
        await page.Locator("#file").SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(verdict, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#report-body .verdict")).ToHaveTextAsync(verdict);
    }

    /// <summary>Writes a screenshot to the folder named by <see cref="ScreenshotsVariable"/>, only when it is set.</summary>
    public static async Task ScreenshotAsync(IPage page, string fileName, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable);
        if (string.IsNullOrWhiteSpace(folder)) return;
        if (!Path.IsPathRooted(folder)) folder = Path.Combine(RepositoryRoot(), folder);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, fileName), FullPage = fullPage });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolidaritePipeline.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("The repository root (SolidaritePipeline.sln) was not found.");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Serve.DisposeAsync();
    }
}
