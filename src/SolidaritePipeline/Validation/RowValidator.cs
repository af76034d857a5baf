using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Validation.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Validates the rows of one file against schema v1, driven by <see cref="SchemaV1.Fields"/>: maps the
/// header, checks every cell and the rules across rows (one exercice, unique numbers, own region),
/// logs every issue, and hands each clean row on as a <see cref="Project"/>. One instance per file;
/// it keeps per-row scratch arrays so checking a cell allocates nothing but the strings it keeps.
/// </summary>
internal sealed partial class RowValidator : IJsonIssueSink
{
    private readonly ValidationOptions _options;
    private readonly IssueLog _log;
    private readonly RegionLookup _regions;
    private readonly Region _ownRegion;
    private readonly string _mandataire;
    private readonly Action<Project>? _onProject;

    private int[] _fieldOfColumn = [];
    private bool _headerComplete;
    private bool _absentCellsAreEmpty;
    private string? _exercice;
    private int? _exerciceRow;
    private bool _exerciceFromEnvelope;
    private bool _envelopeExerciceInvalid;
    private readonly Dictionary<string, int> _rowOfProject = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedProperties = new(StringComparer.Ordinal);
    private int _pendingIssuesRow = -1;
    private readonly bool[] _reportedByReader = new bool[S.Count];

    // Scratch for the row being checked, indexed like SchemaV1.Fields.
    private readonly string?[] _text = new string?[S.Count];
    private readonly decimal[] _money = new decimal[S.Count];
    private readonly DateOnly[] _date = new DateOnly[S.Count];
    private readonly long[] _integer = new long[S.Count];
    private readonly bool[] _valid = new bool[S.Count];
    private int _rowErrors;

    public RowValidator(ValidationOptions options, IssueLog log, RegionLookup regions, Mandataire mandataire, Action<Project>? onProject)
    {
        _options = options;
        _log = log;
        _regions = regions;
        _ownRegion = regions.Catalog.FindRegion(mandataire.RegionCode)!;
        _mandataire = mandataire.Code;
        _onProject = onProject;
    }

    /// <summary>Rows that hold data (blank rows are not counted).</summary>
    public int RowCount { get; private set; }

    /// <summary>The file's exercice: the envelope's, else the first valid one of the rows.</summary>
    public string? Exercice => _exercice;

    /// <summary>Maps a header row (row 1 of a CSV or a worksheet) to schema fields.</summary>
    public void ReadHeader(SourceRow header)
    {
        var cells = header.Cells;
        var width = cells.Count;
        while (width > 0 && cells[width - 1].IsBlank) width--; // trailing empty columns of a spreadsheet export

        _fieldOfColumn = new int[width];
        var firstColumn = new int[S.Count];
        Array.Fill(firstColumn, -1);
        for (var c = 0; c < width; c++)
        {
            _fieldOfColumn[c] = -1;
            var label = cells[c].Text.Trim();
            if (label.Length == 0)
            {
                _log.Error(IssueCodes.BlankLabel, header.RowNumber, null, null, Messages.BlankLabel(c + 1));
                continue;
            }

            if (_options.MaxCellLength > 0 && cells[c].Length > _options.MaxCellLength)
            {
                _log.Error(IssueCodes.ConstraintError, header.RowNumber, null, label, Messages.LabelTooLong(c + 1, cells[c].Length, _options.MaxCellLength));
                continue;
            }

            var field = S.FindByLabel(label);
            if (field < 0)
            {
                _log.Warning(IssueCodes.ExtraLabel, header.RowNumber, label, label, Messages.ExtraLabel(label));
            }
            else if (firstColumn[field] >= 0)
            {
                _log.Error(IssueCodes.DuplicateLabel, header.RowNumber, S.Fields[field].Name, label,
                    Messages.DuplicateLabel(label, firstColumn[field] + 1, c + 1));
            }
            else
            {
                firstColumn[field] = c;
                _fieldOfColumn[c] = field;
            }
        }

        _headerComplete = true;
        for (var f = 0; f < S.Count; f++)
        {
            if (firstColumn[f] >= 0 || !S.Fields[f].Required) continue;
            _log.Error(IssueCodes.MissingLabel, header.RowNumber, S.Fields[f].Name, null, Messages.MissingLabel(S.Fields[f]));
            _headerComplete = false;
        }
    }

    /// <summary>
    /// A worksheet row stops at its last filled cell, so cells missing at its end are empty ones,
    /// not a <c>missing-cell</c> as in a CSV row that lost its separators.
    /// </summary>
    public void TreatAbsentCellsAsEmpty() => _absentCellsAreEmpty = true;

    /// <summary>JSON rows come with their cells in schema order already.</summary>
    public void UseSchemaColumns()
    {
        _fieldOfColumn = Enumerable.Range(0, S.Count).ToArray();
        _headerComplete = true;
    }

    /// <summary>The <c>exercice</c> of a JSON envelope: the file's exercice, and the default of projects that omit it.</summary>
    public void UseEnvelopeExercice(SourceCell cell)
    {
        var field = S.Fields[S.Exercice];
        var text = cell.Text.Trim();
        switch (ValueParsers.ParseExercice(text, out var year))
        {
            case ParseOutcome.Ok:
                _exercice = ValueParsers.FormatExercice(year);
                _exerciceFromEnvelope = true;
                break;
            case ParseOutcome.OutOfRange:
                _log.Error(IssueCodes.ConstraintError, null, field.Name, text, Messages.ExerciceNotConsecutive(text));
                _envelopeExerciceInvalid = true;
                break;
            default:
                _log.Error(text.Length == 0 ? IssueCodes.RequiredError : IssueCodes.TypeError, null, field.Name, text,
                    text.Length == 0 ? Messages.Required(field) : Messages.NotExercice(field, text));
                _envelopeExerciceInvalid = true;
                break;
        }
    }

    public void ValidateRow(SourceRow row)
    {
        var cells = row.Cells;
        var pendingIssues = _pendingIssuesRow == row.RowNumber;
        _pendingIssuesRow = -1;
        if (!pendingIssues && AllBlank(cells))
        {
            _log.Warning(IssueCodes.BlankRow, row.RowNumber, null, null, Messages.BlankRow());
            return;
        }

        RowCount++;
        if (_options.MaxRows > 0 && RowCount > _options.MaxRows)
            throw new SubmissionFileException(IssueCodes.RowLimit, Messages.RowLimit(_options.MaxRows), row.RowNumber);

        _rowErrors = pendingIssues ? 1 : 0;
        Array.Clear(_valid);
        var width = _fieldOfColumn.Length;

        for (var c = width; c < cells.Count; c++)
        {
            if (cells[c].IsBlank) continue;
            RowError(IssueCodes.ExtraCell, row.RowNumber, null, cells[c].Text, Messages.ExtraCell(row.LastFilledColumn ?? LastNonBlank(cells) + 1, width));
            break;
        }

        var present = Math.Min(cells.Count, width);
        var complete = present == width || _absentCellsAreEmpty;
        if (!complete)
        {
            var firstMissing = _fieldOfColumn.Skip(present).FirstOrDefault(f => f >= 0, -1);
            RowError(IssueCodes.MissingCell, row.RowNumber, firstMissing >= 0 ? S.Fields[firstMissing].Name : null, null,
                Messages.MissingCell(cells.Count, width));
        }

        for (var c = 0; c < present; c++)
        {
            if (_fieldOfColumn[c] is var field and >= 0 && !(pendingIssues && _reportedByReader[field]))
                CheckCell(field, cells[c], row.RowNumber);
        }

        for (var c = present; c < width && _absentCellsAreEmpty; c++)
        {
            if (_fieldOfColumn[c] is var field and >= 0) CheckCell(field, SourceCell.Empty, row.RowNumber);
        }

        CheckAcrossFields(row.RowNumber);

        if (_rowErrors == 0 && _headerComplete && complete) _onProject?.Invoke(BuildProject());
    }

    void IJsonIssueSink.UnknownProperty(int? row, string name)
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

    void IJsonIssueSink.RowIssue(int row, string code, int field, LocalizedText message)
    {
        _log.Error(code, row, S.Fields[field].Name, null, message);
        if (_pendingIssuesRow != row) Array.Clear(_reportedByReader);
        _pendingIssuesRow = row;
        _reportedByReader[field] = true;
    }

    // Rules that need more than one cell, or more than one row.
    private void CheckAcrossFields(int row)
    {
        if (_valid[S.Exercice] && _text[S.Exercice] is { } rowExercice)
        {
            CheckDateWindow(S.DateDebut, rowExercice, row);
            CheckDateWindow(S.DateFin, rowExercice, row);
        }

        if (_valid[S.DateDebut] && _valid[S.DateFin] && _date[S.DateFin] < _date[S.DateDebut])
        {
            RowError(IssueCodes.ConstraintError, row, S.Fields[S.DateFin].Name, Iso(_date[S.DateFin]),
                Messages.EndBeforeStart(Iso(_date[S.DateFin]), Iso(_date[S.DateDebut])));
        }

        if (_valid[S.Exercice] && _text[S.Exercice] is { } exercice)
        {
            if (_exercice is null)
            {
                _exercice = exercice;
                _exerciceRow = row;
            }
            else if (exercice != _exercice)
            {
                RowError(IssueCodes.ExerciceMismatch, row, S.Fields[S.Exercice].Name, exercice,
                    Messages.ExerciceMismatch(exercice, _exercice, _exerciceRow));
            }
        }

        if (_valid[S.NoProjet] && _text[S.NoProjet] is { } number && !_rowOfProject.TryAdd(number, row))
        {
            RowError(IssueCodes.UniqueError, row, S.Fields[S.NoProjet].Name, number, Messages.Unique(number, _rowOfProject[number]));
        }

        if (_valid[S.RegionCode] && _text[S.RegionCode] is { } regionCode && regionCode != _ownRegion.Code)
        {
            var region = _regions.Catalog.FindRegion(regionCode)!;
            RowError(IssueCodes.RegionMismatch, row, S.Fields[S.RegionCode].Name, regionCode,
                Messages.RegionMismatch(regionCode, region.Code, region.Name, _mandataire, _ownRegion.Code, _ownRegion.Name));
        }
    }

    // A date decades away from the exercice is a typo (1850, 2202, 9999), not a project of that year.
    private void CheckDateWindow(int f, string exercice, int row)
    {
        if (!_valid[f]) return;
        var (first, last) = SchemaV1.DateWindow(int.Parse(exercice.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture));
        var date = _date[f];
        if (date >= first && date <= last) return;
        _valid[f] = false;
        RowError(IssueCodes.ConstraintError, row, S.Fields[f].Name, Iso(date),
            Messages.DateOutsideExercice(S.Fields[f], Iso(date), exercice, Iso(first), Iso(last), SchemaV1.DateWindowYears));
    }

    private Project BuildProject() => new(
        Exercice: _text[S.Exercice]!,
        NoProjet: _text[S.NoProjet]!,
        TitreProjet: _text[S.TitreProjet]!,
        OrganismePromoteur: _text[S.OrganismePromoteur]!,
        Neq: _text[S.Neq],
        RegionCode: _text[S.RegionCode]!,
        Municipalite: _text[S.Municipalite],
        AxeIntervention: _text[S.AxeIntervention]!,
        ClienteleCible: _text[S.ClienteleCible]!,
        MontantFqis: _money[S.MontantFqis],
        MontantAutresSources: _money[S.MontantAutresSources],
        DateDebut: _date[S.DateDebut],
        DateFin: _date[S.DateFin],
        PersonnesRejointes: (int)_integer[S.PersonnesRejointes],
        Statut: _text[S.Statut]!,
        CourrielContact: _text[S.CourrielContact]);

    private bool RowError(string code, int row, string? field, string? value, LocalizedText message)
    {
        _rowErrors++;
        _log.Error(code, row, field, value?.Trim(), message);
        return false;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static bool AllBlank(IReadOnlyList<SourceCell> cells)
    {
        foreach (var cell in cells)
        {
            if (!cell.IsBlank) return false;
        }

        return true;
    }

    private static int LastNonBlank(IReadOnlyList<SourceCell> cells)
    {
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (!cells[i].IsBlank) return i;
        }

        return -1;
    }
}
