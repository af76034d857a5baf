using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;

namespace SolidaritePipeline.Functions;

/// <summary>
/// The Espace mandataire (design.md section 9) behind App Service Authentication: each function copies
/// the signed-in principal's headers in, makes one call into <see cref="EspaceApi"/>, and copies the answer
/// out. <c>GET api/submissions</c> is <see cref="BiReads"/>' route, which asks the same API.
/// </summary>
public sealed class EspaceFunctions(EspaceApi api)
{
    [Function("GetMe")]
    public async Task<HttpResponseData> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.MeAsync(Caller(request), cancellationToken), cancellationToken);

    [Function("CreateUpload")]
    public async Task<HttpResponseData> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.CreateUploadAsync(Caller(request), request.Body, cancellationToken), cancellationToken);

    [Function("GetSubmissionReport")]
    public async Task<HttpResponseData> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submissions/{id}/report")] HttpRequestData request, string id,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.ReportAsync(Caller(request), id, WantsJson(request), cancellationToken), cancellationToken);

    [Function("GetTemplate")]
    public async Task<HttpResponseData> Template(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "template")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.TemplateAsync(Caller(request), request.Query["format"], cancellationToken), cancellationToken);

    /// <summary>The page and its two files, at <c>/api/espace</c>, <c>/api/espace.css</c> and <c>/api/espace.js</c>.</summary>
    [Function("GetEspacePage")]
    public async Task<HttpResponseData> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{file:regex(^espace(\\.css|\\.js)?$)}")] HttpRequestData request, string file,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, EspacePage.Get(file == "espace" ? null : file), cancellationToken);

    internal static EspaceCaller Caller(HttpRequestData request) => new(
        Header(request, ClientPrincipal.IdHeaderName), Header(request, ClientPrincipal.NameHeaderName), Header(request, ClientPrincipal.HeaderName));

    private static string? Header(HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool WantsJson(HttpRequestData request) =>
        Header(request, "Accept")?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true;
}
