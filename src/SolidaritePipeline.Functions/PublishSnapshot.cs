using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidaritePipeline.Publishing;
using static SolidaritePipeline.Functions.HttpRequests;

namespace SolidaritePipeline.Functions;

/// <summary>On-demand publication: <c>POST /api/publish[?date=AAAA-MM-JJ]</c> (function key); default date is today in Québec.</summary>
public sealed class PublishSnapshot(SnapshotPublisher publisher, TimeProvider time)
{
    [Function(nameof(PublishSnapshot))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/publish")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var text = Query(request, "date");
        DateOnly date;
        if (text is null) date = PublicationDate.Today(time);
        else if (!PublicationDate.TryParse(text, out date))
            return HttpAnswer.Json(400, new { error = $"Date invalide « {text} » : écrivez AAAA-MM-JJ. / Invalid date '{text}': write YYYY-MM-DD." });

        var result = await publisher.PublishAsync(date, cancellationToken);
        return HttpAnswer.Json(200, new
        {
            date = OpenDataFormat.Date(result.Date),
            path = result.Path,
            generatedAt = result.GeneratedAt,
            projects = result.ProjectCount,
            regionalTotals = result.RegionalTotalCount,
            exercices = result.Exercices,
            files = result.Files.Select(f => new { name = f.Name, bytes = f.Bytes, sha256 = f.Sha256 }),
        });
    }
}
