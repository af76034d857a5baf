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

    private readonly HashSet<string>?[] _byField = new HashSet<string>?[S.Count];

    public string Get(int field, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return string.Empty;
        if (field == S.NoProjet || field == S.TitreProjet) return new string(value);

        var pool = _byField[field] ??= new HashSet<string>(StringComparer.Ordinal);
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var pooled)) return pooled;
        var text = new string(value);
        if (pool.Count < MaxValues) pool.Add(text);
        return text;
    }
}
