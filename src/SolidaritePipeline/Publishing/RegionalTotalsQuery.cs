using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Publishing;

/// <summary>An exercice that is not <c>AAAA-AAAA</c> with consecutive years; its message is bilingual, French first.</summary>
public sealed class InvalidExerciceException(string value) : Exception(
    $"Exercice invalide « {value} » : écrivez AAAA-AAAA, deux années consécutives (ex. 2022-2023). / " +
    $"Invalid exercice '{value}': write YYYY-YYYY, two consecutive years (e.g. 2022-2023).");

/// <summary>
/// Reads the <c>RegionalTotals</c> table for the <c>GetTotals</c> function, and renders it as JSON or
/// CSV with both cents and dollars, so an analyst needs no conversion and loses no precision.
/// </summary>
public sealed class RegionalTotalsQuery(TableServiceClient tables)
{
    public static string NormaliseExercice(string value) =>
        ValueParsers.ParseExercice(value, out var start) == ParseOutcome.Ok
            ? ValueParsers.FormatExercice(start)
            : throw new InvalidExerciceException(value);

    /// <summary>Rows of one exercice (or every exercice when null), ordered by exercice then region code.</summary>
    public async Task<IReadOnlyList<RegionalTotal>> ReadAsync(string? exercice, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(StorageNames.RegionalTotalsTable);
        var filter = exercice is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {NormaliseExercice(exercice)}");
        var rows = new List<RegionalTotal>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(TotalsEntities.ToRegionalTotal(entity));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: no totals.
        }

        return rows.OrderBy(r => r.Exercice, StringComparer.Ordinal).ThenBy(r => r.RegionCode, StringComparer.Ordinal).ToArray();
    }

    public static byte[] ToJson(IReadOnlyList<RegionalTotal> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, SnapshotRows.JsonOptions))
        {
            json.WriteStartArray();
            foreach (var r in rows)
            {
                json.WriteStartObject();
                json.WriteString("exercice", r.Exercice);
                json.WriteString("regionCode", r.RegionCode);
                json.WriteString("regionName", r.RegionName);
                json.WriteNumber("mandataireCount", r.MandataireCount);
                json.WriteNumber("projectCount", r.Totals.ProjectCount);
                json.WriteNumber("cancelledProjectCount", r.Totals.CancelledProjectCount);
                json.WriteNumber("fqisAmountCents", r.Totals.FqisAmountCents);
                json.WritePropertyName("fqisAmount");
                json.WriteRawValue(OpenDataFormat.Amount(r.Totals.FqisAmountCents), skipInputValidation: true);
                json.WriteNumber("otherAmountCents", r.Totals.OtherAmountCents);
                json.WritePropertyName("otherAmount");
                json.WriteRawValue(OpenDataFormat.Amount(r.Totals.OtherAmountCents), skipInputValidation: true);
                json.WriteNumber("peopleReached", r.Totals.PeopleReached);
                if (r.UpdatedAt is { } updated) json.WriteString("updatedAt", updated.ToUniversalTime());
                else json.WriteNull("updatedAt");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The same columns as the JSON, in the snapshot's CSV form (BOM, <c>,</c>, <c>.</c>, CRLF).</summary>
    public static async Task<byte[]> ToCsvAsync(IReadOnlyList<RegionalTotal> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var csv = new OpenDataCsv(buffer))
        {
            csv.Header(["exercice", "regionCode", "regionName", "mandataireCount", "projectCount", "cancelledProjectCount",
                "fqisAmountCents", "fqisAmount", "otherAmountCents", "otherAmount", "peopleReached", "updatedAt"]);
            foreach (var r in rows)
            {
                csv.Text(r.Exercice);
                csv.Text(r.RegionCode);
                csv.Text(r.RegionName);
                csv.Integer(r.MandataireCount);
                csv.Integer(r.Totals.ProjectCount);
                csv.Integer(r.Totals.CancelledProjectCount);
                csv.Integer(r.Totals.FqisAmountCents);
                csv.Cents(r.Totals.FqisAmountCents);
                csv.Integer(r.Totals.OtherAmountCents);
                csv.Cents(r.Totals.OtherAmountCents);
                csv.Integer(r.Totals.PeopleReached);
                csv.Raw(r.UpdatedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "");
                csv.EndRow();
            }

            await csv.FlushAsync(cancellationToken);
        }

        return buffer.ToArray();
    }
}
