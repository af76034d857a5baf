using SolidaritePipeline.Reading;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Validation;

/// <summary>
/// One cell as the validator reads it: its text as a span, and the string a reader already made of
/// it, if any. <see cref="Text"/> makes one only when an issue needs to echo it.
/// </summary>
internal readonly ref struct CellText
{
    public CellText(ReadOnlySpan<char> span, string? source, bool typed, int length)
    {
        Span = span;
        Source = source;
        Typed = typed;
        Length = length;
    }

    public ReadOnlySpan<char> Span { get; }

    /// <summary>The reader's string of the whole cell, or null when it gave a span only (CSV).</summary>
    public string? Source { get; }

    /// <inheritdoc cref="SourceCell.Typed"/>
    public bool Typed { get; }

    /// <inheritdoc cref="SourceCell.Length"/>
    public int Length { get; }

    public bool IsBlank => Span.IsWhiteSpace();

    public string Text => Source ?? new string(Span);
}

/// <summary>The cells of one row, whoever read them: a struct per source, so the row's checks are compiled for each.</summary>
internal interface IRowCells
{
    int Count { get; }

    CellText this[int i] { get; }
}

/// <summary>Cells a reader yielded as strings (XLSX, and rows kept in memory).</summary>
internal readonly struct SourceRowCells(IReadOnlyList<SourceCell> cells) : IRowCells
{
    public int Count => cells.Count;

    public CellText this[int i]
    {
        get
        {
            var cell = cells[i];
            var text = cell.Text ?? "";
            return new CellText(text, text, cell.Typed, cell.Length);
        }
    }
}

/// <summary>The current record of a CSV file: spans over the reader's buffer, no string until one is kept.</summary>
internal readonly struct CsvRecordCells(CsvRecords records) : IRowCells
{
    public int Count => records.Count;

    public CellText this[int i]
    {
        get
        {
            var span = records[i];
            return new CellText(span, null, typed: false, span.Length);
        }
    }
}

/// <summary>The current project of a JSON file, by schema field: spans over the reader's buffer, no string until one is kept.</summary>
internal readonly struct JsonProjectCells(JsonSubmissionReader project) : IRowCells
{
    public int Count => SchemaIndex.Count;

    public CellText this[int i]
    {
        get
        {
            var span = project[i];
            return new CellText(span, null, project.IsTyped(i), span.Length);
        }
    }
}
