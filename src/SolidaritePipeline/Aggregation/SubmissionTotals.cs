using System.Globalization;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Aggregation;

/// <summary>
/// The measures one accepted submission contributes to its region: exact, in cents, as the totals
/// tables store them (Int32 counts, Int64 cents). Cancelled projects are counted apart and contribute
/// no money and no people (design.md section 3). Sums are never taken on this type: they go through
/// <see cref="TotalsSum"/>, which cannot overflow, and come back through its checked conversion.
/// </summary>
public sealed record SubmissionTotals(
    int ProjectCount,
    int CancelledProjectCount,
    long FqisAmountCents,
    long OtherAmountCents,
    long PeopleReached)
{
    public static SubmissionTotals Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The measures of some projects, summed without overflow, converted with a check (<paramref name="of"/> names them in the error).</summary>
    public static SubmissionTotals Of(IEnumerable<Project> projects, string of)
    {
        var sum = TotalsSum.Zero;
        foreach (var project in projects) sum = sum.Add(project);
        return sum.ToTotals(of);
    }

    /// <summary>The sum of some totals, taken without overflow, converted with a check (<paramref name="of"/> names it in the error).</summary>
    public static SubmissionTotals Of(IEnumerable<SubmissionTotals> parts, string of)
    {
        var sum = TotalsSum.Zero;
        foreach (var part in parts) sum = sum.Add(part);
        return sum.ToTotals(of);
    }
}

/// <summary>
/// A running sum of measures in <see cref="Int128"/>: 2^127 cents is over 10^36 $, so no number of
/// Int64 rows or of projects within the schema's ceilings can overflow it. The one way back to the
/// stored types is <see cref="ToTotals"/>, checked: a sum that does not fit is a
/// <see cref="TotalsOverflowException"/> naming what was summed, never a wrapped or saturated number.
/// </summary>
public readonly record struct TotalsSum(
    Int128 ProjectCount,
    Int128 CancelledProjectCount,
    Int128 FqisAmountCents,
    Int128 OtherAmountCents,
    Int128 PeopleReached)
{
    public static TotalsSum Zero => default;

    /// <summary>Adds one project. <see cref="ProjectCount"/> counts the projects that are not cancelled.</summary>
    public TotalsSum Add(Project project) => project.IsCancelled
        ? this with { CancelledProjectCount = CancelledProjectCount + 1 }
        : new(
            ProjectCount + 1,
            CancelledProjectCount,
            FqisAmountCents + Money.ToCentsWide(project.MontantFqis),
            OtherAmountCents + Money.ToCentsWide(project.MontantAutresSources),
            PeopleReached + project.PersonnesRejointes);

    public TotalsSum Add(SubmissionTotals totals) => new(
        ProjectCount + totals.ProjectCount,
        CancelledProjectCount + totals.CancelledProjectCount,
        FqisAmountCents + totals.FqisAmountCents,
        OtherAmountCents + totals.OtherAmountCents,
        PeopleReached + totals.PeopleReached);

    /// <summary>
    /// The sum as the tables store it, or a <see cref="TotalsOverflowException"/> when a measure does
    /// not fit (Int32 counts, Int64 cents and people). <paramref name="of"/> says what was summed.
    /// </summary>
    public SubmissionTotals ToTotals(string of) => new(
        Narrow<int>(ProjectCount, nameof(ProjectCount), of),
        Narrow<int>(CancelledProjectCount, nameof(CancelledProjectCount), of),
        Narrow<long>(FqisAmountCents, nameof(FqisAmountCents), of),
        Narrow<long>(OtherAmountCents, nameof(OtherAmountCents), of),
        Narrow<long>(PeopleReached, nameof(PeopleReached), of));

    private static T Narrow<T>(Int128 value, string measure, string of) where T : System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> =>
        value >= Int128.CreateTruncating(T.MinValue) && value <= Int128.CreateTruncating(T.MaxValue)
            ? T.CreateTruncating(value)
            : throw new TotalsOverflowException(of, measure, value, typeof(T) == typeof(int) ? "Int32" : "Int64");
}

/// <summary>
/// A sum that the totals tables cannot hold. Data that passed the validator never gets here (the
/// schema's ceilings keep every sum of an exercice far inside Int64, docs/schema-limits.md): it means
/// rows written by hand, or data accepted before the ceilings. Nothing is written when it is thrown.
/// </summary>
public sealed class TotalsOverflowException(string of, string measure, Int128 value, string storedType)
    : Exception(Describe(of, measure, value, storedType))
{
    public string Of { get; } = of;
    public string Measure { get; } = measure;
    public Int128 Value { get; } = value;

    private static string Describe(string of, string measure, Int128 value, string storedType) =>
        string.Create(CultureInfo.InvariantCulture, $"The sum of {of} does not fit the totals tables: {measure} = {value} exceeds {storedType}. ") +
        "Data that passed validation cannot reach this; find the stored row or submission with an out-of-range value, " +
        "replace or remove it, then run reconcile.";
}

/// <summary>Exact conversions between decimal dollars and cents.</summary>
public static class Money
{
    /// <summary>Converts dollars with at most two decimals to Int64 cents; throws on a third decimal or an amount beyond Int64.</summary>
    public static long ToCents(decimal amount) => checked((long)ToCentsWide(amount));

    /// <summary>Converts dollars with at most two decimals to cents, for any decimal (no overflow: |decimal| &lt; 8·10^28).</summary>
    public static Int128 ToCentsWide(decimal amount)
    {
        if (amount.Scale <= 2)
        {
            // Validated amounts carry two decimals at most: their cents are the decimal's own integer,
            // read as is instead of through four decimal operations.
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(amount, bits);
            var integer = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
            var cents = amount.Scale == 2 ? integer : integer * (amount.Scale == 1 ? 10 : 100);
            return bits[3] < 0 ? -cents : cents;
        }

        var whole = decimal.Truncate(amount);
        var fraction = (amount - whole) * 100m;
        if (fraction != decimal.Truncate(fraction))
            throw new ArgumentException($"Amount {amount} has more than two decimals.", nameof(amount));
        return (Int128)whole * 100 + (Int128)fraction;
    }

    public static decimal FromCents(long cents) => cents / 100m;
}
