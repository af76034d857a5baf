using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary><c>GET /api/health</c>: the probe, outside App Service Authentication.</summary>
public sealed class Health
{
    [Function("Health")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        new HttpAnswer(new BiReadResponse(200, "text/plain; charset=utf-8", "ok"u8.ToArray()));
}
