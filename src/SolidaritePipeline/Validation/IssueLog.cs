using SolidaritePipeline.Reading;

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
    // A recorder (the log of a batch checked on another thread) keeps every issue in order, to be
    // replayed into the file's log when the batch's turn comes: the same issues, the same order.
    private readonly List<(bool IsError, ReportIssue Issue)>? _recorded;

    private IssueLog(List<(bool IsError, ReportIssue Issue)> recorded)
        : this(0) => _recorded = recorded;

    /// <summary>A log that only records, for <see cref="ReplayInto"/>.</summary>
    public static IssueLog Recorder() => new([]);

    /// <summary>Issues recorded so far (a recorder only).</summary>
    public int Recorded => _recorded!.Count;

    /// <summary>Logs recorded issues <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) into <paramref name="target"/>.</summary>
    public void ReplayInto(IssueLog target, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var (isError, issue) = _recorded![i];
            if (isError) target.Add(target.Errors, issue, error: true);
            else target.Add(target.Warnings, issue, error: false);
        }
    }

    /// <summary>Forgets what was recorded (a recorder reused for the next batch).</summary>
    public void ClearRecorded() => _recorded!.Clear();

    public List<ReportIssue> Errors { get; } = [];

    public List<ReportIssue> Warnings { get; } = [];

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public void Error(string code, int? row, string? field, string? value, LocalizedText message)
    {
        if (_recorded is not null)
        {
            _recorded.Add((true, Issue(code, row, field, value, message)));
            return;
        }

        ErrorCount++;
        if (maxListed == 0 || Errors.Count < maxListed) Errors.Add(Issue(code, row, field, value, message));
    }

    private void Add(List<ReportIssue> list, ReportIssue issue, bool error)
    {
        if (error) ErrorCount++;
        else WarningCount++;
        if (maxListed == 0 || list.Count < maxListed) list.Add(issue);
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
        if (_recorded is not null)
        {
            _recorded.Add((false, Issue(code, row, field, value, message)));
            return;
        }

        WarningCount++;
        if (maxListed == 0 || Warnings.Count < maxListed) Warnings.Add(Issue(code, row, field, value, message));
    }

    private static ReportIssue Issue(string code, int? row, string? field, string? value, LocalizedText message) => new(
        code, row, EchoedText.Cut(field), EchoedText.Cut(value),
        message.Fr.Length > EchoedText.MaxMessageLength || message.En.Length > EchoedText.MaxMessageLength
            ? new LocalizedText(EchoedText.Cut(message.Fr, EchoedText.MaxMessageLength), EchoedText.Cut(message.En, EchoedText.MaxMessageLength))
            : message);
}
