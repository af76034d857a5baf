namespace SolidaritePipeline.ReferenceData;

/// <summary>An administrative region of Québec (code <c>01</c>…<c>17</c>).</summary>
public sealed record Region(string Code, string Name);

/// <summary>A mandataire of the Alliances pour la solidarité, identified by its folder code.</summary>
public sealed record Mandataire(string Code, string RegionCode, string Territory);

/// <summary>A coded value of the schema (an axe, a clientèle, a statut) with its French and English labels.</summary>
public sealed record CodeLabel(string Code, string LabelFr, string LabelEn);

/// <summary>
/// The coded values of submission schema v1 with their labels, read from the versioned data files
/// <c>ReferenceData/axes.csv</c>, <c>clienteles.csv</c> and <c>statuts.csv</c>: the validator accepts
/// the French labels, the open data publishes both languages.
/// </summary>
public static class CodeLists
{
    public static IReadOnlyList<CodeLabel> Axes { get; } = Load("axes.csv");

    public static IReadOnlyList<CodeLabel> Clienteles { get; } = Load("clienteles.csv");

    public static IReadOnlyList<CodeLabel> Statuts { get; } = Load("statuts.csv");

    private static CodeLabel[] Load(string name)
    {
        using var reader = ReferenceCatalog.OpenEmbedded(name);
        return ReferenceCatalog.ReadRows(reader, 3).Select(c => new CodeLabel(c[0], c[1], c[2])).ToArray();
    }
}

/// <summary>
/// The regions and mandataires the pipeline knows, read from the versioned data files
/// <c>ReferenceData/regions.csv</c> and <c>ReferenceData/mandataires.csv</c>.
/// </summary>
public sealed class ReferenceCatalog
{
    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, Mandataire> _mandataires;

    public ReferenceCatalog(IEnumerable<Region> regions, IEnumerable<Mandataire> mandataires)
    {
        Regions = regions.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
        Mandataires = mandataires.OrderBy(m => m.Code, StringComparer.Ordinal).ToArray();
        _regions = Regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        _mandataires = Mandataires.ToDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var m in Mandataires)
        {
            if (m.Code != m.Code.ToLowerInvariant())
                throw new InvalidDataException($"Mandataire code '{m.Code}' is not lower case: codes are matched in any case and filed in lower case.");
            if (!_regions.ContainsKey(m.RegionCode))
                throw new InvalidDataException($"Mandataire '{m.Code}' names unknown region '{m.RegionCode}'.");
        }
    }

    /// <summary>The catalog shipped with the pipeline (embedded copies of the data files).</summary>
    public static ReferenceCatalog Default { get; } = LoadEmbedded();

    /// <summary>Regions ordered by code.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Mandataires ordered by code.</summary>
    public IReadOnlyList<Mandataire> Mandataires { get; }

    public Region? FindRegion(string code) => _regions.GetValueOrDefault(code);

    /// <summary>
    /// The mandataire whose code is <paramref name="code"/> in any case (design.md section 7: codes are
    /// case-insensitive everywhere); its <see cref="Mandataire.Code"/> is the canonical lower-case code
    /// to key and file by.
    /// </summary>
    public Mandataire? FindMandataire(string code) => _mandataires.GetValueOrDefault(code);

    /// <summary>Loads a catalog from two CSV files with the same columns as the shipped ones.</summary>
    public static ReferenceCatalog Load(TextReader regionsCsv, TextReader mandatairesCsv) =>
        new(
            ReadRows(regionsCsv, 2).Select(c => new Region(c[0], c[1])),
            ReadRows(mandatairesCsv, 3).Select(c => new Mandataire(c[0], c[1], c[2])));

    private static ReferenceCatalog LoadEmbedded()
    {
        using var regions = OpenEmbedded("regions.csv");
        using var mandataires = OpenEmbedded("mandataires.csv");
        return Load(regions, mandataires);
    }

    internal static StreamReader OpenEmbedded(string name) =>
        new(typeof(ReferenceCatalog).Assembly.GetManifestResourceStream($"SolidaritePipeline.ReferenceData.{name}")
            ?? throw new InvalidOperationException($"Reference data '{name}' is not embedded."));

    // The reference files are simple by construction (no quotes, no commas in values).
    internal static IEnumerable<string[]> ReadRows(TextReader reader, int columns)
    {
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != columns)
                throw new InvalidDataException($"Reference data line '{line}' has {cells.Length} cells, expected {columns}.");
            yield return cells.Select(c => c.Trim()).ToArray();
        }
    }
}
