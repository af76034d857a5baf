using System.Reflection;

namespace SolidaritePipeline.ReferenceData;

/// <summary>An administrative region of Québec (code <c>01</c>…<c>17</c>).</summary>
public sealed record Region(string Code, string Name);

/// <summary>A mandataire of the Alliances pour la solidarité, identified by its folder code.</summary>
public sealed record Mandataire(string Code, string RegionCode, string Territory);

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
        _mandataires = Mandataires.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var m in Mandataires)
        {
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

    public Mandataire? FindMandataire(string code) => _mandataires.GetValueOrDefault(code);

    /// <summary>Loads a catalog from two CSV files with the same columns as the shipped ones.</summary>
    public static ReferenceCatalog Load(TextReader regionsCsv, TextReader mandatairesCsv) =>
        new(
            ReadRows(regionsCsv, 2).Select(c => new Region(c[0], c[1])),
            ReadRows(mandatairesCsv, 3).Select(c => new Mandataire(c[0], c[1], c[2])));

    private static ReferenceCatalog LoadEmbedded()
    {
        var assembly = typeof(ReferenceCatalog).Assembly;
        using var regions = Open(assembly, "regions.csv");
        using var mandataires = Open(assembly, "mandataires.csv");
        return Load(regions, mandataires);
    }

    private static StreamReader Open(Assembly assembly, string name) =>
        new(assembly.GetManifestResourceStream($"SolidaritePipeline.ReferenceData.{name}")
            ?? throw new InvalidOperationException($"Reference data '{name}' is not embedded."));

    // The reference files are simple by construction (no quotes, no commas in values).
    private static IEnumerable<string[]> ReadRows(TextReader reader, int columns)
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
