using System.CommandLine;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Templates;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>serve --port N [--dev-auth]</c>: the Espace mandataire on one machine: the page at <c>/</c>, the
/// API under <c>/api/</c> (the same <see cref="EspaceApi"/> the Functions app calls), and <c>run</c>'s
/// processing loop so uploads get their verdict. There is no App Service Authentication here: with
/// <c>--dev-auth</c>, refused unless the storage is local, the server trusts the
/// <c>X-MS-CLIENT-PRINCIPAL-ID</c>/<c>-NAME</c> headers as sent, or the id a browser gave at
/// <see cref="DevSignInPath"/>; without it, nobody is signed in (401).
/// </summary>
public sealed class ServeCommand : StorageCommand
{
    private readonly Option<long> _port = CliOptions.Port();
    private readonly Option<bool> _devAuth = CliOptions.Flag("--dev-auth",
        "Trust the X-MS-CLIENT-PRINCIPAL-ID/-NAME headers as sent, or a browser signed in at /.auth/login/dev?principal=ID, to sign in without Entra. Refused unless the storage is local.");
    private readonly Option<long> _interval = CliOptions.WholeNumber("--interval", "SECONDS", "Seconds between two looks at uploads/ (at least 1).", 2);

    public ServeCommand()
        : base("serve", "Serve the Espace mandataire and its API on http://localhost:N, and process uploads as run does.") =>
        Add(_port, _devAuth, _interval);

    public override string Example => "solidarite serve --port 8080 --dev-auth";
    public override string Succeeded => "stopped with Ctrl+C";

    /// <summary>With <c>--dev-auth</c>, <c>GET /.auth/login/dev?principal=ID</c> signs a browser in as ID (a cookie).</summary>
    public const string DevSignInPath = "/.auth/login/dev";

    /// <summary>App Service Authentication's Entra sign-in, which the page links to; with <c>--dev-auth</c> it shows <see cref="DevSignInForm"/>.</summary>
    public const string EntraSignInPath = "/.auth/login/aad";

    private const string DevSignInForm = """
        <!doctype html>
        <html lang="fr">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Connexion de développement / Development sign-in</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
        <main>
        <h1>Connexion de développement</h1>
        <p>Ce serveur local (<code>solidarite serve --dev-auth</code>) n'a pas de connexion Microsoft Entra : entrez
        l'identifiant d'un principal à qui <code>solidarite access grant</code> a donné accès.</p>
        <p lang="en">This local server has no Microsoft Entra sign-in: enter the id of a principal that
        <code>solidarite access grant</code> gave access to.</p>
        <form method="get" action="/.auth/login/dev">
        <label for="principal">Identifiant du principal / Principal id</label>
        <input id="principal" name="principal" required maxlength="256" autocomplete="username">
        <button type="submit">Se connecter / Sign in</button>
        </form>
        </main>
        </body>
        </html>
        """;

    internal const string DevPrincipalCookie = "solidarite-dev-principal";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var port = (int)parse.GetValue(_port);
        var interval = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(_interval)));
        var devAuth = parse.GetValue(_devAuth);
        var choice = Storage(parse);
        // A usage error before the storage is probed: it needs no answer from the storage to be wrong.
        if (devAuth) RequireLocal(CliStorage.Clients(choice, context));
        using var host = await OpenAsync(choice, context);
        // The page's template links read what is published; on one machine, serve publishes it itself.
        await TemplatePublisher.PublishAsync(
            host.Services.GetRequiredService<StorageClients>().Blobs, host.Services.GetRequiredService<ReferenceCatalog>(), context.CancellationToken);
        await ServeAsync(host.Services, port, devAuth, interval, context);
        return CliApp.ExitOk;
    }

    /// <summary><c>--dev-auth</c> trusts sign-in headers as sent: only over Azurite or a loopback storage.</summary>
    internal static void RequireLocal(StorageClients storage)
    {
        if (!storage.Blobs.Uri.IsLoopback)
            throw new UsageException("--dev-auth trusts sign-in headers as sent: it is refused unless the storage is local (Azurite or loopback).");
    }

    /// <summary>
    /// The page at <c>/</c> and the API under <c>/api/</c> on <c>http://localhost:<paramref name="port"/></c>, over
    /// the storage of <paramref name="services"/>, with <c>run</c>'s processing loop, until the context is cancelled.
    /// Prints the URL on standard output once the server answers. <c>serve</c> and <c>demo --serve</c> both call it.
    /// </summary>
    internal static async Task ServeAsync(IServiceProvider services, int port, bool devAuth, TimeSpan interval, CliContext context)
    {
        var storage = services.GetRequiredService<StorageClients>();
        if (devAuth) RequireLocal(storage);
        if (storage.Blobs.Uri.IsLoopback) await AllowBrowserUploadsAsync(storage, port, context.CancellationToken);

        var api = EspaceApi.Create(storage, services.GetRequiredService<ReferenceCatalog>(), context.Time,
            services.GetRequiredService<ValidationOptions>().MaxBytes, line => context.Error.WriteLine(line));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://localhost:{port}");
        await using var app = builder.Build();
        Map(app, api, devAuth);

        await app.StartAsync(context.CancellationToken);
        await context.Error.WriteLineAsync($"Espace mandataire: http://localhost:{port}/{(devAuth ? " (dev-auth: X-MS-CLIENT-PRINCIPAL-ID/-NAME headers are trusted)" : "")}");
        await context.Out.WriteLineAsync($"http://localhost:{port}/");
        await RunCommand.WatchAsync(services, interval, RunCommand.DefaultParallelism, context);
        await app.StopAsync(CancellationToken.None);
    }

    internal static void Map(WebApplication app, EspaceApi api, bool devAuth)
    {
        // Without App Service Authentication in front, only --dev-auth lets these headers through.
        EspaceCaller Caller(HttpRequest r) => devAuth
            ? new EspaceCaller(
                r.Headers[ClientPrincipal.IdHeaderName].FirstOrDefault() ?? r.Cookies[DevPrincipalCookie],
                r.Headers[ClientPrincipal.NameHeaderName], r.Headers[ClientPrincipal.HeaderName])
            : new EspaceCaller(null, null, null);
        string? Query(HttpRequest r, string name) => r.Query[name].FirstOrDefault() is { Length: > 0 } v ? v : null;

        if (devAuth)
        {
            // A browser cannot add the sign-in headers: the development sign-in keeps the principal id in a
            // cookie instead, as App Service Authentication keeps its session, and the paths mirror its own.
            app.MapGet(DevSignInPath, (HttpContext c) =>
            {
                if (Query(c.Request, "principal") is not { Length: <= 256 } principal)
                    return Results.BadRequest("Ajoutez ?principal=ID. / Add ?principal=ID.");
                c.Response.Cookies.Append(DevPrincipalCookie, principal, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Results.Redirect("/");
            });
            // The page's "Se connecter" link goes to the platform's Entra sign-in, which only Azure serves:
            // locally it opens a form that asks for the principal id and signs in through the path above.
            app.MapGet(EntraSignInPath, () => Results.Content(DevSignInForm, "text/html; charset=utf-8"));
            app.MapGet("/.auth/logout", (HttpContext c) =>
            {
                c.Response.Cookies.Delete(DevPrincipalCookie, new CookieOptions { Path = "/" });
                return Results.Redirect("/");
            });
        }

        app.MapGet("/", (HttpContext c) => WriteAsync(c, EspacePage.Get(null)));
        app.MapGet("/{file}", (HttpContext c, string file) => WriteAsync(c, EspacePage.Get(file)));
        app.MapGet("/api/me", async (HttpContext c) => await WriteAsync(c, await api.MeAsync(Caller(c.Request), c.RequestAborted)));
        app.MapPost("/api/uploads", async (HttpContext c) =>
            await WriteAsync(c, await api.CreateUploadAsync(Caller(c.Request), c.Request.Body, c.RequestAborted)));
        app.MapGet("/api/submissions", async (HttpContext c) => await WriteAsync(c, await api.SubmissionsAsync(
            Caller(c.Request), Query(c.Request, "exercice"), Query(c.Request, "since"), Query(c.Request, "format"), c.RequestAborted)));
        app.MapGet("/api/submissions/{id}/report", async (HttpContext c, string id) =>
            await WriteAsync(c, await api.ReportAsync(Caller(c.Request), id, WantsJson(c.Request), c.RequestAborted)));
        app.MapGet("/api/template", async (HttpContext c) =>
            await WriteAsync(c, await api.TemplateAsync(Caller(c.Request), Query(c.Request, "format"), c.RequestAborted)));
        // Anything else under /api/ is not found, and still says who may ask: 401 without a principal.
        app.Map("/api/{**rest}", async (HttpContext c) => await WriteAsync(c, await api.MeAsync(Caller(c.Request), c.RequestAborted) is { Status: 401 } refusal
            ? refusal
            : new BiReadResponse(404, "application/json; charset=utf-8", "{\"error\":\"Introuvable. / Not found.\"}"u8.ToArray())));
    }

    private static bool WantsJson(HttpRequest r) =>
        r.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies an answer of the library out: status, type, download name, body.</summary>
    private static async Task WriteAsync(HttpContext context, BiReadResponse answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        if (answer.FileName is { } name) context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>Lets the page PUT a file to Azurite with its SAS URL: CORS for this server's origin, PUT only.</summary>
    private static async Task AllowBrowserUploadsAsync(StorageClients storage, int port, CancellationToken cancellationToken)
    {
        var properties = (await storage.Blobs.GetPropertiesAsync(cancellationToken)).Value;
        properties.Cors = [new BlobCorsRule
        {
            AllowedOrigins = $"http://localhost:{port},http://127.0.0.1:{port}",
            AllowedMethods = "PUT",
            AllowedHeaders = "*",
            ExposedHeaders = "*",
            MaxAgeInSeconds = 600,
        }];
        await storage.Blobs.SetPropertiesAsync(properties, cancellationToken);
    }
}
