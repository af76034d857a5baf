using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reading;

/// <summary>
/// One cell as a reader found it. <see cref="Text"/> is what the validator parses. <see cref="Typed"/>
/// is true when the source held a typed value (an XLSX number or date cell, a JSON number), already
/// written in invariant form: numbers as <c>12500.5</c>, dates as <c>2022-04-01</c>.
/// </summary>
public readonly record struct SourceCell(string Text, bool Typed = false)
{
    private readonly int _length;

    public static SourceCell Empty { get; } = new(string.Empty);

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>
    /// The value's length in the file. A reader keeps at most the cell limit plus one character of a
    /// value (so it fails the length check without being held whole); this says how long it really was.
    /// </summary>
    public int Length { get => Math.Max(_length, Text.Length); init => _length = value > Text.Length ? value : 0; }
}

/// <summary>
/// One row of a file, with the row number a person sees: in a spreadsheet or CSV the header is row 1
/// and the first project row 2; in JSON, the 1-based position in the project array.
/// </summary>
public sealed record SourceRow(int RowNumber, IReadOnlyList<SourceCell> Cells)
{
    /// <summary>
    /// Set when the row reaches past the header's width: the 1-based column of its last filled cell.
    /// A reader keeps no cell past the header's width but the first filled one, as the last of
    /// <see cref="Cells"/>, so a row of millions of cells costs no more than the header's width.
    /// </summary>
    public int? LastFilledColumn { get; init; }
}

/// <summary>
/// A failure of the file as a whole, raised by a reader (malformed zip, too large once inflated, bad
/// encoding). <see cref="Code"/> is one of the file codes of design.md section 4.
/// </summary>
public sealed class SubmissionFileException(string code, LocalizedText message, int? row = null)
    : Exception(message.En)
{
    public string Code { get; } = code;

    public LocalizedText LocalizedMessage { get; } = message;

    public int? Row { get; } = row;
}
