using System.Text;
using System.Text.Json;
using SolidaritePipeline.Access;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.ReadApi;

/// <summary>What a BI read was asked: the caller's <c>X-MS-CLIENT-PRINCIPAL</c> header and the query string's values.</summary>
public sealed record BiReadRequest(string? Principal, string? Exercice = null, string? Format = null, string? Since = null);

/// <summary>What a BI read answers: an HTTP status, a content type, the body, and a file name for CSV downloads.</summary>
public sealed record BiReadResponse(int Status, string ContentType, byte[] Body, string? FileName = null)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// The ministry's read API (<c>GET api/totals</c>, <c>api/mandataire-totals</c>, <c>api/submissions</c>), whole
/// but for HTTP: the reader check (401 without a principal, 403 without the role), <c>exercice</c>,
/// <c>since</c> and <c>format</c> (json or csv), bilingual errors. The Functions host only copies the
/// request in and the response out.
/// </summary>
public sealed class BiReadApi(RegionalTotalsQuery totals, MandataireTotalsQuery mandataireTotals, SubmissionsQuery submissions)
{
    /// <summary>The three reads over one source.</summary>
    public static BiReadApi Over(IPublishedData data) => new(new RegionalTotalsQuery(data), new MandataireTotalsQuery(data), new SubmissionsQuery(data));

    private const string JsonType = "application/json; charset=utf-8";

    public Task<BiReadResponse> TotalsAsync(BiReadRequest request, CancellationToken cancellationToken) =>
        RespondAsync(request, "totaux", async () =>
        {
            var rows = await totals.ReadAsync(request.Exercice, cancellationToken);
            return (RegionalTotalsQuery.ToJson(rows), () => RegionalTotalsQuery.ToCsvAsync(rows, cancellationToken));
        });

    public Task<BiReadResponse> MandataireTotalsAsync(BiReadRequest request, CancellationToken cancellationToken) =>
        RespondAsync(request, "totaux-mandataires", async () =>
        {
            var rows = await mandataireTotals.ReadAsync(request.Exercice, cancellationToken);
            return (MandataireTotalsQuery.ToJson(rows), () => MandataireTotalsQuery.ToCsvAsync(rows, cancellationToken));
        });

    public Task<BiReadResponse> SubmissionsAsync(BiReadRequest request, CancellationToken cancellationToken) =>
        RespondAsync(request, "soumissions", async () =>
        {
            var since = request.Since is null ? (DateTimeOffset?)null : SubmissionsQuery.ParseSince(request.Since);
            var rows = await submissions.ReadAsync(request.Exercice, since, cancellationToken);
            return (SubmissionsQuery.ToJson(rows), () => SubmissionsQuery.ToCsvAsync(rows, cancellationToken));
        });

    private static async Task<BiReadResponse> RespondAsync(
        BiReadRequest request, string fileStem, Func<Task<(byte[] Json, Func<Task<byte[]>> Csv)>> read)
    {
        var verdict = ReaderAccess.Check(request.Principal);
        if (verdict != AccessVerdict.Allowed)
            return Error(verdict == AccessVerdict.Unauthenticated ? 401 : 403, ReaderAccess.Message(verdict));

        var format = string.IsNullOrEmpty(request.Format) ? "json" : request.Format.ToLowerInvariant();
        if (format is not ("json" or "csv"))
            return Error(400, $"Format inconnu « {format} » : json ou csv. / Unknown format '{format}': json or csv.");

        (byte[] Json, Func<Task<byte[]>> Csv) result;
        try
        {
            result = await read();
        }
        catch (Exception error) when (error is InvalidExerciceException or InvalidSinceException)
        {
            return Error(400, error.Message);
        }

        return format == "csv"
            ? new BiReadResponse(200, "text/csv; charset=utf-8", await result.Csv(), $"{fileStem}-{request.Exercice ?? "tous"}.csv")
            : new BiReadResponse(200, JsonType, result.Json);
    }

    /// <summary>A refusal as JSON <c>{ "error": … }</c>, the message French first.</summary>
    private static BiReadResponse Error(int status, string message) =>
        new(status, JsonType, JsonSerializer.SerializeToUtf8Bytes(new { error = message }));
}
