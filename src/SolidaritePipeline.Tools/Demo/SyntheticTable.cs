using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tools.Demo;

/// <summary>
/// Projects laid out as a person's file would hold them, before the bytes: a header per column and
/// typed cells (<see cref="string"/>, <see cref="decimal"/>, <see cref="DateOnly"/>, <see cref="int"/>
/// or null). How codes, regions and headers are written depends on the format; mistakes are made
/// here, by replacing a cell or dropping a column, so every format can carry any mistake.
/// </summary>
internal sealed class SyntheticTable
{
    // The headers a French spreadsheet user types: accents, spaces, capitals (matching ignores them).
    private static readonly Dictionary<string, string> FrenchHeaders = new(StringComparer.Ordinal)
    {
        ["exercice"] = "Exercice", ["no_projet"] = "No projet", ["titre_projet"] = "Titre projet",
        ["organisme_promoteur"] = "Organisme promoteur", ["neq"] = "NEQ", ["region_code"] = "Région code",
        ["municipalite"] = "Municipalité", ["axe_intervention"] = "Axe intervention", ["clientele_cible"] = "Clientèle cible",
        ["montant_fqis"] = "Montant FQIS", ["montant_autres_sources"] = "Montant autres sources",
        ["date_debut"] = "Date début", ["date_fin"] = "Date fin", ["personnes_rejointes"] = "Personnes rejointes",
        ["statut"] = "Statut", ["courriel_contact"] = "Courriel contact",
    };

    private readonly List<string> _fields;

    private SyntheticTable(List<string> fields, List<string> headers, List<object?[]> rows)
    {
        _fields = fields;
        Headers = headers;
        Rows = rows;
    }

    public List<string> Headers { get; }

    /// <summary>One array per project, aligned with <see cref="Headers"/>.</summary>
    public List<object?[]> Rows { get; }

    public static SyntheticTable From(IReadOnlyList<Project> projects, SubmissionFormat format, ReferenceCatalog catalog)
    {
        var fields = SchemaV1.Fields.Select(f => f.Name).ToList();
        var headers = format switch
        {
            SubmissionFormat.CsvWindows1252Semicolon or SubmissionFormat.Xlsx => fields.Select(f => FrenchHeaders[f]).ToList(),
            SubmissionFormat.CsvUtf8BomTab => fields.Select(f => f.ToUpperInvariant()).ToList(),
            _ => [.. fields],
        };
        var labels = format is SubmissionFormat.CsvWindows1252Semicolon or SubmissionFormat.Xlsx;
        var rows = projects.Select(p => Cells(p, format, labels, catalog)).ToList();
        return new SyntheticTable(fields, headers, rows);
    }

    /// <summary>Writes <paramref name="value"/> in a cell, as a careless person would (a raw text, another region).</summary>
    public void Set(int rowIndex, string field, object? value) => Rows[rowIndex][Column(field)] = value;

    public object? Get(int rowIndex, string field) => Rows[rowIndex][Column(field)];

    /// <summary>Drops a column from the header and every row.</summary>
    public void RemoveColumn(string field)
    {
        var column = Column(field);
        _fields.RemoveAt(column);
        Headers.RemoveAt(column);
        for (var i = 0; i < Rows.Count; i++) Rows[i] = [.. Rows[i].Where((_, c) => c != column)];
    }

    /// <summary>The schema field name of each column, aligned with <see cref="Headers"/>.</summary>
    public IReadOnlyList<string> Fields => _fields;

    private int Column(string field) =>
        _fields.IndexOf(field) is var i and >= 0 ? i : throw new ArgumentException($"No column '{field}'.", nameof(field));

    private static object?[] Cells(Project p, SubmissionFormat format, bool labels, ReferenceCatalog catalog) =>
    [
        p.Exercice,
        p.NoProjet,
        p.TitreProjet,
        p.OrganismePromoteur,
        p.Neq,
        RegionCell(p.RegionCode, format, catalog),
        p.Municipalite,
        labels ? Label(SchemaV1.AxesIntervention, p.AxeIntervention) : p.AxeIntervention,
        labels ? Label(SchemaV1.ClientelesCibles, p.ClienteleCible) : p.ClienteleCible,
        p.MontantFqis,
        p.MontantAutresSources,
        p.DateDebut,
        p.DateFin,
        p.PersonnesRejointes,
        labels ? Label(SchemaV1.Statuts, p.Statut) : p.Statut,
        p.CourrielContact,
    ];

    // The schema accepts a region's code, its code without the zero, or its name.
    private static string RegionCell(string code, SubmissionFormat format, ReferenceCatalog catalog) => format switch
    {
        SubmissionFormat.CsvWindows1252Semicolon => catalog.FindRegion(code)?.Name ?? code,
        SubmissionFormat.CsvUtf8BomTab => code.TrimStart('0'),
        _ => code,
    };

    private static string Label(IReadOnlyList<AllowedValue> values, string code) =>
        values.First(v => v.Code == code).LabelFr;
}
