using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// One string per distinct value of a column that repeats down the file (organisation, NEQ,
/// municipality, e-mail), instead of one per row. A pool stops growing at <see cref="MaxValues"/>
/// values (a hostile or merely varied column then costs a lookup and a string per row, as without
/// it). Project numbers and titles are unique by nature and never pooled.
/// </summary>
internal sealed class ValuePools
{
    private const int MaxValues = 4_096;

    // The span view of each pool, taken once: GetAlternateLookup checks its comparer's type on every call.
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[] _byField = new HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[S.Count];

    public string Get(int field, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return string.Empty;
        if (field == S.NoProjet || field == S.TitreProjet) return new string(value);

        var lookup = _byField[field] ??= new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var pooled)) return pooled;
        var text = new string(value);
        if (lookup.Set.Count < MaxValues) lookup.Set.Add(text);
        return text;
    }
}
