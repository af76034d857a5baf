namespace SolidaritePipeline.Validation;

/// <summary>
/// The errors and warnings of one file as they are found: the one place issues are created. Every
/// issue is counted; past <paramref name="maxListed"/> per list (0 = all) they are only counted, so a
/// broken 200 000-row file cannot fill memory with a million copies of the same message. What the
/// file itself says (a label, a property name, a value) is cut to <see cref="EchoedText.MaxLength"/>
/// characters here, and a message to <see cref="EchoedText.MaxMessageLength"/>, so no report can
/// receive a string a reader let through, however long.
/// </summary>
internal sealed class IssueLog(int maxListed)
{
    public List<ReportIssue> Errors { get; } = [];

    public List<ReportIssue> Warnings { get; } = [];

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public void Error(string code, int? row, string? field, string? value, LocalizedText message)
    {
        ErrorCount++;
        if (maxListed == 0 || Errors.Count < maxListed) Errors.Add(Issue(code, row, field, value, message));
    }

    /// <summary>
    /// An error of the file as a whole (the row limit, a malformed file): listed even past the limit,
    /// since it says why reading stopped. There is at most one per file.
    /// </summary>
    public void FileError(string code, int? row, LocalizedText message)
    {
        ErrorCount++;
        Errors.Add(Issue(code, row, null, null, message));
    }

    public void Warning(string code, int? row, string? field, string? value, LocalizedText message)
    {
        WarningCount++;
        if (maxListed == 0 || Warnings.Count < maxListed) Warnings.Add(Issue(code, row, field, value, message));
    }

    private static ReportIssue Issue(string code, int? row, string? field, string? value, LocalizedText message) => new(
        code, row, EchoedText.Cut(field), EchoedText.Cut(value),
        message.Fr.Length > EchoedText.MaxMessageLength || message.En.Length > EchoedText.MaxMessageLength
            ? new LocalizedText(EchoedText.Cut(message.Fr, EchoedText.MaxMessageLength), EchoedText.Cut(message.En, EchoedText.MaxMessageLength))
            : message);
}

/// <summary>
/// Text from the file echoed back in a report (a header label, a JSON property name, a cell value),
/// cut to a fixed length: the report stays readable and bounded whatever the file holds.
/// </summary>
internal static class EchoedText
{
    /// <summary>Characters of an echoed label or value kept in a report; longer ones end with <see cref="Marker"/>.</summary>
    public const int MaxLength = 200;

    /// <summary>A message embeds at most a few echoed texts; past this it is cut too (never reached by a message of ours).</summary>
    public const int MaxMessageLength = 2_000;

    /// <summary>Ends a cut text, so a reader knows there was more.</summary>
    public const string Marker = "…";

    public static string? Cut(string? text) => text is null ? null : Cut(text, MaxLength);

    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var keep = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength; // never half a character
        return string.Concat(text.AsSpan(0, keep), Marker);
    }
}
