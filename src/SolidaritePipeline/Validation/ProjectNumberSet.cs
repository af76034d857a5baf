using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SolidaritePipeline.Validation;

/// <summary>
/// The project numbers seen in a file, with the row of each: the only state of validation that grows
/// with rows. Holds no string per row: the characters go into chunks of one arena, and an open
/// addressing table keyed by the (per-process randomised) hash points at them; equal hashes are
/// settled by comparing the characters, so the answer is exact.
/// </summary>
internal sealed class ProjectNumberSet
{
    private const int ChunkBits = 16;
    private const int ChunkChars = 1 << ChunkBits;

    private readonly List<char[]> _chunks = [];
    private int _used = ChunkChars; // no chunk yet: the first value opens one

    // Slot i holds the entry's hash in its high half and its index + 1 in its low half (0: empty), so
    // that a probe reads one slot, not an entry elsewhere, unless the hashes are equal.
    private long[] _slots = new long[1024];
    private int[] _rows = new int[512];
    private long[] _places = new long[512]; // chunk << 40 | offset << 20 | length
    private int _count;

    /// <summary>
    /// The hash <see cref="TryAdd"/> takes for <paramref name="number"/>, computed when the cell is
    /// read. It also asks the processor to fetch the number's slot: at a million rows the table is
    /// far larger than the caches, and the fetch then overlaps the rest of the row's checks instead
    /// of stalling the rule across rows. Only reads the table: any thread may call it.
    /// </summary>
    public int Hash(ReadOnlySpan<char> number)
    {
        var hash = string.GetHashCode(number);
        Prefetch(hash);
        return hash;
    }

    /// <summary>Asks the processor to fetch the slot of <paramref name="hash"/>, for a <see cref="TryAdd"/> a little later.</summary>
    public void Prefetch(int hash)
    {
        if (!Sse.IsSupported) return;
        var slots = _slots;
        // A hint only: it never faults, and a table the collector has just moved costs nothing but the hint.
        unsafe { Sse.Prefetch0(Unsafe.AsPointer(ref slots[hash & (slots.Length - 1)])); }
    }

    /// <summary>
    /// Adds <paramref name="number"/> (of <see cref="Hash"/> <paramref name="hash"/>) first seen at
    /// <paramref name="row"/>; false, with the row that holds it, when it was seen before.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<char> number, int hash, int row, out int firstRow)
    {
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                Append(number, hash, row, i);
                firstRow = row;
                return true;
            }

            var entry = (int)slot - 1;
            if ((int)(slot >> 32) == hash && Chars(entry).SequenceEqual(number))
            {
                firstRow = _rows[entry];
                return false;
            }
        }
    }

    private ReadOnlySpan<char> Chars(int entry)
    {
        var place = _places[entry];
        return _chunks[(int)(place >> 40)].AsSpan((int)(place >> 20) & 0xFFFFF, (int)(place & 0xFFFFF));
    }

    private void Append(ReadOnlySpan<char> number, int hash, int row, int slot)
    {
        if (number.Length > ChunkChars - _used)
        {
            _chunks.Add(new char[Math.Max(ChunkChars, number.Length)]);
            _used = 0;
        }

        var chunk = _chunks[^1];
        number.CopyTo(chunk.AsSpan(_used));
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _count * 2);
            Array.Resize(ref _places, _count * 2);
        }

        _rows[_count] = row;
        _places[_count] = ((long)(_chunks.Count - 1) << 40) | ((long)_used << 20) | (uint)number.Length;
        _used += number.Length;
        _slots[slot] = ((long)hash << 32) | (uint)++_count;
        if (_count * 2 > _slots.Length) Grow();
    }

    // Keeps the table at most half full, so that a probe ends after a step or two. Called a score of
    // times per file, it would stay unoptimised code for a loop over millions of slots: compiled
    // optimised at once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var slots = new long[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in _slots)
        {
            if (slot == 0) continue;
            var i = (int)(slot >> 32) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = slot;
        }

        _slots = slots;
    }
}
