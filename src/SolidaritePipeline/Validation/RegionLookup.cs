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

    // Looked up once a row: a table that hashes a few characters, not a dictionary that hashes them all.
    private readonly KeyTable<Region> _lookup;

    public RegionLookup(ReferenceCatalog catalog)
    {
        Catalog = catalog;
        foreach (var region in catalog.Regions)
        {
            _byKey.TryAdd(TextKey.Normalize(region.Code), region);
            _byKey.TryAdd(TextKey.Normalize(region.Name), region);
            if (int.TryParse(region.Code, out var number)) _byKey.TryAdd(number.ToString(System.Globalization.CultureInfo.InvariantCulture), region);
        }

        _lookup = new KeyTable<Region>(_byKey);
    }

    public ReferenceCatalog Catalog { get; }

    public Region? Find(ReadOnlySpan<char> text)
    {
        if (text.Length > 100) return null;
        var exact = _lookup.Find(text);
        if (exact is not null || TextKey.IsKey(text)) return exact;
        Span<char> key = stackalloc char[text.Length * 2];
        return _lookup.Find(key[..TextKey.Normalize(text, key)]);
    }
}
