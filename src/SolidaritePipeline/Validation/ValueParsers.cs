using System.Globalization;

namespace SolidaritePipeline.Validation;

/// <summary>What parsing a cell found: a value, something that is not of the type, or a value that could mean two things.</summary>
internal enum ParseOutcome
{
    Ok,
    Invalid,
    Ambiguous,
    OutOfRange,
}

/// <summary>
/// The parsers of schema v1's value types (design.md section 3). They work on spans and allocate
/// nothing on success, because they run once per cell.
/// </summary>
internal static class ValueParsers
{
    private const int MaxDigits = 40;

    /// <summary>Spaces people and spreadsheets put between thousands: normal, no-break (U+00A0), narrow no-break (U+202F).</summary>
    public static bool IsGroupSpace(char c) => c is ' ' or '\u00A0' or '\u202F';

    /// <summary>
    /// Money: <c>12500</c>, <c>12500.5</c>, <c>12 500,50 $</c>, <c>12,500.50</c>, <c>$12,500.50</c>. A value whose
    /// only separator is one comma or one dot followed by exactly three digits is <see cref="ParseOutcome.Ambiguous"/>.
    /// Typed cells (JSON numbers, Excel number cells) are invariant numbers and never ambiguous.
    /// </summary>
    public static ParseOutcome ParseMoney(ReadOnlySpan<char> text, bool typed, out decimal value)
    {
        var s = text.Trim();
        if (!typed && TryParsePlainAmount(s, out value)) return ParseOutcome.Ok;
        return ParseMoneyTheLongWay(s, typed, out value);
    }

    // Apart from the plain amounts above: its frame (a buffer of digits, a dozen locals) cost the common
    // case more than the parsing itself, 25-30 ns a cell against 8-13 (docs/performance.md).
    // Internal: a property test holds the plain path to it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static ParseOutcome ParseMoneyTheLongWay(ReadOnlySpan<char> s, bool typed, out decimal value)
    {
        value = 0;
        if (typed)
            return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? ParseOutcome.Ok : ParseOutcome.Invalid;

        if (s.EndsWith('$')) s = s[..^1].TrimEnd();
        else if (s.StartsWith('$')) s = s[1..].TrimStart();
        var negative = s.StartsWith('-');
        if (negative) s = s[1..];
        if (s.IsEmpty) return ParseOutcome.Invalid;

        int commas = 0, dots = 0, spaces = 0, lastComma = -1, lastDot = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c)) continue;
            if (c == ',') { commas++; lastComma = i; }
            else if (c == '.') { dots++; lastDot = i; }
            else if (IsGroupSpace(c)) spaces++;
            else return ParseOutcome.Invalid;
        }

        char decimalMark = '\0', groupMark = spaces > 0 ? ' ' : '\0';
        if (commas > 0 && dots > 0)
        {
            // Both marks: the last one is the decimal mark, the other groups thousands ("12,500.50", "12.500,50").
            if (spaces > 0) return ParseOutcome.Invalid;
            decimalMark = lastComma > lastDot ? ',' : '.';
            groupMark = decimalMark == ',' ? '.' : ',';
            if ((decimalMark == ',' ? commas : dots) != 1) return ParseOutcome.Invalid;
        }
        else if (commas + dots == 1)
        {
            var position = commas == 1 ? lastComma : lastDot;
            if (spaces == 0 && s.Length - position - 1 == 3) return ParseOutcome.Ambiguous;
            decimalMark = commas == 1 ? ',' : '.';
        }
        else if (commas + dots > 1)
        {
            // One mark repeated only groups thousands ("1,500,000").
            if (spaces > 0) return ParseOutcome.Invalid;
            groupMark = commas > 0 ? ',' : '.';
        }

        var decimalIndex = decimalMark == '\0' ? -1 : s.LastIndexOf(decimalMark);
        var integerPart = decimalIndex < 0 ? s : s[..decimalIndex];
        var fraction = decimalIndex < 0 ? [] : s[(decimalIndex + 1)..];

        Span<char> digits = stackalloc char[MaxDigits + 2];
        var count = 0;
        if (!CollectGroupedDigits(integerPart, groupMark, digits, ref count)) return ParseOutcome.Invalid;
        if (decimalIndex >= 0)
        {
            if (fraction.IsEmpty || fraction.Length > MaxDigits - count || !IsAllAsciiDigits(fraction)) return ParseOutcome.Invalid;
            digits[count++] = '.';
            fraction.CopyTo(digits[count..]);
            count += fraction.Length;
        }

        if (!decimal.TryParse(digits[..count], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return ParseOutcome.Invalid;
        if (negative) value = -value;
        return ParseOutcome.Ok;
    }

    // "12345", "12345.6", "12345.67": how a program writes amounts, read here in one pass without the
    // general parser; the same value and scale as decimal.TryParse. Anything else takes the long way.
    private static bool TryParsePlainAmount(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19) return false;
        ulong units = 0;
        var fractionDigits = -1; // no dot yet
        var integerDigits = 0;
        foreach (var c in s)
        {
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                units = (units * 10) + digit;
                if (fractionDigits >= 0) fractionDigits++;
                else integerDigits++;
                continue;
            }

            if (c != '.' || fractionDigits >= 0) return false;
            fractionDigits = 0;
        }

        // At most 16 digits before the dot, and one or two after it when there is one.
        if (integerDigits is 0 or > 16 || fractionDigits is 0 or > 2) return false;
        value = new decimal((int)units, (int)(units >> 32), 0, isNegative: false, (byte)Math.Max(fractionDigits, 0));
        return true;
    }

    /// <summary>A whole number, with spaces between thousands accepted (<c>1 200</c>).</summary>
    public static ParseOutcome ParseInteger(ReadOnlySpan<char> text, bool typed, out long value)
    {
        var s = text.Trim();
        if (!typed && TryParsePlainInteger(s, out value)) return ParseOutcome.Ok;
        return ParseIntegerTheLongWay(s, typed, out value);
    }

    // "1649": digits only, at most 18 of them, so never out of range; anything else takes the long way.
    private static bool TryParsePlainInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18) return false;
        foreach (var c in s)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // Internal: a property test holds the plain path to it. Not inlined, as ParseMoneyTheLongWay.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static ParseOutcome ParseIntegerTheLongWay(ReadOnlySpan<char> s, bool typed, out long value)
    {
        value = 0;
        if (typed)
        {
            if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != decimal.Truncate(number))
                return ParseOutcome.Invalid;
            if (number is > long.MaxValue or < long.MinValue) return ParseOutcome.OutOfRange;
            value = (long)number;
            return ParseOutcome.Ok;
        }

        var negative = s.StartsWith('-');
        if (negative) s = s[1..];
        Span<char> digits = stackalloc char[MaxDigits];
        var count = 0;
        var groupMark = s.ContainsAny(' ', '\u00A0', '\u202F') ? ' ' : '\0';
        if (!CollectGroupedDigits(s, groupMark, digits, ref count)) return ParseOutcome.Invalid;
        if (!long.TryParse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture, out value)) return ParseOutcome.OutOfRange;
        if (negative) value = -value;
        return ParseOutcome.Ok;
    }

    /// <summary>Dates as <c>AAAA-MM-JJ</c> or <c>JJ/MM/AAAA</c>; typed cells may carry a midnight time.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, bool typed, out DateOnly date)
    {
        var s = text.Trim();
        if (typed && s.Length > 10 && s[10] == 'T') s = s[..10];
        return TryParseIsoDate(s, out date) || TryParseDayFirstDate(s, out date);
    }

    // What DateOnly.TryParseExact(s, "yyyy-MM-dd", invariant) accepts, without its format interpreter
    // (two dates a row made it a third of the validation time): exactly 4-2-2 ASCII digits.
    private static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        return TryDigits(s[..4], out var year) && TryDigits(s.Slice(5, 2), out var month) && TryDigits(s.Slice(8, 2), out var day)
            && TryMakeDate(year, month, day, out date);
    }

    // What DateOnly.TryParseExact(s, "d/M/yyyy", invariant) accepts: day and month of 1 or 2 digits
    // (read greedily, as the format parser does), then exactly 4 digits of year.
    private static bool TryParseDayFirstDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        var position = 0;
        if (!TryOneOrTwoDigits(s, ref position, out var day) || position >= s.Length || s[position++] != '/') return false;
        if (!TryOneOrTwoDigits(s, ref position, out var month) || position >= s.Length || s[position++] != '/') return false;
        return s.Length - position == 4 && TryDigits(s[position..], out var year) && TryMakeDate(year, month, day, out date);
    }

    private static bool TryOneOrTwoDigits(ReadOnlySpan<char> s, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < s.Length && position - start < 2 && char.IsAsciiDigit(s[position]))
            value = (value * 10) + (s[position++] - '0');
        return position > start;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool TryMakeDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary><c>AAAA-AAAA</c> (an en dash is accepted for the hyphen); the second year must follow the first.</summary>
    public static ParseOutcome ParseExercice(ReadOnlySpan<char> text, out int startYear)
    {
        startYear = 0;
        var s = text.Trim();
        if (s.Length != 9 || s[4] is not ('-' or '\u2013')) return ParseOutcome.Invalid;
        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
            return ParseOutcome.Invalid;
        startYear = first;
        return second == first + 1 ? ParseOutcome.Ok : ParseOutcome.OutOfRange;
    }

    public static string FormatExercice(int startYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{startYear:0000}-{startYear + 1:0000}");

    /// <summary>A Québec enterprise number: 10 digits once spaces are removed.</summary>
    public static bool TryParseNeq(ReadOnlySpan<char> text, Span<char> digits10)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (!char.IsAsciiDigit(c) || count == 10) return false;
            digits10[count++] = c;
        }

        return count == 10;
    }

    /// <summary>A plain mailbox address <c>nom@domaine.tld</c>: no display name, no spaces.</summary>
    public static bool IsEmail(ReadOnlySpan<char> s)
    {
        if (s.Length > 254) return false;
        var at = s.IndexOf('@');
        if (at <= 0 || at > 64 || s[(at + 1)..].Contains('@')) return false;
        var local = s[..at];
        var domain = s[(at + 1)..];
        foreach (var c in local)
        {
            if (!(char.IsLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c))) return false;
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)) return false;
        if (domain.Length < 3 || !domain.Contains('.') || domain.Contains("..", StringComparison.Ordinal)) return false;
        if (domain[0] is '.' or '-' || domain[^1] is '.' or '-') return false;
        foreach (var c in domain)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-')) return false;
        }

        return true;
    }

    // Integer digits, optionally grouped by thousands with groupMark (' ' meaning any group space):
    // first group 1 to 3 digits, every following group exactly 3.
    private static bool CollectGroupedDigits(ReadOnlySpan<char> s, char groupMark, Span<char> digits, ref int count)
    {
        int groupLength = 0, groups = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits) return false;
                digits[count++] = c;
                groupLength++;
                continue;
            }

            var isMark = groupMark == ' ' ? IsGroupSpace(c) : c == groupMark && groupMark != '\0';
            if (!isMark || groupLength == 0 || (groups == 0 ? groupLength > 3 : groupLength != 3)) return false;
            groups++;
            groupLength = 0;
        }

        return groupLength > 0 && (groups == 0 || groupLength == 3);
    }

    private static bool IsAllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }
}
