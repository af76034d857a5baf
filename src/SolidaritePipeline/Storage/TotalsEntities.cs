using Azure.Data.Tables;
using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Storage;

/// <summary>Maps totals to and from table entities, with the property names of the shared settings.</summary>
internal static class TotalsEntities
{
    public static TableEntity ToEntity(MandataireTotal row, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(row.Exercice, row.Mandataire)
        {
            ["RegionCode"] = row.RegionCode,
            ["RegionName"] = row.RegionName,
            ["SubmissionId"] = row.SubmissionId,
            ["SubmissionUploadedAt"] = row.SubmissionUploadedAt,
            ["NormalizedBlob"] = row.NormalizedBlob,
            ["UpdatedAt"] = updatedAt,
        };
        WriteMeasures(entity, row.Totals);
        return entity;
    }

    public static MandataireTotal ToMandataireTotal(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("RegionCode") ?? "",
        entity.GetString("RegionName") ?? "",
        ReadMeasures(entity),
        entity.GetString("SubmissionId") ?? "",
        entity.GetDateTimeOffset("SubmissionUploadedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("NormalizedBlob") ?? "");

    public static TableEntity ToEntity(RegionalTotal row, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(row.Exercice, row.RegionCode)
        {
            ["RegionName"] = row.RegionName,
            ["MandataireCount"] = row.MandataireCount,
            ["UpdatedAt"] = updatedAt,
        };
        WriteMeasures(entity, row.Totals);
        return entity;
    }

    public static RegionalTotal ToRegionalTotal(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("RegionName") ?? "",
        entity.GetInt32("MandataireCount") ?? 0,
        ReadMeasures(entity),
        entity.GetDateTimeOffset("UpdatedAt"));

    public static void WriteMeasures(TableEntity entity, SubmissionTotals totals)
    {
        entity["ProjectCount"] = totals.ProjectCount;
        entity["CancelledProjectCount"] = totals.CancelledProjectCount;
        entity["FqisAmountCents"] = totals.FqisAmountCents;
        entity["OtherAmountCents"] = totals.OtherAmountCents;
        entity["PeopleReached"] = totals.PeopleReached;
    }

    public static SubmissionTotals ReadMeasures(TableEntity entity) => new(
        entity.GetInt32("ProjectCount") ?? 0,
        entity.GetInt32("CancelledProjectCount") ?? 0,
        ReadInt64(entity, "FqisAmountCents"),
        ReadInt64(entity, "OtherAmountCents"),
        ReadInt64(entity, "PeopleReached"));

    // A person editing a row in Storage Explorer may save an Int64 as Int32; read both.
    private static long ReadInt64(TableEntity entity, string name) => entity.TryGetValue(name, out var value) switch
    {
        false => 0,
        true => value switch { long l => l, int i => i, string s when long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) => p, _ => 0 },
    };
}
