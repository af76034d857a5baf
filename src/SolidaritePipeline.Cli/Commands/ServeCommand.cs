using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>serve --port N [--dev-auth]</c>: the Espace mandataire on one machine: the page at <c>/</c>, the
/// API under <c>/api/</c> (the same <see cref="EspaceApi"/> the Functions app calls), and <c>run</c>'s
/// processing loop so uploads get their verdict. There is no App Service Authentication here: with
/// <c>--dev-auth</c>, refused unless the storage is local, the server trusts the
/// <c>X-MS-CLIENT-PRINCIPAL-ID</c>/<c>-NAME</c> headers as sent, or the id a browser gave at
/// <see cref="DevSignInPath"/>; without it, nobody is signed in (401).
/// </summary>
public sealed class ServeCommand : ICommand
{
    public string Name => "serve";
    public string Usage => "serve --port N [--dev-auth] [--interval SECONDS] [--storage CONN | --account NAME]";
    public string Summary => "Serve the Espace mandataire and its API on http://localhost:N, and process uploads as run does.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["port", "interval", "storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = ["dev-auth"];

    /// <summary>With <c>--dev-auth</c>, <c>GET /.auth/login/dev?principal=ID</c> signs a browser in as ID (a cookie).</summary>
    public const string DevSignInPath = "/.auth/login/dev";

    internal const string DevPrincipalCookie = "solidarite-dev-principal";

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var port = Port(args);
        var interval = TimeSpan.FromSeconds(Math.Max(1, args.LongOption("interval", 2)));
        var devAuth = args.Flag("dev-auth");
        // A usage error before the storage is probed: it needs no answer from the storage to be wrong.
        if (devAuth) RequireLocal(CliStorage.Clients(args, context));
        var services = await CliStorage.OpenAsync(args, context);

        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        // The page's template links read what is published; on one machine, serve publishes it itself.
        await TemplatePublisher.PublishAsync(services.Storage.Blobs, services.Catalog, context.CancellationToken);
        await ServeAsync(services, port, devAuth, interval, context);
        return CliApp.ExitOk;
    }

    /// <summary><c>--port</c>, 8080 when absent.</summary>
    internal static int Port(CommandArgs args)
    {
        var port = args.LongOption("port", 8080);
        return port is >= 1 and <= 65535 ? (int)port : throw new UsageException($"--port takes 1 to 65535, not {port}.");
    }

    /// <summary><c>--dev-auth</c> trusts sign-in headers as sent: only over Azurite or a loopback storage.</summary>
    internal static void RequireLocal(StorageClients storage)
    {
        if (!storage.Blobs.Uri.IsLoopback)
            throw new UsageException("--dev-auth trusts sign-in headers as sent: it is refused unless the storage is local (Azurite or loopback).");
    }

    /// <summary>
    /// The page at <c>/</c> and the API under <c>/api/</c> on <c>http://localhost:<paramref name="port"/></c>, over
    /// <paramref name="services"/>' storage, with <c>run</c>'s processing loop, until the context is cancelled.
    /// Prints the URL on standard output once the server answers. <c>serve</c> and <c>demo --serve</c> both call it.
    /// </summary>
    internal static async Task ServeAsync(IngestionServices services, int port, bool devAuth, TimeSpan interval, CliContext context)
    {
        if (devAuth) RequireLocal(services.Storage);
        if (services.Storage.Blobs.Uri.IsLoopback) await AllowBrowserUploadsAsync(services.Storage, port, context.CancellationToken);

        var api = EspaceApi.Create(services.Storage, services.Catalog, context.Time, services.Validator.Options.MaxBytes,
            line => context.Error.WriteLine(line));
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
