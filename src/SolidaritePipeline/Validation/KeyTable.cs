namespace SolidaritePipeline.Validation;

/// <summary>
/// A fixed set of comparison keys (codes, labels, region numbers and names) and the value of each,
/// looked up from a span on every row. A dictionary hashes every character of the text; here the
/// hash takes the length and three characters, and the one candidate slot it leads to is confirmed
/// by comparing the whole text, so the answer is exact. Built once; the input never adds to it, so a
/// hostile text costs one short probe at most.
/// </summary>
internal sealed class KeyTable<TValue>
    where TValue : class
{
    private readonly string?[] _keys;
    private readonly TValue?[] _values;
    private readonly int _mask;

    public KeyTable(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var list = entries.ToList();
        var size = 16;
        while (size < list.Count * 4) size *= 2;
        _keys = new string?[size];
        _values = new TValue?[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            if (key.Length == 0) continue;
            var i = Slot(key);
            while (_keys[i] is { } taken)
            {
                if (taken == key) throw new ArgumentException($"The key '{key}' is given twice.", nameof(entries));
                i = (i + 1) & _mask;
            }

            _keys[i] = key;
            _values[i] = value;
        }
    }

    /// <summary>The value of the key equal to <paramref name="text"/>, or null.</summary>
    public TValue? Find(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return null;
        for (var i = Slot(text); _keys[i] is { } key; i = (i + 1) & _mask)
        {
            if (text.SequenceEqual(key)) return _values[i];
        }

        return null;
    }

    private int Slot(ReadOnlySpan<char> text) =>
        (int)(((uint)text.Length * 0x9E3779B1u) ^ (text[0] * 0x85EBCA6Bu) ^ (text[^1] * 0xC2B2AE35u) ^ (text[text.Length / 2] * 0x27D4EB2Fu)
            ^ (((uint)text.Length * 0x9E3779B1u) >> 15)) & _mask;
}
