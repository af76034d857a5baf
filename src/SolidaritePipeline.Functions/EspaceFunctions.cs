using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidaritePipeline.Espace;
using static SolidaritePipeline.Functions.HttpRequests;

namespace SolidaritePipeline.Functions;

/// <summary>
/// The Espace mandataire (design.md section 9): the page at <c>/</c> (host.json's route prefix is empty,
/// so every route here is the whole path) and its API under <c>/api/</c>, as <c>solidarite serve</c> serves
/// them. App Service Authentication lets the page's three files through without a session, so that it can
/// ask a signed-out visitor to sign in; every API route stays behind it (infra/modules/functionapp.bicep). Each function copies the signed-in principal's
/// headers in, makes one call into <see cref="EspaceApi"/>, and copies the answer out.
/// <c>GET api/submissions</c> is <see cref="BiReads"/>' route, which asks the same API.
/// </summary>
public sealed class EspaceFunctions(EspaceApi api)
{
    [Function("GetMe")]
    public async Task<IActionResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await api.MeAsync(Caller(request), cancellationToken));

    [Function("CreateUpload")]
    public async Task<IActionResult> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await api.CreateUploadAsync(Caller(request), request.Body, cancellationToken));

    [Function("GetSubmissionReport")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{id}/report")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        new HttpAnswer(await api.ReportAsync(Caller(request), id, WantsJson(request), cancellationToken));

    [Function("GetTemplate")]
    public async Task<IActionResult> Template(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/template")] HttpRequest request, CancellationToken cancellationToken) =>
        new HttpAnswer(await api.TemplateAsync(Caller(request), Query(request, "format"), cancellationToken));

    /// <summary>
    /// The page at <c>/</c> and its two files at <c>/espace.css</c> and <c>/espace.js</c>. An empty route
    /// never matches the site root in the Functions host; an optional parameter does. The file is read from
    /// the path, not bound: an absent optional route value is not reliably bound as null.
    /// </summary>
    [Function("GetEspacePage")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoute)] HttpRequest request) =>
        new HttpAnswer(EspacePage.Get(request.Path.Value));

    public const string PageRoute = "{file:regex(^espace\\.(css|js)$)?}";
}
