using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Validates what a reader yields for one file against schema v1: maps the header
/// (<see cref="HeaderMapping"/>), checks each row's shape and the issues the reader found in it,
/// parses every cell (<see cref="CellParser"/>), applies the rules across cells and rows
/// (<see cref="CrossRowRules"/>), and hands each clean row on as a <see cref="Project"/>
/// (<see cref="ProjectBuilder"/>). One instance per file.
/// </summary>
internal sealed class RowValidator
{
    private readonly ValidationOptions _options;
    private readonly IssueLog _log;
    private readonly Action<Project>? _onProject;
    private readonly HeaderMapping _header;
    private readonly CrossRowRules _rules;
    private readonly ProjectBuilder _values;
    private readonly CellParser _cells;
    private readonly RegionLookup _regions;
    private readonly HashSet<string> _reportedProperties = new(StringComparer.Ordinal);
    private readonly bool[] _reportedByReader = new bool[S.Count];

    public RowValidator(ValidationOptions options, IssueLog log, RegionLookup regions, Mandataire mandataire, Action<Project>? onProject)
    {
        _options = options;
        _log = log;
        _onProject = onProject;
        _header = new HeaderMapping(options, log);
        _rules = new CrossRowRules(log, regions, mandataire);
        _values = new ProjectBuilder(log);
        _regions = regions;
        _cells = new CellParser(options, regions, _rules);
    }

    /// <summary>Rows that hold data (blank rows are not counted).</summary>
    public int RowCount { get; private set; }

    /// <summary>The file's exercice: the envelope's, else the first valid one of the rows.</summary>
    public string? Exercice => _rules.Exercice;

    /// <summary>Takes what a reader yields: its header first, then rows and notes.</summary>
    public void Take(SourceRow row)
    {
        switch (row)
        {
            case SourceHeader header:
                _header.Map(header);
                if (_header.DefaultExercice is { } exercice) _rules.UseDefaultExercice(exercice);
                break;
            case SourceNotes notes:
                LogReaderIssues(notes.RowNumber > 0 ? notes.RowNumber : null, notes.Issues!);
                break;
            default:
                ValidateRow(row.RowNumber, row.LastFilledColumn, row.Issues, new SourceRowCells(row.Cells));
                break;
        }
    }

    /// <summary>Takes the current record of a CSV file (after its header, taken as a <see cref="SourceHeader"/>).</summary>
    public void Take(CsvRecords record) =>
        ValidateRow(record.RowNumber, record.LastFilledColumn, issues: null, new CsvRecordCells(record));

    /// <summary>Takes the current project of a JSON file (its header and notes come as <see cref="SourceRow"/>s).</summary>
    public void Take(JsonSubmissionReader project) =>
        ValidateRow(project.RowNumber, lastFilledColumn: null, project.Issues, new JsonProjectCells(project));

    private void ValidateRow<TCells>(int rowNumber, int? lastFilledColumn, IReadOnlyList<ReaderIssue>? issues, TCells cells)
        where TCells : IRowCells
    {
        var readerFailed = issues is not null && LogReaderIssues(rowNumber, issues);
        if (!readerFailed && AllBlank(cells))
        {
            BlankRow(rowNumber);
            return;
        }

        CountRow(rowNumber);
        _values.Start(readerFailed ? 1 : 0);
        var complete = CheckCells(cells, rowNumber, lastFilledColumn, readerFailed, _cells, _values);
        Finish(_values, rowNumber, complete);
    }

    /// <summary>A checker of the cells of this file's rows for another thread (issues go to the log of the row's values).</summary>
    internal CellParser CellParserFor() => new(_options, _regions, _rules);

    /// <summary>The file's log, where the issues of rows checked elsewhere are replayed in order.</summary>
    internal IssueLog Log => _log;

    internal void BlankRow(int rowNumber)
    {
        // Past the listing limit only counted, its message not built: a file of blank lines has millions.
        if (_log.ListsWarnings) _log.Warning(IssueCodes.BlankRow, rowNumber, null, null, Messages.BlankRow());
        else _log.CountWarning();
    }

    // Counts a row holding data; past the row limit the file is rejected at this row.
    internal void CountRow(int rowNumber)
    {
        RowCount++;
        if (_options.MaxRows > 0 && RowCount > _options.MaxRows)
            throw new FileRejectedException(IssueCodes.RowLimit, Messages.RowLimit(_options.MaxRows), rowNumber);
    }

    /// <summary>
    /// The checks of one row that need no other row: its shape (cells past the header's width, cells
    /// missing) and every cell, into <paramref name="values"/>. Touches no state of the file, so
    /// batches of rows can run it on other threads. True when the row has all its cells.
    /// </summary>
    internal bool CheckCells<TCells>(TCells cells, int rowNumber, int? lastFilledColumn, bool readerFailed, CellParser parser, ProjectBuilder values)
        where TCells : IRowCells
    {
        parser.Use(values);
        var fieldOfColumn = _header.FieldOfColumn;
        var width = fieldOfColumn.Length;

        for (var c = width; c < cells.Count; c++)
        {
            if (cells[c].IsBlank) continue;
            if (values.Listing) values.Error(IssueCodes.ExtraCell, rowNumber, null, cells[c].Text, Messages.ExtraCell(lastFilledColumn ?? LastNonBlank(cells) + 1, width));
            else values.ErrorNotListed();
            break;
        }

        var present = Math.Min(cells.Count, width);
        var absentAreEmpty = _header.AbsentCellsAreEmpty;
        var complete = present == width || absentAreEmpty;
        if (!complete && !values.Listing)
        {
            values.ErrorNotListed();
        }
        else if (!complete)
        {
            var firstMissing = fieldOfColumn.Skip(present).FirstOrDefault(f => f >= 0, -1);
            values.Error(IssueCodes.MissingCell, rowNumber, firstMissing >= 0 ? S.Fields[firstMissing].Name : null, null,
                Messages.MissingCell(cells.Count, width));
        }

        for (var c = 0; c < present; c++)
        {
            if (fieldOfColumn[c] is var field and >= 0 && !(readerFailed && _reportedByReader[field]))
                parser.Parse(field, cells[c], rowNumber);
        }

        for (var c = present; c < width && absentAreEmpty; c++)
        {
            if (fieldOfColumn[c] is var field and >= 0) parser.Parse(field, default, rowNumber);
        }

        return complete;
    }

    /// <summary>Prepares the rules across rows for a row that <see cref="Finish"/> takes a few rows later.</summary>
    internal void Prefetch(ProjectBuilder values) => _rules.PrefetchProjectNumber(values);

    /// <summary>The rules across rows, in file order, then the row handed on as a project if it has no error.</summary>
    internal void Finish(ProjectBuilder values, int rowNumber, bool complete)
    {
        _rules.Check(values, rowNumber);
        if (values.Errors == 0 && _header.Complete && complete && _onProject is not null) HandOn(values.Build());
    }

    // A failure of the caller's (a full disk under the normalised file) is its own, never a verdict on the file.
    private void HandOn(Project project)
    {
        try
        {
            _onProject!(project);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ProjectHandOnException(e);
        }
    }

    internal static bool AllBlank<TCells>(TCells cells)
        where TCells : IRowCells
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].IsBlank) return false;
        }

        return true;
    }

    // Logs the issues a reader found in a row, in its order; true when one of them fails the row.
    private bool LogReaderIssues(int? row, IReadOnlyList<ReaderIssue> issues)
    {
        Array.Clear(_reportedByReader);
        var failsRow = false;
        foreach (var issue in issues)
        {
            if (!issue.FailsRow)
            {
                UnknownProperty(row, issue.Name);
                continue;
            }

            var field = S.Fields[issue.Column];
            if (!_log.ListsErrors)
                _log.CountError();
            else if (issue.Kind == ReaderIssueKind.DuplicateProperty)
                _log.Error(IssueCodes.DuplicateLabel, row, field.Name, null, Messages.DuplicateProperty(issue.Name));
            else
                _log.Error(IssueCodes.TypeError, row, field.Name, null, Messages.JsonNotScalar(field));
            _reportedByReader[issue.Column] = true;
            failsRow = true;
        }

        return failsRow;
    }

    private void UnknownProperty(int? row, string name)
    {
        // Kept cut, and no more than a header's width of them: a file of long or countless distinct
        // property names must not fill memory with them (past that, each one is warned of, not remembered).
        var key = EchoedText.Cut(name)!;
        var firstTime = _options.MaxColumns <= 0 || _reportedProperties.Count < _options.MaxColumns
            ? _reportedProperties.Add(key)
            : !_reportedProperties.Contains(key);
        if (firstTime)
            _log.Warning(IssueCodes.ExtraLabel, row, name, name, Messages.ExtraProperty(name));
    }

    private static int LastNonBlank<TCells>(TCells cells)
        where TCells : IRowCells
    {
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (!cells[i].IsBlank) return i;
        }

        return -1;
    }
}
