using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>Turns raw cell values of SpreadsheetML into the text a person typed.</summary>
internal static class XlsxValues
{
    /// <summary>Excel keeps 15 significant digits of what is typed; more is binary floating-point noise.</summary>
    private const int ExcelSignificantDigits = 15;

    private static readonly DateOnly Epoch1900 = new(1899, 12, 31);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    /// <summary>
    /// A number cell's <c>&lt;v&gt;</c> (<c>12500.5</c>, <c>1.2E-3</c>, <c>0.30000000000000004</c>) as plain
    /// invariant decimal text (<c>12500.5</c>, <c>0.0012</c>, <c>0.3</c>); null when it is not a number a
    /// decimal can hold.
    /// </summary>
    public static string? NumberText(string raw)
    {
        if (IsPlainNumber(raw)) return raw;
        if (!TryParseNumber(raw, out var value)) return null;
        var rounded = RoundToSignificantDigits(value, ExcelSignificantDigits);
        return rounded == 0m ? "0" : rounded.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether <paramref name="raw"/> is already how <see cref="NumberText"/> writes its number: an
    /// optional minus, digits with no leading zero (or a lone 0), an optional point and digits not
    /// ending in 0, at most 15 digits in all and not zero. What Excel writes for typed amounts and
    /// counts (<c>12500.5</c>, <c>120</c>) is, and is passed on as is, with no decimal parsed and printed.
    /// </summary>
    private static bool IsPlainNumber(string raw)
    {
        var text = raw.AsSpan();
        if (text.Length > ExcelSignificantDigits + 2) return false;
        if (text is ['-', ..]) text = text[1..];
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.IsEmpty || (whole.Length > 1 && whole[0] == '0') || whole.ContainsAnyExceptInRange('0', '9')) return false;
        if (point >= 0 && (fraction.IsEmpty || fraction[^1] == '0' || fraction.ContainsAnyExceptInRange('0', '9'))) return false;
        return whole.Length + fraction.Length <= ExcelSignificantDigits && (!fraction.IsEmpty || whole.ContainsAnyExcept('0'));
    }

    /// <summary>
    /// A date-formatted number cell as <c>AAAA-MM-JJ</c> (the time of day dropped); null for a serial
    /// that is no calendar day (negative, Excel's fictitious 1900-01-00 and 1900-02-29, beyond 9999).
    /// </summary>
    public static string? DateText(string raw, bool date1904) =>
        Date(raw, date1904) is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>The calendar day of a date serial, as <see cref="DateText"/> reads it; null when it is none.</summary>
    public static DateOnly? Date(string raw, bool date1904)
    {
        int day;
        // A whole serial (a date typed without a time, the usual case) needs no decimal.
        if (raw.Length is > 0 and <= 7 && !raw.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            day = int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            if (!TryParseNumber(raw, out var serial) || serial < 0m || serial >= 3_000_000m) return null;
            day = (int)decimal.Floor(serial);
        }

        // Excel counts 1900 as a leap year (Lotus compatibility): serial 60 is 1900-02-29, which never was.
        if (!date1904 && day is 0 or 60) return null;
        var epoch = date1904 ? Epoch1904 : Epoch1900;
        var days = date1904 || day < 60 ? day : day - 1;
        return days > DateOnly.MaxValue.DayNumber - epoch.DayNumber ? null : epoch.AddDays(days); // none beyond 9999-12-31
    }

    /// <summary>The date of an ISO 8601 date cell (<c>t="d"</c>), e.g. <c>2022-04-01T00:00:00</c>.</summary>
    public static string? IsoDateText(string raw)
    {
        var datePart = raw.Length >= 10 ? raw[..10] : raw;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private static bool TryParseNumber(string raw, out decimal value) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    internal static decimal RoundToSignificantDigits(decimal value, int digits)
    {
        if (value == 0m) return 0m;

        // Exponent of the leading digit, found with exact decimal arithmetic (no logarithm, no double).
        var probe = Math.Abs(value);
        var exponent = 0;
        while (probe >= 10m)
        {
            probe /= 10m;
            exponent++;
        }

        while (probe < 1m)
        {
            probe *= 10m;
            exponent--;
        }

        var decimals = digits - 1 - exponent;
        if (decimals >= 0)
            return decimals >= 28 ? value : Math.Round(value, decimals, MidpointRounding.AwayFromZero);

        var factor = 1m;
        for (var i = 0; i < -decimals; i++) factor *= 10m;
        return Math.Round(value / factor, 0, MidpointRounding.AwayFromZero) * factor;
    }

    /// <summary>
    /// Whether a number format shows a date: built-in ids 14–22 and 45–47, or a custom code with a
    /// day, month or year token outside quoted text, brackets and escapes.
    /// </summary>
    public static bool IsDateFormat(int numFmtId, string? formatCode)
    {
        if (formatCode is null) return numFmtId is >= 14 and <= 22 or >= 45 and <= 47;

        var hasDayOrYear = false;
        var hasMonthOrMinute = false;
        var hasTime = false;
        for (var i = 0; i < formatCode.Length; i++)
        {
            var c = formatCode[i];
            switch (c)
            {
                case '"':
                    i = formatCode.IndexOf('"', i + 1) is var close and >= 0 ? close : formatCode.Length;
                    break;
                case '[':
                    i = formatCode.IndexOf(']', i + 1) is var end and >= 0 ? end : formatCode.Length;
                    break;
                case '\\' or '_' or '*':
                    i++; // the next character is literal text, padding or fill
                    break;
                case 'd' or 'D' or 'y' or 'Y':
                    hasDayOrYear = true;
                    break;
                case 'm' or 'M':
                    hasMonthOrMinute = true;
                    break;
                case 'h' or 'H' or 's' or 'S':
                    hasTime = true;
                    break;
            }
        }

        // "mm" alone is a month ("mmm yyyy"); beside hours or seconds it is minutes ("h:mm").
        return hasDayOrYear || (hasMonthOrMinute && !hasTime);
    }

    /// <summary>Decodes the <c>_xHHHH_</c> escapes SpreadsheetML uses for characters XML cannot hold.</summary>
    public static string DecodeEscapes(string text)
    {
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0) return text;

        var result = new StringBuilder(text.Length);
        var start = 0;
        while (at >= 0)
        {
            if (at + 7 <= text.Length && text[at + 6] == '_'
                && ushort.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append(text, start, at - start).Append((char)code);
                start = at + 7;
                at = text.IndexOf("_x", start, StringComparison.Ordinal);
            }
            else
            {
                at = text.IndexOf("_x", at + 2, StringComparison.Ordinal);
            }
        }

        return result.Append(text, start, text.Length - start).ToString();
    }

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>; -1 when it has no column letters.</summary>
    public static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = (char)(c & ~0x20);
            if (upper is < 'A' or > 'Z') break;
            column = column * 26 + (upper - 'A' + 1);
            if (++letters > 3) return -1;
        }

        return letters == 0 ? -1 : column - 1;
    }
}
