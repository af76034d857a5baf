using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Submissions;

/// <summary>
/// The comparison form of labels and enumerated values: lower case, no accents, and every run of
/// spaces, hyphens, dashes or underscores as one <c>_</c> ("Montant FQIS" and "montant-fqis" are
/// <c>montant_fqis</c>; "Sécurité alimentaire" is <c>securite_alimentaire</c>).
/// </summary>
internal static class TextKey
{
    // Base letter of every character of Latin-1 Supplement and Latin Extended-A, computed once.
    private static readonly char[] Folded = BuildFoldTable();

    public static string Normalize(ReadOnlySpan<char> text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length * 2] : new char[text.Length * 2];
        return new string(buffer[..Normalize(text, buffer)]);
    }

    /// <summary>
    /// True when <paramref name="text"/> is already its own key (lower-case ASCII letters and digits,
    /// single underscores between them), as codes written by a program are: no need to normalise it.
    /// </summary>
    public static bool IsKey(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] == '_' || text[^1] == '_') return false;
        var previous = '\0';
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '_' && previous != '_'))) return false;
            previous = c;
        }

        return true;
    }

    /// <summary>Writes the key into <paramref name="destination"/> (at least twice the length of the text) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        var pendingSeparator = false;
        foreach (var raw in text)
        {
            if (IsSeparator(raw))
            {
                pendingSeparator = length > 0;
                continue;
            }

            if (pendingSeparator)
            {
                destination[length++] = '_';
                pendingSeparator = false;
            }

            switch (raw)
            {
                case 'œ' or 'Œ':
                    destination[length++] = 'o';
                    destination[length++] = 'e';
                    break;
                case 'æ' or 'Æ':
                    destination[length++] = 'a';
                    destination[length++] = 'e';
                    break;
                default:
                    var c = raw is >= '\u00C0' and <= '\u017F' ? Folded[raw - '\u00C0'] : raw;
                    destination[length++] = char.ToLowerInvariant(c);
                    break;
            }
        }

        return length;
    }

    private static bool IsSeparator(char c) =>
        c is '_' or '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' || char.IsWhiteSpace(c);

    private static char[] BuildFoldTable()
    {
        var table = new char[0x017F - 0x00C0 + 1];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)(0x00C0 + i);
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            table[i] = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark
                ? decomposed[0]
                : c;
        }

        return table;
    }
}
