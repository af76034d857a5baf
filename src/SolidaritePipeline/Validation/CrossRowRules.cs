using System.Globalization;
using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// The rules a cell cannot check alone: within a row (dates inside the exercice's window, end after
/// start, the mandataire's own region) and across rows (one exercice per file, unique project
/// numbers). Holds the file's exercice and the project numbers seen, the only state that grows.
/// </summary>
internal sealed class CrossRowRules(IssueLog log, RegionLookup regions, Mandataire mandataire)
{
    private readonly Region _ownRegion = regions.Catalog.FindRegion(mandataire.RegionCode)!;
    private readonly ProjectNumberSet _projectNumbers = new();
    private int? _exerciceRow;
    private string? _windowOf;
    private (DateOnly First, DateOnly Last) _window;

    /// <summary>The file's exercice: the default one (a JSON envelope's), else the first valid one of the rows.</summary>
    public string? Exercice { get; private set; }

    /// <summary>True when a valid default exercice stands for rows that leave it blank.</summary>
    public bool ExerciceFromDefault { get; private set; }

    /// <summary>True when the default exercice was invalid (reported once): a row that relies on it fails.</summary>
    public bool DefaultExerciceInvalid { get; private set; }

    /// <summary>Takes the default exercice of the file, reporting it when invalid.</summary>
    public void UseDefaultExercice(SourceCell cell)
    {
        var field = S.Fields[S.Exercice];
        var text = cell.Text.Trim();
        switch (ValueParsers.ParseExercice(text, out var year))
        {
            case ParseOutcome.Ok:
                Exercice = ValueParsers.FormatExercice(year);
                ExerciceFromDefault = true;
                break;
            case ParseOutcome.OutOfRange:
                log.Error(IssueCodes.ConstraintError, null, field.Name, text, Messages.ExerciceNotConsecutive(text));
                DefaultExerciceInvalid = true;
                break;
            default:
                log.Error(text.Length == 0 ? IssueCodes.RequiredError : IssueCodes.TypeError, null, field.Name, text,
                    text.Length == 0 ? Messages.Required(field) : Messages.NotExercice(field, text));
                DefaultExerciceInvalid = true;
                break;
        }
    }

    /// <summary>The hash of a project number for the unique rule, taken as its cell is read (see <see cref="ProjectNumberSet.Hash"/>).</summary>
    public int ProjectNumberHash(ReadOnlySpan<char> number) => _projectNumbers.Hash(number);

    /// <summary>Fetches the project-number slot of a row checked on another thread, a few rows before its <see cref="Check"/>.</summary>
    public void PrefetchProjectNumber(ProjectBuilder values) => _projectNumbers.Prefetch(values.NoProjetHash);

    /// <summary>Checks the parsed values of <paramref name="row"/>, logging into the row's errors.</summary>
    public void Check(ProjectBuilder values, int row)
    {
        var valid = values.Valid;
        var text = values.Text;
        var date = values.Date;
        if (valid[S.Exercice] && text[S.Exercice] is { } rowExercice)
        {
            CheckDateWindow(values, S.DateDebut, rowExercice, row);
            CheckDateWindow(values, S.DateFin, rowExercice, row);
        }

        if (valid[S.DateDebut] && valid[S.DateFin] && date[S.DateFin] < date[S.DateDebut])
        {
            if (!values.Listing) values.ErrorNotListed();
            else values.Error(IssueCodes.ConstraintError, row, S.Fields[S.DateFin].Name, Iso(date[S.DateFin]),
                Messages.EndBeforeStart(Iso(date[S.DateFin]), Iso(date[S.DateDebut])));
        }

        if (valid[S.Exercice] && text[S.Exercice] is { } exercice)
        {
            if (Exercice is null)
            {
                Exercice = exercice;
                _exerciceRow = row;
            }
            else if (exercice != Exercice)
            {
                if (!values.Listing) values.ErrorNotListed();
                else values.Error(IssueCodes.ExerciceMismatch, row, S.Fields[S.Exercice].Name, exercice,
                    Messages.ExerciceMismatch(exercice, Exercice, _exerciceRow));
            }
        }

        if (valid[S.NoProjet] && text[S.NoProjet] is { } number && !_projectNumbers.TryAdd(number, values.NoProjetHash, row, out var firstRow))
        {
            if (!values.Listing) values.ErrorNotListed();
            else values.Error(IssueCodes.UniqueError, row, S.Fields[S.NoProjet].Name, number, Messages.Unique(number, firstRow));
        }

        if (valid[S.RegionCode] && text[S.RegionCode] is { } regionCode && regionCode != _ownRegion.Code)
        {
            var region = regions.Catalog.FindRegion(regionCode)!;
            if (!values.Listing) values.ErrorNotListed();
            else values.Error(IssueCodes.RegionMismatch, row, S.Fields[S.RegionCode].Name, regionCode,
                Messages.RegionMismatch(regionCode, region.Code, region.Name, mandataire.Code, _ownRegion.Code, _ownRegion.Name));
        }
    }

    // A date decades away from the exercice is a typo (1850, 2202, 9999), not a project of that year.
    private void CheckDateWindow(ProjectBuilder values, int f, string exercice, int row)
    {
        if (!values.Valid[f]) return;
        if (!ReferenceEquals(exercice, _windowOf))
        {
            // The rows of a file share one exercice string: its window is computed once, not twice a row.
            _window = SchemaV1.DateWindow(int.Parse(exercice.AsSpan(0, 4), CultureInfo.InvariantCulture));
            _windowOf = exercice;
        }

        var (first, last) = _window;
        var date = values.Date[f];
        if (date >= first && date <= last) return;
        values.Valid[f] = false;
        if (!values.Listing) values.ErrorNotListed();
        else values.Error(IssueCodes.ConstraintError, row, S.Fields[f].Name, Iso(date),
            Messages.DateOutsideExercice(S.Fields[f], Iso(date), exercice, Iso(first), Iso(last), SchemaV1.DateWindowYears));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
