using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tools.Demo;

/// <summary>Lays out projects in a format, makes the file's mistake, and writes its bytes.</summary>
internal sealed class SyntheticFileBuilder(ReferenceCatalog catalog)
{
    // Rows (0-based project indices) where the mistakes go: inside the file, not on its first line.
    public const int AmbiguousAmountIndex = 6;
    public const decimal AmbiguousAmountMeant = 1_500m;
    private const int ForeignRegionIndex = 11;
    private const int DuplicateNumberIndex = 4;
    private const int EndBeforeStartIndex = 8;

    public SyntheticFile Build(
        Mandataire mandataire, int round, string baseName, SubmissionFormat format, IReadOnlyList<Project> projects, SyntheticMistake mistake)
    {
        var table = SyntheticTable.From(projects, format, catalog);
        var errors = MakeMistake(table, mistake, format, mandataire);
        var content = SyntheticFileWriter.Write(table, format, SyntheticSubmissions.Exercice);
        return new SyntheticFile(
            mandataire.Code, round, baseName + SyntheticFileWriter.Extension(format), format, mistake, errors, [.. projects], content);
    }

    private IReadOnlyList<ExpectedError> MakeMistake(SyntheticTable table, SyntheticMistake mistake, SubmissionFormat format, Mandataire mandataire)
    {
        // The row a person sees: spreadsheets count the header as row 1, JSON counts projects from 1.
        var json = format is SubmissionFormat.JsonArray or SubmissionFormat.JsonEnvelope;
        int RowOf(int index) => json ? index + 1 : index + 2;

        switch (mistake)
        {
            case SyntheticMistake.None:
                return [];
            case SyntheticMistake.AmbiguousAmount:
                table.Set(AmbiguousAmountIndex, "montant_fqis", "1,500");
                return [new("type-error", RowOf(AmbiguousAmountIndex), "montant_fqis")];
            case SyntheticMistake.ForeignRegion:
                var other = catalog.Regions.First(r => r.Code != mandataire.RegionCode && r.Code is "06" or "03");
                table.Set(ForeignRegionIndex, "region_code", format == SubmissionFormat.CsvWindows1252Semicolon ? other.Name : other.Code);
                return [new("region-mismatch", RowOf(ForeignRegionIndex), "region_code")];
            case SyntheticMistake.MissingColumn:
                table.RemoveColumn("personnes_rejointes");
                return [new("missing-label", 1, "personnes_rejointes")]; // the header row
            case SyntheticMistake.DuplicateNumberAndEndBeforeStart:
                table.Set(DuplicateNumberIndex, "no_projet", table.Get(DuplicateNumberIndex - 1, "no_projet"));
                table.Set(EndBeforeStartIndex, "date_fin", ((DateOnly)table.Get(EndBeforeStartIndex, "date_debut")!).AddDays(-14));
                return
                [
                    new("unique-error", RowOf(DuplicateNumberIndex), "no_projet"),
                    new("constraint-error", RowOf(EndBeforeStartIndex), "date_fin"),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null);
        }
    }
}
