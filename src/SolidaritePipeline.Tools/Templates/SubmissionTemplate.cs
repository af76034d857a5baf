using System.Globalization;
using System.Text;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Output;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tools.Templates;

/// <summary>
/// The report template a mandataire fills in, generated from <see cref="SchemaV1"/> (never drawn by
/// hand): one column per schema field, one synthetic example row to replace, and in the XLSX a
/// frozen header, a bilingual note on every header cell and drop-down lists for enumerated fields.
/// </summary>
/// <remarks>
/// The CSV twin is UTF-8 with a BOM and <c>;</c> as delimiter, with amounts written <c>12500,50</c>:
/// French-Canadian Excel opens it by double-click into the right columns and numbers, and the
/// validator detects the delimiter and accepts both decimal marks.
/// </remarks>
public static class SubmissionTemplate
{
    public const string XlsxFileName = PublishedTemplates.XlsxFileName;
    public const string CsvFileName = PublishedTemplates.CsvFileName;
    public const string SheetName = "Rapport";
    public const char CsvDelimiter = ';';

    /// <summary>The title of the example row, which says it is fictitious and must be replaced.</summary>
    public const string ExampleTitle = "Exemple fictif — à remplacer";

    /// <summary>The example's region: the mandataire's own when given, else the first region of the catalog.</summary>
    public static Region ExampleRegion(ReferenceCatalog catalog, string? mandataire)
    {
        if (mandataire is null) return catalog.Regions[0];
        var known = catalog.FindMandataire(mandataire)
            ?? throw new ArgumentException($"Unknown mandataire '{mandataire}'.", nameof(mandataire));
        return catalog.FindRegion(known.RegionCode)!;
    }

    /// <summary>The values a drop-down offers for a field: French labels, or region names; empty for free fields.</summary>
    public static IReadOnlyList<string> ListValues(SchemaField field, ReferenceCatalog catalog) =>
        field.Type == FieldType.RegionCode ? catalog.Regions.Select(r => r.Name).ToArray()
        : field.AllowedValues is { } allowed ? allowed.Select(v => v.LabelFr).ToArray()
        : [];

    /// <summary>The template's columns, one per schema field in schema order.</summary>
    public static IReadOnlyList<XlsxColumn> Columns(ReferenceCatalog catalog) =>
        SchemaV1.Fields.Select(field => new XlsxColumn(field.Name, FormatOf(field.Type))
        {
            Note = Note(field),
            AllowedValues = ListValues(field, catalog) is { Count: > 0 } values ? values : null,
            AllowOtherValues = field.Type == FieldType.RegionCode, // "05" is as good as "Estrie"
            Highlighted = field.Required,
            Width = field.Type switch
            {
                FieldType.Text when field.MaxLength > 100 => 40,
                FieldType.Email => 30,
                _ => null,
            },
        }).ToArray();

    /// <summary>The synthetic example row, one cell per schema field.</summary>
    public static IReadOnlyList<XlsxCell> ExampleRow(ReferenceCatalog catalog, string? mandataire = null)
    {
        var region = ExampleRegion(catalog, mandataire);
        return SchemaV1.Fields.Select(field => field.Name switch
        {
            "exercice" => XlsxCell.Text("2022-2023"),
            "no_projet" => XlsxCell.Text("EXEMPLE-001"),
            "titre_projet" => XlsxCell.Text(ExampleTitle),
            "organisme_promoteur" => XlsxCell.Text("Organisme fictif (exemple)"),
            "region_code" => XlsxCell.Text(region.Name),
            "municipalite" => XlsxCell.Text("Municipalité fictive"),
            "montant_fqis" => XlsxCell.Number(12500.50m),
            "montant_autres_sources" => XlsxCell.Number(2000m),
            "date_debut" => XlsxCell.Date(new DateOnly(2022, 4, 1)),
            "date_fin" => XlsxCell.Date(new DateOnly(2023, 3, 31)),
            "personnes_rejointes" => XlsxCell.Number(120m),
            "courriel_contact" => XlsxCell.Text("contact@example.org"),
            _ when field.AllowedValues is { Count: > 0 } allowed => XlsxCell.Text(allowed[0].LabelFr),
            _ => XlsxCell.Empty, // neq: optional, and a made-up number could be a real enterprise's
        }).ToArray();
    }

    public static void WriteXlsx(Stream output, ReferenceCatalog catalog, string? mandataire = null)
    {
        var example = ExampleRow(catalog, mandataire);
        using var sheet = XlsxSheetWriter.Create(output, SheetName, Columns(catalog));
        sheet.WriteRow([.. example]);
        sheet.Complete();
    }

    public static void WriteCsv(Stream output, ReferenceCatalog catalog, string? mandataire = null)
    {
        var example = ExampleRow(catalog, mandataire);
        using var csv = new CsvOutput(output, CsvDialect.Utf8Of(CsvDelimiter, "\r\n", byteOrderMark: true));
        csv.Row(SchemaV1.Fields.Select(f => f.Name));
        csv.Row(SchemaV1.Fields.Select((f, i) => CsvText(example[i], f.Type)));
    }

    private static XlsxColumnFormat FormatOf(FieldType type) => type switch
    {
        FieldType.Money => XlsxColumnFormat.Money,
        FieldType.Integer => XlsxColumnFormat.Integer,
        FieldType.Date => XlsxColumnFormat.Date,
        FieldType.Neq or FieldType.Text or FieldType.Exercice => XlsxColumnFormat.Text,
        _ => XlsxColumnFormat.General,
    };

    private static string Note(SchemaField field)
    {
        var note = new StringBuilder()
            .Append(field.TitleFr).Append(field.Required ? " — obligatoire" : " — facultatif").Append('\n')
            .Append(field.DescriptionFr).Append('\n');
        if (field.IsEnumerated || field.Type == FieldType.RegionCode) note.Append("Choisissez dans la liste.\n");
        note.Append('\n')
            .Append(field.Name).Append(field.Required ? " — required" : " — optional").Append('\n')
            .Append(field.DescriptionEn);
        if (field.IsEnumerated || field.Type == FieldType.RegionCode) note.Append("\nPick from the list.");
        return note.ToString();
    }

    // Amounts with a decimal comma, as French Excel writes and reads them beside a ';' delimiter.
    private static string CsvText(XlsxCell cell, FieldType type) =>
        cell.Kind == XlsxCellKind.Number && type == FieldType.Money
            ? cell.NumberValue.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',')
            : cell.ToString();
}
