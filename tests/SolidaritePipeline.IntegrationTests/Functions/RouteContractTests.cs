using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using SolidaritePipeline.Cli.Commands;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Functions;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Functions;

/// <summary>
/// The Espace mandataire's paths are one contract in Azure and on one machine: the page at <c>/</c>, every
/// API under <c>/api/</c>. host.json's route prefix is empty, so each function's route is its whole path.
/// </summary>
public sealed class RouteContractTests
{
    private static IReadOnlyList<(string Function, string Route)> HttpRoutes() =>
        typeof(FunctionsServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()?.Name,
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Name is not null && f.Trigger is not null)
            .Select(f => (f.Name!, f.Trigger!.Route ?? ""))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    private static bool PageRouteMatches(string path)
    {
        var parameter = Assert.Single(RoutePatternFactory.Parse(EspaceFunctions.PageRoute).Parameters);
        if (path.Length == 0) return parameter.IsOptional;
        var policy = Assert.Single(parameter.ParameterPolicies).Content!;
        var regex = policy["regex(".Length..^1];
        return !path.Contains('/', StringComparison.Ordinal)
               && new RegexRouteConstraint(regex).Match(null, null, parameter.Name, new RouteValueDictionary { [parameter.Name] = path }, RouteDirection.IncomingRequest);
    }

    [Fact]
    public void Host_json_drops_the_default_api_prefix_so_routes_are_whole_paths()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions", "host.json")));

        Assert.Equal("", hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Every_http_function_but_the_page_is_under_api_and_the_page_answers_at_the_root_and_its_two_files_only()
    {
        var routes = HttpRoutes();

        Assert.Equal(10, routes.Count);
        Assert.All(routes.Where(r => r.Function != "GetEspacePage"), r => Assert.StartsWith("api/", r.Route, StringComparison.Ordinal));
        Assert.Equal(EspaceFunctions.PageRoute, routes.Single(r => r.Function == "GetEspacePage").Route);
        Assert.True(PageRouteMatches(""));
        Assert.True(PageRouteMatches("espace.css"));
        Assert.True(PageRouteMatches("espace.js"));
        Assert.False(PageRouteMatches("api"));
        Assert.False(PageRouteMatches("espace"));
        Assert.False(PageRouteMatches("espace.css.map"));
        Assert.False(PageRouteMatches("health"));
    }

    [Fact]
    public async Task Serve_answers_every_Espace_route_of_the_Functions_app_at_the_same_path()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();
        var api = EspaceApi.Create(StorageClients.FromConnectionString("UseDevelopmentStorage=true"), ReferenceCatalog.Default, TimeProvider.System, 1024);
        ServeCommand.Map(app, api, devAuth: false);
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToHashSet(StringComparer.Ordinal);

        foreach (var (function, route) in HttpRoutes().Where(r => r.Function.StartsWith("Get", StringComparison.Ordinal) || r.Function == "CreateUpload"))
        {
            if (function is "GetTotals" or "GetMandataireTotals") continue; // BI reads: the Functions app's alone.
            Assert.Contains(function == "GetEspacePage" ? "/" : "/" + route, served);
        }

        Assert.Contains("/{file}", served);
    }

    [Fact]
    public async Task A_function_copies_the_library_answer_out_as_an_action_result_status_type_and_body()
    {
        var functions = new EspaceFunctions(EspaceApi.Create(
            StorageClients.FromConnectionString("UseDevelopmentStorage=true"), ReferenceCatalog.Default, TimeProvider.System, 1024));
        var anonymous = new DefaultHttpContext();

        var me = await Execute(await functions.Me(anonymous.Request, CancellationToken.None));
        var page = await Execute(functions.Page(Get("/")));
        var script = await Execute(functions.Page(Get("/espace.js")));
        var health = await Execute(new Health().Run(new DefaultHttpContext().Request));

        Assert.Equal((401, "application/json; charset=utf-8"), (me.Status, me.Type));
        Assert.Contains("error", me.Body, StringComparison.Ordinal);
        Assert.Equal((200, "text/html; charset=utf-8"), (page.Status, page.Type));
        Assert.Contains("<html lang=\"fr\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("src=\"espace.js\"", page.Body, StringComparison.Ordinal);
        Assert.Equal((200, "text/javascript; charset=utf-8"), (script.Status, script.Type));
        Assert.Contains("/api/me", script.Body, StringComparison.Ordinal);
        Assert.Equal((200, "ok"), (health.Status, health.Body));
    }

    private static HttpRequest Get(string path) => new DefaultHttpContext { Request = { Method = "GET", Path = path } }.Request;

    private static async Task<(int Status, string? Type, string Body)> Execute(IActionResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
