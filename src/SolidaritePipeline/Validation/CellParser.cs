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
                if (_values.Listing) _values.Error(IssueCodes.RequiredError, row, field.Name, null, Messages.Required(field));
                else _values.ErrorNotListed();
                return;
            }

            _money[f] = 0m;
            _valid[f] = true;
            return;
        }

        if (_maxCellLength > 0 && cell.Length > _maxCellLength)
        {
            Fail(IssueCodes.ConstraintError, row, field, cell, (cell.Length, _maxCellLength), static (f, _, a) => Messages.CellTooLong(f, a.Item1, a.Item2));
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
            return Fail(IssueCodes.ConstraintError, row, field, cell, (s.Length, max), static (f, _, a) => Messages.TextLength(f, a.Item1, a.Item2));
        _text[f] = Keep(f, cell, s);
        if (f == S.NoProjet) _values.NoProjetHash = file.ProjectNumberHash(s);
        if ((f == S.TitreProjet || f == S.OrganismePromoteur || f == S.Municipalite)
            && PersonalData.MayHold(s) && PersonalData.FindFirst(s) is { } found)
        {
            // The value itself is not echoed: the report would carry the very address it warns about.
            if (_values.Log.ListsWarnings)
            {
                var hint = PersonalData.Hint(s, found);
                _values.Log.Warning(IssueCodes.PersonalData, row, field.Name, hint, Messages.PersonalData(field, row, found.Kind, hint));
            }
            else
            {
                _values.Log.CountWarning();
            }
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
                return Fail(IssueCodes.ConstraintError, row, field, cell, static (_, text) => Messages.ExerciceNotConsecutive(text));
            default:
                return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotExercice);
        }
    }

    private bool CheckNeq(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        Span<char> digits = stackalloc char[10];
        if (!ValueParsers.TryParseNeq(s, digits))
            return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotNeq);
        _text[f] = s.SequenceEqual(digits) ? Keep(f, cell, s) : _pools.Get(f, digits);
        return true;
    }

    private bool CheckRegion(SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (regions.Find(s) is not { } region)
            return Fail(IssueCodes.ConstraintError, row, field, cell, Messages.UnknownRegion);
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

        return Fail(IssueCodes.ConstraintError, row, field, cell, Messages.NotInList);
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
                return Fail(IssueCodes.TypeError, row, field, cell, static (_, text) => Messages.AmbiguousMoney(text));
            case not ParseOutcome.Ok:
                return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotMoney);
        }

        if (decimal.IsNegative(amount) && amount != 0m)
            return Fail(IssueCodes.ConstraintError, row, field, cell, Messages.NegativeMoney);
        if (amount > field.Maximum)
            return Fail(IssueCodes.ConstraintError, row, field, cell, static (f, text) => Messages.MoneyTooLarge(f, text, f.Maximum!.Value));
        // Two decimals written or fewer (the common case) are their own rounding.
        if (amount.Scale > 2 && decimal.Round(amount, 2) != amount)
            return Fail(IssueCodes.ConstraintError, row, field, cell, Messages.MoneyDecimals);
        _money[f] = amount.Scale > 2 ? decimal.Round(amount, 2) : amount;
        return true;
    }

    private bool CheckDate(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.TryParseDate(s, cell.Typed, out var date))
            return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotDate);
        _date[f] = date;
        return true;
    }

    private bool CheckInteger(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        var outcome = ValueParsers.ParseInteger(s, cell.Typed, out var value);
        if (outcome == ParseOutcome.Invalid)
            return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotInteger);
        if (outcome == ParseOutcome.OutOfRange || value < 0 || value > IntegerMaximum[f])
            return Fail(IssueCodes.ConstraintError, row, field, cell, static (f, text) => Messages.IntegerRange(f, text, (long)f.Maximum!.Value));
        _integer[f] = value;
        return true;
    }

    private bool CheckEmail(int f, SchemaField field, scoped in CellText cell, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.IsEmail(s))
            return Fail(IssueCodes.TypeError, row, field, cell, Messages.NotEmail);
        _text[f] = Keep(f, cell, s);
        return true;
    }

    // An error of the cell, echoing its text: the text and the message quoting it become strings only
    // when the report will list the error (a file of a million errors builds five thousand of them).
    private bool Fail(string code, int row, SchemaField field, scoped in CellText cell, Func<SchemaField, string, LocalizedText> message) =>
        Fail(code, row, field, cell, message, static (f, text, m) => m(f, text));

    private bool Fail<TArg>(string code, int row, SchemaField field, scoped in CellText cell, TArg arg, Func<SchemaField, string, TArg, LocalizedText> message)
    {
        if (!_values.Listing) return _values.ErrorNotListed();
        var text = cell.Text;
        return _values.Error(code, row, field.Name, text, message(field, text.Trim(), arg));
    }

    // The reader's own string when the value is all of it; else one from the column's pool.
    private string Keep(int f, scoped in CellText cell, ReadOnlySpan<char> value) =>
        cell.Source is { } source && source.Length == value.Length ? source : _pools.Get(f, value);
}
