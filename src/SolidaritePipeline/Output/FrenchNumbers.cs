using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Output;

/// <summary>
/// Numbers written for people in French: digits grouped by three, decimal comma, <c>$</c> after.
/// Culture data is left out on purpose: ICU versions differ between machines, and the same data must
/// give the same bytes everywhere (the snapshot page is published beside its data files).
/// </summary>
public static class FrenchNumbers
{
    /// <summary>The typographic group mark (U+202F, narrow no-break space), for pages.</summary>
    public const char NarrowNoBreakSpace = '\u202F';

    /// <summary>A plain space, for terminals where every character must be one column wide.</summary>
    public const char Space = ' ';

    /// <summary>1000 → <c>1 000</c>.</summary>
    public static string Whole(Int128 value, char group = NarrowNoBreakSpace) =>
        Group(value.ToString(CultureInfo.InvariantCulture), group);

    /// <summary>Cents as an amount with two decimals: 123456708 → <c>1 234 567,08</c>.</summary>
    public static string Amount(Int128 cents, char group = NarrowNoBreakSpace)
    {
        var sign = cents < 0 ? "-" : "";
        var magnitude = Int128.Abs(cents);
        return sign + Group((magnitude / 100).ToString(CultureInfo.InvariantCulture), group) + "," +
            (magnitude % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Cents as dollars for a page: 123456708 → <c>1 234 567,08 $</c>, a no-break space before the sign.</summary>
    public static string Dollars(Int128 cents) => Amount(cents) + "\u00A0$";

    /// <summary>Tenths as a percentage with one decimal and a sign: 125 → <c>+12,5 %</c>, −3 → <c>−0,3 %</c>.</summary>
    public static string SignedPercentTenths(decimal tenths)
    {
        var sign = tenths > 0 ? "+" : tenths < 0 ? "−" : "";
        var magnitude = Math.Abs(tenths);
        return sign + Group(decimal.Truncate(magnitude / 10).ToString(CultureInfo.InvariantCulture), NarrowNoBreakSpace) +
            "," + (magnitude % 10).ToString(CultureInfo.InvariantCulture) + "\u00A0%";
    }

    private static string Group(string digits, char group)
    {
        var negative = digits.StartsWith('-');
        if (negative) digits = digits[1..];
        var grouped = new StringBuilder(digits.Length + digits.Length / 3 + 1);
        if (negative) grouped.Append('-');
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0) grouped.Append(group);
            grouped.Append(digits[i]);
        }

        return grouped.ToString();
    }
}
