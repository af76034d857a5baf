using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Finds a region from what people write in <c>region_code</c>: <c>5</c>, <c>05</c>, or its name in
/// any case, with or without accents and dashes (<c>estrie</c>, <c>Cote-Nord</c>, <c>Saguenay Lac-Saint-Jean</c>).
/// </summary>
public sealed class RegionLookup
{
    private readonly Dictionary<string, Region> _byKey = new(StringComparer.Ordinal);

    // Taken once: GetAlternateLookup checks its comparer's type on every call, and this runs once a row.
    private readonly Dictionary<string, Region>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public RegionLookup(ReferenceCatalog catalog)
    {
        Catalog = catalog;
        foreach (var region in catalog.Regions)
        {
            _byKey.TryAdd(TextKey.Normalize(region.Code), region);
            _byKey.TryAdd(TextKey.Normalize(region.Name), region);
            if (int.TryParse(region.Code, out var number)) _byKey.TryAdd(number.ToString(System.Globalization.CultureInfo.InvariantCulture), region);
        }

        _lookup = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ReferenceCatalog Catalog { get; }

    public Region? Find(ReadOnlySpan<char> text)
    {
        if (text.Length > 100) return null;
        var lookup = _lookup;
        if (TextKey.IsKey(text)) return lookup.TryGetValue(text, out var exact) ? exact : null;
        Span<char> key = stackalloc char[text.Length * 2];
        return lookup.TryGetValue(key[..TextKey.Normalize(text, key)], out var region) ? region : null;
    }
}
