namespace SolidaritePipeline.Validation;

/// <summary>
/// The errors and warnings of one file as they are found. Every issue is counted; past
/// <paramref name="maxListed"/> per list (0 = all) they are only counted, so a broken 200 000-row
/// file cannot fill memory with a million copies of the same message.
/// </summary>
internal sealed class IssueLog(int maxListed)
{
    private const int MaxValueLength = 200;

    public List<ReportIssue> Errors { get; } = [];

    public List<ReportIssue> Warnings { get; } = [];

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public void Error(string code, int? row, string? field, string? value, LocalizedText message)
    {
        ErrorCount++;
        if (maxListed == 0 || Errors.Count < maxListed) Errors.Add(new ReportIssue(code, row, field, Shorten(value), message));
    }

    public void Warning(string code, int? row, string? field, string? value, LocalizedText message)
    {
        WarningCount++;
        if (maxListed == 0 || Warnings.Count < maxListed) Warnings.Add(new ReportIssue(code, row, field, Shorten(value), message));
    }

    private static string? Shorten(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;
}
