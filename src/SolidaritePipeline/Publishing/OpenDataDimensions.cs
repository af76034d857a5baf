using System.Globalization;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Publishing;

/// <summary>An exercice of the open data: its code and the dates it runs, 1 April to 31 March.</summary>
public sealed record ExerciceDates(string Code, DateOnly Start, DateOnly End)
{
    /// <summary>From a code <c>AAAA-AAAA</c> already validated at ingestion.</summary>
    public static ExerciceDates FromCode(string code)
    {
        var start = int.Parse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        return new ExerciceDates(code, new DateOnly(start, 4, 1), new DateOnly(start + 1, 3, 31));
    }
}

/// <summary>
/// The dimension tables of the snapshot's star schema (design.md section 6): one row per stable code,
/// the key the fact tables' foreign keys name. Names and labels come from the versioned files of
/// <c>ReferenceData</c>, so the ministry changes a label without a code change.
/// </summary>
public static class OpenDataDimensions
{
    public static OpenDataTable<Region> Regions(ReferenceCatalog catalog) => new(
        "regions",
        "Régions administratives du Québec",
        "Les 17 régions administratives du Québec : code à deux chiffres et nom.",
        [
            (Code("Code de la région administrative (01 à 17).", catalog.Regions.Select(r => r.Code)), r => OpenDataCell.String(r.Code)),
            (new("nom", OpenDataType.String, "Nom", "Nom de la région administrative."), r => OpenDataCell.String(r.Name)),
        ],
        ["code"]);

    public static OpenDataTable<Mandataire> Mandataires(ReferenceCatalog catalog) => new(
        "mandataires",
        "Mandataires des Alliances pour la solidarité",
        "Les mandataires régionaux des Alliances pour la solidarité : code (stable), nom du territoire qu'ils desservent, région administrative.",
        [
            (Code("Code du mandataire, le même dans toutes les tables.", catalog.Mandataires.Select(m => m.Code)), m => OpenDataCell.String(m.Code)),
            (new("nom", OpenDataType.String, "Nom", "Nom du territoire du mandataire."), m => OpenDataCell.String(m.Territory)),
            (OpenDataTables.RegionCode(catalog), m => OpenDataCell.String(m.RegionCode)),
        ],
        ["code"],
        [new("region_code", "regions")]);

    public static OpenDataTable<ExerciceDates> Exercices() => new(
        "exercices",
        "Exercices financiers",
        "Les exercices financiers publiés, du 1er avril au 31 mars : chaque exercice dont une reddition de comptes a été acceptée.",
        [
            (OpenDataTables.Exercice() with { Name = "code" }, e => OpenDataCell.String(e.Code)),
            (new("date_debut", OpenDataType.Date, "Date de début", "Premier jour de l'exercice (1er avril, AAAA-MM-JJ)."), e => OpenDataCell.Date(e.Start)),
            (new("date_fin", OpenDataType.Date, "Date de fin", "Dernier jour de l'exercice (31 mars, AAAA-MM-JJ)."), e => OpenDataCell.Date(e.End)),
        ],
        ["code"]);

    public static OpenDataTable<CodeLabel> Axes() => Labels("axes", "Axes d'intervention", "Les axes d'intervention des projets.", CodeLists.Axes);

    public static OpenDataTable<CodeLabel> Clienteles() => Labels("clienteles", "Clientèles cibles", "Les clientèles visées par les projets.", CodeLists.Clienteles);

    public static OpenDataTable<CodeLabel> Statuts() => Labels("statuts", "Statuts des projets", "Les états d'un projet ; les projets annulés sont comptés à part.", CodeLists.Statuts);

    private static OpenDataTable<CodeLabel> Labels(string name, string title, string description, IReadOnlyList<CodeLabel> values) => new(
        name,
        title,
        description + " Code stable, libellés en français et en anglais.",
        [
            (Code("Code stable, celui des autres tables.", values.Select(v => v.Code)), v => OpenDataCell.String(v.Code)),
            (new("libelle_fr", OpenDataType.String, "Libellé français", "Libellé en français."), v => OpenDataCell.String(v.LabelFr)),
            (new("libelle_en", OpenDataType.String, "Libellé anglais", "Libellé en anglais (English label)."), v => OpenDataCell.String(v.LabelEn)),
        ],
        ["code"]);

    private static OpenDataField Code(string description, IEnumerable<string> values) =>
        new("code", OpenDataType.String, "Code", description, Enum: values.ToArray());
}
