namespace SolidaritePipeline.Storage;

/// <summary>Every container and table name of design.md section 5, in one place.</summary>
public static class StorageNames
{
    public const string UploadsContainer = "uploads";
    public const string ArchiveContainer = "archive";
    public const string RejectedContainer = "rejected";
    public const string ReportsContainer = "reports";
    public const string NormalizedContainer = "normalized";
    public const string OpenDataContainer = "opendata";
    public const string TemplatesContainer = "templates";

    public const string RegionalTotalsTable = "RegionalTotals";
    public const string MandataireTotalsTable = "MandataireTotals";
    public const string SubmissionsTable = "Submissions";
    public const string MandataireAccessTable = "MandataireAccess";

    public static IReadOnlyList<string> Containers { get; } =
        [UploadsContainer, ArchiveContainer, RejectedContainer, ReportsContainer, NormalizedContainer, OpenDataContainer, TemplatesContainer];

    public static IReadOnlyList<string> Tables { get; } =
        [RegionalTotalsTable, MandataireTotalsTable, SubmissionsTable, MandataireAccessTable];
}
