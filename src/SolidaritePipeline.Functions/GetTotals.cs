using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>
/// BI read of <c>RegionalTotals</c>: <c>GET /api/totals?exercice=2022-2023&amp;format=json|csv</c> (function
/// key). Without <c>exercice</c>, every exercice. Amounts come in cents and in dollars.
/// </summary>
public sealed class GetTotals(RegionalTotalsQuery query)
{
    [Function(nameof(GetTotals))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "totals")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var format = request.Query["format"] is { Length: > 0 } f ? f.ToLowerInvariant() : "json";
        if (format is not ("json" or "csv"))
        {
            return await HttpResults.BadRequestAsync(request,
                $"Format inconnu « {format} » : json ou csv. / Unknown format '{format}': json or csv.", cancellationToken);
        }

        var exercice = request.Query["exercice"] is { Length: > 0 } e ? e : null;
        IReadOnlyList<SolidaritePipeline.Aggregation.RegionalTotal> rows;
        try
        {
            rows = await query.ReadAsync(exercice, cancellationToken);
        }
        catch (InvalidExerciceException error)
        {
            return await HttpResults.BadRequestAsync(request, error.Message, cancellationToken);
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        if (format == "csv")
        {
            response.Headers.Add("Content-Type", "text/csv; charset=utf-8");
            response.Headers.Add("Content-Disposition", $"attachment; filename=\"totaux-{exercice ?? "tous"}.csv\"");
            await response.Body.WriteAsync(await RegionalTotalsQuery.ToCsvAsync(rows, cancellationToken), cancellationToken);
        }
        else
        {
            response.Headers.Add("Content-Type", "application/json; charset=utf-8");
            await response.Body.WriteAsync(RegionalTotalsQuery.ToJson(rows), cancellationToken);
        }

        return response;
    }
}

internal static class HttpResults
{
    /// <summary>400 with a bilingual message, French first, as JSON <c>{ "error": … }</c>.</summary>
    public static async Task<HttpResponseData> BadRequestAsync(HttpRequestData request, string message, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse();
        await response.WriteAsJsonAsync(new { error = message }, cancellationToken);
        response.StatusCode = HttpStatusCode.BadRequest;
        return response;
    }
}
