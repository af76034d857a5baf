using System.Globalization;

namespace SolidaritePipeline.Tools.Templates;

/// <summary>How a column of an <see cref="XlsxSheetWriter"/> shows its numbers, and what Excel expects typed in it.</summary>
public enum XlsxColumnFormat
{
    /// <summary>Excel's General format.</summary>
    General,

    /// <summary>Text (<c>@</c>): what is typed stays text, leading zeros included (NEQ, project numbers).</summary>
    Text,

    /// <summary>Whole numbers with thousands separators.</summary>
    Integer,

    /// <summary>Amounts with two decimals and thousands separators.</summary>
    Money,

    /// <summary>Dates shown as <c>AAAA-MM-JJ</c>.</summary>
    Date,
}

/// <summary>
/// One column of a sheet written by <see cref="XlsxSheetWriter"/>: its header, format and width, an
/// optional note on the header cell, and an optional drop-down list of allowed values.
/// </summary>
public sealed record XlsxColumn(string Header, XlsxColumnFormat Format = XlsxColumnFormat.General)
{
    /// <summary>Width in characters; null sizes it from the header.</summary>
    public double? Width { get; init; }

    /// <summary>A note (comment) shown when the pointer rests on the header cell.</summary>
    public string? Note { get; init; }

    /// <summary>When set, a drop-down list on every data cell of the column, refusing other values.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Only warn (instead of refusing) when a value outside <see cref="AllowedValues"/> is typed.</summary>
    public bool AllowOtherValues { get; init; }

    /// <summary>Shows the header on a highlighted background (for example, a required field).</summary>
    public bool Highlighted { get; init; }
}

/// <summary>The kinds of value a cell of an <see cref="XlsxSheetWriter"/> holds.</summary>
public enum XlsxCellKind
{
    Empty,
    Text,
    Number,
    Date,
}

/// <summary>
/// One cell to write: text, an exact decimal number, or a real Excel date cell. The column's
/// <see cref="XlsxColumnFormat"/> decides how a number is shown.
/// </summary>
public readonly record struct XlsxCell
{
    private XlsxCell(XlsxCellKind kind, string? text, decimal number, DateOnly date)
    {
        Kind = kind;
        TextValue = text;
        NumberValue = number;
        DateValue = date;
    }

    public XlsxCellKind Kind { get; }

    public string? TextValue { get; }

    public decimal NumberValue { get; }

    public DateOnly DateValue { get; }

    public static XlsxCell Empty { get; } = default;

    public static XlsxCell Text(string? text) =>
        string.IsNullOrEmpty(text) ? Empty : new(XlsxCellKind.Text, text, 0m, default);

    public static XlsxCell Number(decimal value) => new(XlsxCellKind.Number, null, value, default);

    public static XlsxCell Date(DateOnly value) => new(XlsxCellKind.Date, null, 0m, value);

    public static implicit operator XlsxCell(string? text) => Text(text);

    public static implicit operator XlsxCell(decimal value) => Number(value);

    public static implicit operator XlsxCell(int value) => Number(value);

    public static implicit operator XlsxCell(DateOnly value) => Date(value);

    public override string ToString() => Kind switch
    {
        XlsxCellKind.Text => TextValue!,
        XlsxCellKind.Number => NumberValue.ToString(CultureInfo.InvariantCulture),
        XlsxCellKind.Date => DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}
