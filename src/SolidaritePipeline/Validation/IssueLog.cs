using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Validation;

/// <summary>
/// The errors and warnings of one file as they are found: the one place issues are created. Every
/// issue is counted; past <paramref name="maxListed"/> per list (0 = all) they are only counted, so a
/// broken 200 000-row file cannot fill memory with a million copies of the same message. What the
/// file itself says (a label, a property name, a value) is cut to <see cref="EchoedText.MaxLength"/>
/// characters here, and a message to <see cref="EchoedText.MaxMessageLength"/>, so no report can
/// receive a string a reader let through, however long. Once a list is full, a check asks
/// <see cref="ListsErrors"/> (or <see cref="ListsWarnings"/>) first and only counts the issue: a file
/// of a million errors builds five thousand messages, not a million.
/// </summary>
internal sealed class IssueLog(int maxListed)
{
    // A recorder (the log of a batch checked on another thread) keeps every issue in order, to be
    // replayed into the file's log when the batch's turn comes: the same issues, the same order.
    // An issue past its list's limit is recorded without its content, to be counted.
    private readonly List<(bool IsError, ReportIssue? Issue)>? _recorded;

    // The log a recorder's issues are replayed into: whether its lists are full says whether they will be listed.
    private readonly IssueLog? _target;

    // The lengths of Errors and Warnings, read by the threads that record into a recorder of this log.
    private int _errorsListed;
    private int _warningsListed;

    private IssueLog(IssueLog target)
        : this(0)
    {
        _recorded = [];
        _target = target;
    }

    /// <summary>A log that only records, for <see cref="ReplayInto"/> into <paramref name="target"/> (from another thread).</summary>
    public static IssueLog Recorder(IssueLog target) => new(target);

    /// <summary>
    /// True while an error logged now may still be listed; false once it would only be counted, when
    /// its value and message need not be built (<see cref="CountError"/>). A recorder answers for the
    /// log it will be replayed into: once that log's list is full it stays full, so an error recorded
    /// then would not be listed on replay either.
    /// </summary>
    public bool ListsErrors => _target is { } target ? target.ListsErrors : maxListed == 0 || Volatile.Read(ref _errorsListed) < maxListed;

    /// <summary>As <see cref="ListsErrors"/>, for warnings.</summary>
    public bool ListsWarnings => _target is { } target ? target.ListsWarnings : maxListed == 0 || Volatile.Read(ref _warningsListed) < maxListed;

    /// <summary>Counts an error that will not be listed (<see cref="ListsErrors"/> is false).</summary>
    public void CountError()
    {
        if (_recorded is not null) _recorded.Add((true, null));
        else ErrorCount++;
    }

    /// <summary>Counts a warning that will not be listed (<see cref="ListsWarnings"/> is false).</summary>
    public void CountWarning()
    {
        if (_recorded is not null) _recorded.Add((false, null));
        else WarningCount++;
    }

    /// <summary>Issues recorded so far (a recorder only).</summary>
    public int Recorded => _recorded!.Count;

    /// <summary>Logs recorded issues <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) into <paramref name="target"/>.</summary>
    public void ReplayInto(IssueLog target, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var (isError, issue) = _recorded![i];
            if (issue is null && isError) target.CountError();
            else if (issue is null) target.CountWarning();
            else if (isError) target.Error(issue);
            else target.Warning(issue);
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
        if (!ListsErrors) CountError();
        else if (_recorded is not null) _recorded.Add((true, Issue(code, row, field, value, message)));
        else Error(Issue(code, row, field, value, message));
    }

    private void Error(ReportIssue issue)
    {
        ErrorCount++;
        if (!ListsErrors) return;
        Errors.Add(issue);
        Volatile.Write(ref _errorsListed, Errors.Count);
    }

    private void Warning(ReportIssue issue)
    {
        WarningCount++;
        if (!ListsWarnings) return;
        Warnings.Add(issue);
        Volatile.Write(ref _warningsListed, Warnings.Count);
    }

    /// <summary>
    /// An error of the file as a whole (the row limit, a malformed file): listed even past the limit,
    /// since it says why reading stopped. There is at most one per file.
    /// </summary>
    public void FileError(string code, int? row, LocalizedText message)
    {
        ErrorCount++;
        Errors.Add(Issue(code, row, null, null, message));
        Volatile.Write(ref _errorsListed, Errors.Count);
    }

    public void Warning(string code, int? row, string? field, string? value, LocalizedText message)
    {
        if (!ListsWarnings) CountWarning();
        else if (_recorded is not null) _recorded.Add((false, Issue(code, row, field, value, message)));
        else Warning(Issue(code, row, field, value, message));
    }

    private static ReportIssue Issue(string code, int? row, string? field, string? value, LocalizedText message) => new(
        code, row, EchoedText.Cut(field), EchoedText.Cut(value),
        message.Fr.Length > EchoedText.MaxMessageLength || message.En.Length > EchoedText.MaxMessageLength
            ? new LocalizedText(EchoedText.Cut(message.Fr, EchoedText.MaxMessageLength), EchoedText.Cut(message.En, EchoedText.MaxMessageLength))
            : message);
}
