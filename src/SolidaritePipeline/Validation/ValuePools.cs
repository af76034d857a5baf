using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// One string per distinct value of a column that repeats down the file (organisation, NEQ,
/// municipality, e-mail), instead of one per row. A pool stops growing at <see cref="MaxValues"/>
/// values. A column that does not repeat (an e-mail per project) then stops being looked up: once
/// its pool is full, if the next <see cref="MaxValues"/> values not in it came with fewer than
/// <see cref="MaxValues"/> values found in it since the start, each value is made a string at once,
/// as it would be after a lookup that misses (two such columns, looked up on every row, cost about
/// 8 % of a single-thread validation: docs/performance.md). Project numbers and titles are unique by
/// nature and never pooled.
/// </summary>
internal sealed class ValuePools
{
    internal const int MaxValues = 4_096;

    // The span view of each pool, taken once: GetAlternateLookup checks its comparer's type on every call.
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[] _byField = new HashSet<string>.AlternateLookup<ReadOnlySpan<char>>?[S.Count];

    // By field: values found in its pool, values missed once it was full, and whether it is still looked up.
    private readonly int[] _found = new int[S.Count];
    private readonly int[] _missedWhenFull = new int[S.Count];
    private readonly bool[] _notRepeating = new bool[S.Count];

    public string Get(int field, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return string.Empty;
        if (field == S.NoProjet || field == S.TitreProjet || _notRepeating[field]) return new string(value);

        var lookup = _byField[field] ??= new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var pooled))
        {
            _found[field]++;
            return pooled;
        }

        var text = new string(value);
        if (lookup.Set.Count < MaxValues) lookup.Set.Add(text);
        else if (++_missedWhenFull[field] == MaxValues) _notRepeating[field] = _found[field] < MaxValues;
        return text;
    }
}
