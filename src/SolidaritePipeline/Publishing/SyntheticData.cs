namespace SolidaritePipeline.Publishing;

/// <summary>
/// Whether the data in a storage account came from the demo generator. The demo leaves a marker blob
/// beside the normalised submissions before it uploads anything; the publisher reads it and then says
/// "synthetic" in the page, the data package and every CSV, so a screenshot never passes for an
/// official publication. A real account never holds the marker, and its publications carry no mark.
/// </summary>
public static class SyntheticData
{
    public const string ColumnName = "donnees_synthetiques";
    public const string NoticeFr = "Données synthétiques produites par le générateur de démonstration : ce ne sont pas des données officielles.";
    public const string NoticeEn = "Synthetic data made by the demo generator: not official data.";

    /// <summary>The column every CSV of a synthetic snapshot ends with, <c>true</c> on every row.</summary>
    public static OpenDataField Field { get; } = new(ColumnName, OpenDataType.Boolean, "Données synthétiques",
        "Vrai sur chaque ligne : " + NoticeFr);

    public static OpenDataTable Mark(OpenDataTable table) => table with
    {
        TitleFr = table.TitleFr + " (données synthétiques)",
        DescriptionFr = NoticeFr + " " + table.DescriptionFr,
        Fields = [.. table.Fields, Field],
    };
}
