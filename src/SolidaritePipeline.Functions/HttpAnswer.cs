using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>
/// An answer of the library (<see cref="BiReadResponse"/>) copied out as it is: status, type, download
/// name, body. It writes the response itself, so it needs none of MVC's result executors.
/// </summary>
public sealed class HttpAnswer(BiReadResponse answer) : IActionResult
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public BiReadResponse Answer { get; } = answer;

    /// <summary>A JSON body with <paramref name="status"/>.</summary>
    public static HttpAnswer Json<T>(int status, T value) =>
        new(new BiReadResponse(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, Web)));

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Answer.Status;
        response.ContentType = Answer.ContentType;
        response.Headers.CacheControl = "no-store";
        if (Answer.FileName is { } name) response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await response.Body.WriteAsync(Answer.Body, context.HttpContext.RequestAborted);
    }
}

/// <summary>What the functions read from a request: the signed-in principal's headers and the query string.</summary>
internal static class HttpRequests
{
    /// <summary>The headers App Service Authentication sets (and strips from what the client sent).</summary>
    public static EspaceCaller Caller(HttpRequest request) => new(
        Header(request, ClientPrincipal.IdHeaderName), Header(request, ClientPrincipal.NameHeaderName), Header(request, ClientPrincipal.HeaderName));

    public static string? Header(HttpRequest request, string name) =>
        request.Headers[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    public static string? Query(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));
}
