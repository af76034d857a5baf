using SolidaritePipeline.Reading;
using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Validation.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>The check of one cell by its schema type; a valid value lands in the row's scratch arrays.</summary>
internal sealed partial class RowValidator
{
    private void CheckCell(int f, SourceCell cell, int row)
    {
        var field = S.Fields[f];
        var raw = cell.Text ?? "";
        var s = raw.AsSpan().Trim();
        _text[f] = null;

        if (s.IsEmpty)
        {
            if (f == S.Exercice && (_exerciceFromEnvelope || _envelopeExerciceInvalid))
            {
                // A JSON project without exercice takes the envelope's (already reported if invalid).
                _text[f] = _exercice;
                if (_envelopeExerciceInvalid) _rowErrors++;
                else _valid[f] = true;
                return;
            }

            if (field.Required)
            {
                RowError(IssueCodes.RequiredError, row, field.Name, null, Messages.Required(field));
                return;
            }

            _money[f] = 0m;
            _valid[f] = true;
            return;
        }

        if (_options.MaxCellLength > 0 && cell.Length > _options.MaxCellLength)
        {
            RowError(IssueCodes.ConstraintError, row, field.Name, raw, Messages.CellTooLong(field, cell.Length, _options.MaxCellLength));
            return;
        }

        _valid[f] = field.Type switch
        {
            FieldType.Text => CheckText(f, field, raw, s, row),
            FieldType.Exercice => CheckExercice(f, field, cell, s, row),
            FieldType.Neq => CheckNeq(f, field, raw, s, row),
            FieldType.RegionCode => CheckRegion(f, field, raw, s, row),
            FieldType.Code => CheckCode(f, field, raw, s, row),
            FieldType.Money => CheckMoney(f, field, cell, s, row),
            FieldType.Date => CheckDate(f, field, cell, s, row),
            FieldType.Integer => CheckInteger(f, field, cell, s, row),
            FieldType.Email => CheckEmail(f, field, raw, s, row),
            _ => throw new InvalidOperationException($"No rule for field type {field.Type}."),
        };
    }

    private bool CheckText(int f, SchemaField field, string raw, ReadOnlySpan<char> s, int row)
    {
        if (field.MaxLength is { } max && s.Length > max)
            return RowError(IssueCodes.ConstraintError, row, field.Name, raw, Messages.TextLength(field, s.Length, max));
        _text[f] = s.Length == raw.Length ? raw : new string(s);
        if ((f == S.TitreProjet || f == S.OrganismePromoteur || f == S.Municipalite) && PersonalData.FindFirst(s) is { } found)
        {
            // The value itself is not echoed: the report would carry the very address it warns about.
            var hint = PersonalData.Hint(s, found);
            _log.Warning(IssueCodes.PersonalData, row, field.Name, hint, Messages.PersonalData(field, row, found.Kind, hint));
        }

        return true;
    }

    private bool CheckExercice(int f, SchemaField field, SourceCell cell, ReadOnlySpan<char> s, int row)
    {
        if (_exercice is not null && s.SequenceEqual(_exercice))
        {
            _text[f] = _exercice;
            return true;
        }

        switch (ValueParsers.ParseExercice(s, out var year))
        {
            case ParseOutcome.Ok:
                _text[f] = ValueParsers.FormatExercice(year);
                return true;
            case ParseOutcome.OutOfRange:
                return RowError(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.ExerciceNotConsecutive(cell.Text.Trim()));
            default:
                return RowError(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotExercice(field, cell.Text.Trim()));
        }
    }

    private bool CheckNeq(int f, SchemaField field, string raw, ReadOnlySpan<char> s, int row)
    {
        Span<char> digits = stackalloc char[10];
        if (!ValueParsers.TryParseNeq(s, digits))
            return RowError(IssueCodes.TypeError, row, field.Name, raw, Messages.NotNeq(field, raw.Trim()));
        _text[f] = s.SequenceEqual(digits) ? (s.Length == raw.Length ? raw : new string(s)) : new string(digits);
        return true;
    }

    private bool CheckRegion(int f, SchemaField field, string raw, ReadOnlySpan<char> s, int row)
    {
        if (_regions.Find(s) is not { } region)
            return RowError(IssueCodes.ConstraintError, row, field.Name, raw, Messages.UnknownRegion(field, raw.Trim()));
        _text[f] = region.Code;
        return true;
    }

    private bool CheckCode(int f, SchemaField field, string raw, ReadOnlySpan<char> s, int row)
    {
        Span<char> key = stackalloc char[Math.Min(s.Length, 128) * 2];
        if (s.Length <= 128
            && S.AllowedByKey[f]!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..TextKey.Normalize(s, key)], out var code))
        {
            _text[f] = code;
            return true;
        }

        return RowError(IssueCodes.ConstraintError, row, field.Name, raw, Messages.NotInList(field, raw.Trim()));
    }

    private bool CheckMoney(int f, SchemaField field, SourceCell cell, ReadOnlySpan<char> s, int row)
    {
        var shown = cell.Text.Trim();
        switch (ValueParsers.ParseMoney(s, cell.Typed, out var amount))
        {
            case ParseOutcome.Ambiguous:
                return RowError(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.AmbiguousMoney(shown));
            case not ParseOutcome.Ok:
                return RowError(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotMoney(field, shown));
        }

        if (amount < 0)
            return RowError(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.NegativeMoney(field, shown));
        if (amount > field.Maximum)
            return RowError(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.MoneyTooLarge(field, shown, field.Maximum.Value));
        if (decimal.Round(amount, 2) != amount)
            return RowError(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.MoneyDecimals(field, shown));
        _money[f] = decimal.Round(amount, 2);
        return true;
    }

    private bool CheckDate(int f, SchemaField field, SourceCell cell, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.TryParseDate(s, cell.Typed, out var date))
            return RowError(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotDate(field, cell.Text.Trim()));
        _date[f] = date;
        return true;
    }

    private bool CheckInteger(int f, SchemaField field, SourceCell cell, ReadOnlySpan<char> s, int row)
    {
        var shown = cell.Text.Trim();
        var outcome = ValueParsers.ParseInteger(s, cell.Typed, out var value);
        if (outcome == ParseOutcome.Invalid)
            return RowError(IssueCodes.TypeError, row, field.Name, cell.Text, Messages.NotInteger(field, shown));
        if (outcome == ParseOutcome.OutOfRange || value < 0 || value > field.Maximum)
            return RowError(IssueCodes.ConstraintError, row, field.Name, cell.Text, Messages.IntegerRange(field, shown, (long)field.Maximum!.Value));
        _integer[f] = value;
        return true;
    }

    private bool CheckEmail(int f, SchemaField field, string raw, ReadOnlySpan<char> s, int row)
    {
        if (!ValueParsers.IsEmail(s))
            return RowError(IssueCodes.TypeError, row, field.Name, raw, Messages.NotEmail(field, raw.Trim()));
        _text[f] = s.Length == raw.Length ? raw : new string(s);
        return true;
    }
}
