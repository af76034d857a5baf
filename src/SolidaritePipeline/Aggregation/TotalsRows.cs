namespace SolidaritePipeline.Aggregation;

/// <summary>
/// A row of <c>MandataireTotals</c>: what the current accepted submission of one mandataire says
/// for one exercice, and which submission that is.
/// </summary>
public sealed record MandataireTotal(
    string Exercice,
    string Mandataire,
    string RegionCode,
    string RegionName,
    SubmissionTotals Totals,
    string SubmissionId,
    DateTimeOffset SubmissionUploadedAt,
    string NormalizedBlob)
{
    /// <summary>
    /// Whether this submission replaces <paramref name="other"/>: a later upload time wins; on equal
    /// times (the blob clock has one-second resolution) the greater submission id, compared ordinally,
    /// wins. Every processor decides the same way whatever order it sees them in.
    /// </summary>
    public bool IsNewerThan(MandataireTotal other) => SubmissionOrder.IsNewer(SubmissionUploadedAt, SubmissionId, other.SubmissionUploadedAt, other.SubmissionId);
}

/// <summary>A row of <c>RegionalTotals</c>: the sum of the current submissions of a region's mandataires.</summary>
public sealed record RegionalTotal(
    string Exercice,
    string RegionCode,
    string RegionName,
    int MandataireCount,
    SubmissionTotals Totals,
    DateTimeOffset? UpdatedAt = null);

/// <summary>The one rule that orders submissions of the same (mandataire, exercice).</summary>
public static class SubmissionOrder
{
    public static bool IsNewer(DateTimeOffset uploadedAt, string submissionId, DateTimeOffset otherUploadedAt, string otherSubmissionId)
    {
        var byTime = uploadedAt.CompareTo(otherUploadedAt);
        return byTime != 0 ? byTime > 0 : string.CompareOrdinal(submissionId, otherSubmissionId) > 0;
    }
}
