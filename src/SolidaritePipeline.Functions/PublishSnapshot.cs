using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>On-demand publication: <c>POST /api/publish[?date=AAAA-MM-JJ]</c> (function key); default date is today in Québec.</summary>
public sealed class PublishSnapshot(SnapshotPublisher publisher, TimeProvider time)
{
    [Function(nameof(PublishSnapshot))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "publish")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var text = request.Query["date"];
        if (string.IsNullOrEmpty(text)) text = null;
        if (text is not null && !PublicationDate.TryParse(text, out _))
        {
            return await HttpResults.BadRequestAsync(request,
                $"Date invalide « {text} » : écrivez AAAA-MM-JJ. / Invalid date '{text}': write YYYY-MM-DD.", cancellationToken);
        }

        var date = text is null ? PublicationDate.Today(time) : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var result = await publisher.PublishAsync(date, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new
        {
            date = OpenDataFormat.Date(result.Date),
            path = result.Path,
            generatedAt = result.GeneratedAt,
            projects = result.ProjectCount,
            regionalTotals = result.RegionalTotalCount,
            exercices = result.Exercices,
            files = result.Files.Select(f => new { name = f.Name, bytes = f.Bytes, sha256 = f.Sha256 }),
        }, cancellationToken);
        return response;
    }
}
