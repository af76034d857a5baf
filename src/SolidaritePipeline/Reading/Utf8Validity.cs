using System.Text.Unicode;

namespace SolidaritePipeline.Reading;

/// <summary>
/// Whether bytes read in pieces are valid UTF-8, without decoding them to characters: each piece is
/// checked whole (<see cref="Utf8.IsValid"/>, vectorised), and a sequence cut by a piece's end is
/// carried to the next piece. The verdict is a strict decoder's (<c>new UTF8Encoding(false, true)</c>):
/// overlong forms, surrogates, code points past U+10FFFF and a file ending inside a sequence are invalid.
/// </summary>
internal struct Utf8Validity
{
    private uint _carried; // up to 3 bytes of a sequence started in an earlier piece, first byte lowest
    private int _carriedCount;

    public Utf8Validity() => IsValid = true;

    public bool IsValid { get; private set; }

    /// <summary>Checks the next piece of the bytes.</summary>
    public void Append(ReadOnlySpan<byte> piece)
    {
        if (!IsValid) return;
        if (_carriedCount > 0) piece = CompleteCarried(piece);
        if (!IsValid || piece.IsEmpty) return;

        var cut = IncompleteTail(piece);
        if (!Utf8.IsValid(piece[..^cut]))
        {
            IsValid = false;
            return;
        }

        for (var i = piece.Length - cut; i < piece.Length; i++) Carry(piece[i]);
    }

    /// <summary>The end of the bytes: a sequence still open is a truncated one.</summary>
    public void End()
    {
        if (_carriedCount > 0) IsValid = false;
    }

    // Adds bytes of the piece to the carried sequence until it is whole (or the piece ends), checks it, returns the rest.
    private ReadOnlySpan<byte> CompleteCarried(ReadOnlySpan<byte> piece)
    {
        Span<byte> sequence = stackalloc byte[4];
        for (var i = 0; i < _carriedCount; i++) sequence[i] = (byte)(_carried >> (8 * i));
        var needed = SequenceLength(sequence[0]);
        var count = _carriedCount;
        var taken = Math.Min(needed - count, piece.Length);
        piece[..taken].CopyTo(sequence[count..]);
        count += taken;
        if (count < needed)
        {
            // Still short (a piece of one or two bytes): the whole sequence is checked once it is complete.
            for (var i = _carriedCount; i < count; i++) Carry(sequence[i]);
            return [];
        }

        _carried = 0;
        _carriedCount = 0;
        if (!Utf8.IsValid(sequence[..count])) IsValid = false;
        return piece[taken..];
    }

    private void Carry(byte b)
    {
        _carried |= (uint)b << (8 * _carriedCount);
        _carriedCount++;
    }

    // How many bytes at the end of the piece start a sequence that the piece does not finish (0 to 3).
    private static int IncompleteTail(ReadOnlySpan<byte> piece)
    {
        for (var back = 1; back <= Math.Min(3, piece.Length); back++)
        {
            var b = piece[^back];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back for its lead
            return SequenceLength(b) > back ? back : 0;
        }

        return 0; // three continuation bytes, or fewer bytes than that: whatever they are, the check decides
    }

    // The length a lead byte announces; 1 for ASCII and for bytes that cannot lead (the check rejects those).
    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 and <= 0xF4 => 4,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xC2 and <= 0xDF => 2,
        _ => 1,
    };
}
