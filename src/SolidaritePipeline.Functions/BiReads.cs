using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidaritePipeline.Access;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Publishing;
using static SolidaritePipeline.Functions.HttpRequests;

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
    public async Task<IActionResult> Totals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/totals")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await api.TotalsAsync(BiRequest(request), cancellationToken));

    [Function("GetMandataireTotals")]
    public async Task<IActionResult> MandataireTotals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mandataire-totals")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await api.MandataireTotalsAsync(BiRequest(request), cancellationToken));

    [Function("GetSubmissions")]
    public async Task<IActionResult> Submissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await espace.SubmissionsAsync(
            Caller(request), Query(request, "exercice"), Query(request, "since"), Query(request, "format"), cancellationToken));

    private static BiReadRequest BiRequest(HttpRequest request) =>
        new(Header(request, ClientPrincipal.HeaderName), Query(request, "exercice"), Query(request, "format"), Query(request, "since"));
}
