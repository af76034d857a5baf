using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;

namespace SolidaritePipeline.Functions;

/// <summary>
/// The ministry's BI reads, signed in with Entra ID through App Service Authentication and the
/// <c>Ministere.Lecteur</c> role (no function key): <c>GET /api/totals</c>, <c>/api/mandataire-totals</c>
/// and <c>/api/submissions</c>, each with <c>?exercice=&amp;format=json|csv</c>, the last with <c>since=</c>.
/// The columns are those of the open data (docs/bi.md). <c>/api/submissions</c> also serves a mandataire
/// its own submissions (<see cref="EspaceApi.SubmissionsAsync"/> decides which audience the caller is).
/// </summary>
public sealed class BiReads(BiReadApi api, EspaceApi espace)
{
    [Function("GetTotals")]
    public async Task<HttpResponseData> Totals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "totals")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.TotalsAsync(BiRequest(request), cancellationToken), cancellationToken);

    [Function("GetMandataireTotals")]
    public async Task<HttpResponseData> MandataireTotals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mandataire-totals")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await api.MandataireTotalsAsync(BiRequest(request), cancellationToken), cancellationToken);

    [Function("GetSubmissions")]
    public async Task<HttpResponseData> Submissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submissions")] HttpRequestData request, CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(request, await espace.SubmissionsAsync(
            EspaceFunctions.Caller(request), NullIfEmpty(request.Query["exercice"]), NullIfEmpty(request.Query["since"]), NullIfEmpty(request.Query["format"]),
            cancellationToken), cancellationToken);

    private static BiReadRequest BiRequest(HttpRequestData request) => new(
        request.Headers.TryGetValues(ClientPrincipal.HeaderName, out var values) ? values.FirstOrDefault() : null,
        NullIfEmpty(request.Query["exercice"]),
        NullIfEmpty(request.Query["format"]),
        NullIfEmpty(request.Query["since"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

internal static class HttpResults
{
    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, BiReadResponse answer, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        if (answer.FileName is { } name) response.Headers.Add("Content-Disposition", $"attachment; filename=\"{name}\"");
        await response.Body.WriteAsync(answer.Body, cancellationToken);
        return response;
    }

    /// <summary>400 with a bilingual message, French first, as JSON <c>{ "error": … }</c>.</summary>
    public static async Task<HttpResponseData> BadRequestAsync(HttpRequestData request, string message, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse();
        await response.WriteAsJsonAsync(new { error = message }, cancellationToken);
        response.StatusCode = HttpStatusCode.BadRequest;
        return response;
    }
}
