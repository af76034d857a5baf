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
/// and the first project row 2; in JSON, the 1-based position in the project array. Every reader
/// yields a <see cref="SourceHeader"/> first, then the rows, with <see cref="SourceNotes"/> between them
/// for what it found outside any row.
/// </summary>
public record SourceRow(int RowNumber, IReadOnlyList<SourceCell> Cells)
{
    // 0 for none: an int, not an int?, so a row with Issues is no larger than one without.
    private readonly int _lastFilledColumn;

    /// <summary>
    /// Set when the row reaches past the header's width: the 1-based column of its last filled cell.
    /// A reader keeps no cell past the header's width but the first filled one, as the last of
    /// <see cref="Cells"/>, so a row of millions of cells costs no more than the header's width.
    /// </summary>
    public int? LastFilledColumn { get => _lastFilledColumn > 0 ? _lastFilledColumn : null; init => _lastFilledColumn = value ?? 0; }

    /// <summary>What the reader found wrong in this row besides its cells' values (null when nothing).</summary>
    public IReadOnlyList<ReaderIssue>? Issues { get; init; }
}

/// <summary>
/// The header of a file (row 1 of a CSV or a worksheet; for JSON, the schema's field names). Besides
/// its labels it says how the rows that follow are shaped.
/// </summary>
public sealed record SourceHeader(int RowNumber, IReadOnlyList<SourceCell> Cells) : SourceRow(RowNumber, Cells)
{
    /// <summary>
    /// True when a row stops at its last filled cell (a worksheet), so cells missing at its end are
    /// empty ones, not a <c>missing-cell</c> as in a CSV row that lost its separators.
    /// </summary>
    public bool RowsEndAtLastFilledCell { get; init; }

    /// <summary>
    /// The value of a column for a row that leaves it blank, by column; null when none has one (the
    /// <c>exercice</c> of a JSON envelope is the default of the projects that omit it).
    /// </summary>
    public IReadOnlyList<SourceCell?>? Defaults { get; init; }
}

/// <summary>What a reader found between rows, about the file rather than a row (a JSON envelope's unknown property).</summary>
/// <remarks>
/// It holds no cells; its <see cref="SourceRow.Issues"/> are the notes, and its row number that of
/// the row they concern, or 0 for the file (a project the file broke off in the middle of).
/// </remarks>
public sealed record SourceNotes : SourceRow
{
    public SourceNotes(IReadOnlyList<ReaderIssue> notes, int rowNumber = 0)
        : base(rowNumber, []) => Issues = notes;
}

/// <summary>What a reader can find wrong in a row besides its cells' values.</summary>
public enum ReaderIssueKind
{
    /// <summary>A JSON property outside the schema (a warning): <see cref="ReaderIssue.Name"/> is its name.</summary>
    UnknownProperty,

    /// <summary>A JSON property given twice in the same project.</summary>
    DuplicateProperty,

    /// <summary>A JSON value that is an object or a list, not text, a number, a boolean or null.</summary>
    NotScalar,
}

/// <summary>
/// One issue a reader found, in the order it found it. <see cref="Column"/> is the column (the schema
/// field for JSON) it concerns, or -1; <see cref="Name"/> is the property name as the file spells it,
/// kept up to <see cref="EchoedText.MaxMessageLength"/> characters.
/// </summary>
public sealed record ReaderIssue(ReaderIssueKind Kind, int Column, string Name)
{
    /// <summary>True for an issue that fails the row (everything but an unknown property).</summary>
    public bool FailsRow => Kind != ReaderIssueKind.UnknownProperty;
}
