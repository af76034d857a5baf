using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Aggregation;

/// <summary>
/// The measures one accepted submission contributes to its region: exact, in cents. Cancelled
/// projects are counted apart and contribute no money and no people (design.md section 3).
/// </summary>
public sealed record SubmissionTotals(
    int ProjectCount,
    int CancelledProjectCount,
    long FqisAmountCents,
    long OtherAmountCents,
    long PeopleReached)
{
    public static SubmissionTotals Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Adds one project. <see cref="ProjectCount"/> counts the projects that are not cancelled.</summary>
    public SubmissionTotals Add(Project project) => project.IsCancelled
        ? this with { CancelledProjectCount = CancelledProjectCount + 1 }
        : new(
            ProjectCount + 1,
            CancelledProjectCount,
            checked(FqisAmountCents + Money.ToCents(project.MontantFqis)),
            checked(OtherAmountCents + Money.ToCents(project.MontantAutresSources)),
            PeopleReached + project.PersonnesRejointes);

    public SubmissionTotals Plus(SubmissionTotals other) => new(
        ProjectCount + other.ProjectCount,
        CancelledProjectCount + other.CancelledProjectCount,
        checked(FqisAmountCents + other.FqisAmountCents),
        checked(OtherAmountCents + other.OtherAmountCents),
        PeopleReached + other.PeopleReached);

    public SubmissionTotals Minus(SubmissionTotals other) => new(
        ProjectCount - other.ProjectCount,
        CancelledProjectCount - other.CancelledProjectCount,
        checked(FqisAmountCents - other.FqisAmountCents),
        checked(OtherAmountCents - other.OtherAmountCents),
        PeopleReached - other.PeopleReached);
}

/// <summary>Exact conversions between decimal dollars and Int64 cents.</summary>
public static class Money
{
    /// <summary>Converts dollars with at most two decimals to cents; throws on a third decimal.</summary>
    public static long ToCents(decimal amount)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents))
            throw new ArgumentException($"Amount {amount} has more than two decimals.", nameof(amount));
        return decimal.ToInt64(cents);
    }

    public static decimal FromCents(long cents) => cents / 100m;
}
