using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reading;

/// <summary>
/// One cell as a reader found it. <see cref="Text"/> is what the validator parses. <see cref="Typed"/>
/// is true when the source held a typed value (an XLSX number or date cell, a JSON number), already
/// written in invariant form: numbers as <c>12500.5</c>, dates as <c>2022-04-01</c>.
/// </summary>
public readonly record struct SourceCell(string Text, bool Typed = false)
{
    public static SourceCell Empty { get; } = new(string.Empty);

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// One row of a file, with the row number a person sees: in a spreadsheet or CSV the header is row 1
/// and the first project row 2; in JSON, the 1-based position in the project array.
/// </summary>
public sealed record SourceRow(int RowNumber, IReadOnlyList<SourceCell> Cells);

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
