using SolidaritePipeline.Reading;
using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Parses and checks one cell by its schema type (text, exercice, NEQ, region, code, money, date,
/// integer, e-mail); a valid value lands in the row's <see cref="ProjectBuilder"/>, an issue in its
/// log. Spans only: a cell allocates nothing but the string it keeps. One per thread that checks
/// cells, with the pools of the values it kept.
/// </summary>
internal sealed class CellParser(ValidationOptions options, RegionLookup regions, CrossRowRules file)
{
    private ProjectBuilder _values = null!;
    private string?[] _text = null!;
    private decimal[] _money = null!;
    private DateOnly[] _date = null!;
    private long[] _integer = null!;
    private bool[] _valid = null!;

    /// <summary>The row's values the next cells land in (one builder per file, or one per row of a batch).</summary>
    public void Use(ProjectBuilder values)
    {
        _values = values;
        _text = _values.Text;
        _money = _values.Money;
        _date = _values.Date;
        _integer = _values.Integer;
        _valid = _values.Valid;
    }

    // An array, not the schema's IReadOnlyList: the interface call costs a cast check per cell.
    private static readonly SchemaField[] Fields = [.. S.Fields];

    private readonly ValuePools _pools = new();

    // Looked up a few times a row: a table that hashes a few characters, not a dictionary that hashes them all.
    private static readonly KeyTable<string>?[] CodesByKey = [.. S.AllowedByKey.Select(codes => codes is null ? null : new KeyTable<string>(codes))];

    private readonly int _maxCellLength = options.MaxCellLength;

    // The schema's ceilings as plain numbers: comparing a long with a decimal converts it first.
    private static readonly long[] IntegerMaximum = [.. S.Fields.Select(f => f.Type == FieldType.Integer && f.Maximum is { } max ? (long)max : long.MaxValue)];

    // Inlined into the loop over a row's cells: a call per cell, with the cell copied into it, cost about
    // a tenth of a single-thread validation (docs/performance.md, "Where it stands").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Parse(int f, CellText cell, int row)
    {
        var field = Fields[f];
        var s = cell.Span.Trim();
        _text[f] = null;

        if (s.IsEmpty)
        {
            if (f == S.Exercice && (file.ExerciceFromDefault || file.DefaultExerciceInvalid))
            {
                // A JSON project without exercice takes the envelope's (already reported if invalid).
                _text[f] = file.Exercice;
                if (file.DefaultExerciceInvalid) _values.CountReportedError();
                else _valid[f] = true;
                return;
            }

            if (field.Required)
            {
                _values.Error(IssueCodes.RequiredError, row, field.Name, null, Messages.Required(field));
                return;
            }

            _money[f] = 0m;
            _valid[f] = true;
            return;
        }

        if (_maxCellLength > 0 && cell.Length > _maxCellLength)
        {
            _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.CellTooLong(field, cell.Length, _maxCellLength));
            return;
        }

        _valid[f] = field.Type switch
        {
            FieldType.Text => CheckText(f, field, cell, s, row),
            FieldType.Exercice => CheckExercice(f, field, cell, s, row),
            FieldType.Neq => CheckNeq(f, field, cell, s, row),
            FieldType.RegionCode => CheckRegion(field, cell, s, row),
            FieldType.Code => CheckCode(f, field, cell, s, row),
            FieldType.Money => CheckMoney(f, field, cell, s, row),
            FieldType.Date => CheckDate(f, field, cell, s, row),
            FieldType.Integer => CheckInteger(f, field, cell, s, row),
            FieldType.Email => CheckEmail(f, field, cell, s, row),
            _ => throw new InvalidOperationException($"No rule for field type {field.Type}."),
        };
    }

    private bool CheckText(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (field.MaxLength is { } max && s.Length > max)
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.TextLength(field, s.Length, max));
        _text[f] = Keep(f, cell, s);
        if (f == S.NoProjet) _values.NoProjetHash = file.ProjectNumberHash(s);
        if ((f == S.TitreProjet || f == S.OrganismePromoteur || f == S.Municipalite)
            && PersonalData.MayHold(s) && PersonalData.FindFirst(s) is { } found)
        {
            // The value itself is not echoed: the report would carry the very address it warns about.
            var hint = PersonalData.Hint(s, found);
            _values.Log.Warning(IssueCodes.PersonalData, row, field.Name, hint, Messages.PersonalData(field, row, found.Kind, hint));
        }

        return true;
    }

    private bool CheckExercice(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (file.Exercice is { } exercice && s.SequenceEqual(exercice))
        {
            _text[f] = exercice;
            return true;
        }

        switch (ValueParsers.ParseExercice(s, out var year))
        {
            case ParseOutcome.Ok:
                _text[f] = ValueParsers.FormatExercice(year);
                return true;
            case ParseOutcome.OutOfRange:
                return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.ExerciceNotConsecutive(cell.Text.Trim()));
            default:
                return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotExercice(field, cell.Text.Trim()));
        }
    }

    private bool CheckNeq(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        Span<char> digits = stackalloc char[10];
        if (!ValueParsers.TryParseNeq(s, digits))
            return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotNeq(field, cell.Text.Trim()));
        _text[f] = s.SequenceEqual(digits) ? Keep(f, cell, s) : _pools.Get(f, digits);
        return true;
    }

    private bool CheckRegion(SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (regions.Find(s) is not { } region)
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.UnknownRegion(field, cell.Text.Trim()));
        _text[S.RegionCode] = region.Code;
        return true;
    }

    private bool CheckCode(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        // Codes written by a program are their own key: normalising them is the slow path.
        var codes = CodesByKey[f]!;
        if ((codes.Find(s) ?? FindNormalized(codes, s)) is { } code)
        {
            _text[f] = code;
            return true;
        }

        return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.NotInList(field, cell.Text.Trim()));
    }

    // A label or a code written another way (Aînés, AINES): its key, when it is not one already.
    private static string? FindNormalized(KeyTable<string> codes, ReadOnlySpan<char> s)
    {
        if (s.Length > 128 || TextKey.IsKey(s)) return null;
        Span<char> key = stackalloc char[s.Length * 2];
        return codes.Find(key[..TextKey.Normalize(s, key)]);
    }

    private bool CheckMoney(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        switch (ValueParsers.ParseMoney(s, cell.Typed, out var amount))
        {
            case ParseOutcome.Ambiguous:
                return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.AmbiguousMoney(cell.Text.Trim()));
            case not ParseOutcome.Ok:
                return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotMoney(field, cell.Text.Trim()));
        }

        if (decimal.IsNegative(amount) && amount != 0m)
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.NegativeMoney(field, cell.Text.Trim()));
        if (amount > field.Maximum)
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.MoneyTooLarge(field, cell.Text.Trim(), field.Maximum.Value));
        // Two decimals written or fewer (the common case) are their own rounding.
        if (amount.Scale > 2 && decimal.Round(amount, 2) != amount)
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.MoneyDecimals(field, cell.Text.Trim()));
        _money[f] = amount.Scale > 2 ? decimal.Round(amount, 2) : amount;
        return true;
    }

    private bool CheckDate(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.TryParseDate(s, cell.Typed, out var date))
            return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotDate(field, cell.Text.Trim()));
        _date[f] = date;
        return true;
    }

    private bool CheckInteger(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        var outcome = ValueParsers.ParseInteger(s, cell.Typed, out var value);
        if (outcome == ParseOutcome.Invalid)
            return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotInteger(field, cell.Text.Trim()));
        if (outcome == ParseOutcome.OutOfRange || value < 0 || value > IntegerMaximum[f])
            return _values.Error(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.IntegerRange(field, cell.Text.Trim(), (long)field.Maximum!.Value));
        _integer[f] = value;
        return true;
    }

    private bool CheckEmail(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.IsEmail(s))
            return _values.Error(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotEmail(field, cell.Text.Trim()));
        _text[f] = Keep(f, cell, s);
        return true;
    }

    // The reader's own string when the value is all of it; else one from the column's pool.
    private string Keep(int f, scoped in CellText cell, ReadOnlySpan<char> value) =>
        cell.Source is { } source && source.Length == value.Length ? source : _pools.Get(f, value);
}
