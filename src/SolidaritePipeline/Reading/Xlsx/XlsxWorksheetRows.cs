using System.Globalization;
using System.Text;
using System.Xml;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// Streams the rows of one worksheet part, one <c>&lt;row&gt;</c> at a time, turning each cell into the
/// text a person typed. Rows with no value at all (formatted but empty) are skipped like absent rows.
/// </summary>
/// <remarks>
/// Work and memory per row follow the cells present, not their column letters: row 1 (the header)
/// keeps its cells up to the last filled one, at most <see cref="ReadingLimits.MaxColumns"/>; later
/// rows keep the header's width, and of the cells past it only the first filled one (see
/// <see cref="SourceRow.LastFilledColumn"/>). A text or value is kept up to the cell limit + 1.
/// </remarks>
internal sealed class XlsxWorksheetRows(
    XmlReader reader,
    SharedStrings sharedStrings,
    bool[] dateStyles,
    bool date1904,
    ReadingLimits options) : IDisposable
{
    /// <summary>Excel's last column is XFD.</summary>
    private const int ExcelColumns = 16_384;

    private readonly List<SourceCell> _cells = [];
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _valueText = new();
    private readonly char[] _chunk = new char[8 * 1024];
    private readonly int _keepChars = options.MaxCellLength > 0 ? options.MaxCellLength + 1 : int.MaxValue;
    private readonly SheetNames _names = new(reader.NameTable);

    // Dates repeat down a column: each day is written out once, for a bounded number of days.
    private readonly Dictionary<DateOnly, string> _dateTexts = [];
    private const int MaxDateTexts = 4096;
    private int _rowNumber;

    // Cells kept per row: the header's width once it is read; -1 before.
    private int _width = -1;
    private bool _inHeader;
    private SourceCell? _firstBeyond;
    private int _lastFilledBeyond;

    // The cell being read.
    private bool _inCell;
    private int _column;
    private string? _type;
    private int _style;
    private SourceCell? _value;
    private bool _hasInline;
    private long _inlineLength;
    private int _phoneticDepth;

    /// <summary>The next row that holds at least one value, or null at the end of the sheet.</summary>
    public SourceRow? Next()
    {
        while (reader.Read())
        {
            var type = reader.NodeType;
            if (type is not (XmlNodeType.Element or XmlNodeType.EndElement)) continue;
            // Names compared by reference: the reader hands out the instances of its name table.
            var name = reader.LocalName;
            if (!_names.IsMain(reader.NamespaceURI)) continue;
            if (type == XmlNodeType.EndElement)
            {
                if (ReferenceEquals(name, _names.Row))
                {
                    if (EndRow() is { } row) return row;
                }
                else if (ReferenceEquals(name, _names.Cell)) EndCell();
                else if (ReferenceEquals(name, _names.Phonetic)) _phoneticDepth--;
                continue;
            }

            if (ReferenceEquals(name, _names.Row))
            {
                StartRow();
                if (reader.IsEmptyElement && EndRow() is { } row) return row;
            }
            else if (ReferenceEquals(name, _names.Cell))
            {
                StartCell();
                if (reader.IsEmptyElement) EndCell();
            }
            else if (!_inCell)
            {
                continue;
            }
            else if (ReferenceEquals(name, _names.Value))
            {
                _valueText.Clear();
                var length = XlsxXml.AppendText(reader, _valueText, _keepChars, _chunk);
                _value = Text(_valueText.ToString(), length);
            }
            else if (ReferenceEquals(name, _names.InlineString))
            {
                _hasInline = true;
            }
            else if (ReferenceEquals(name, _names.Phonetic))
            {
                if (!reader.IsEmptyElement) _phoneticDepth++;
            }
            else if (ReferenceEquals(name, _names.Text) && _hasInline && _phoneticDepth == 0)
            {
                _inlineLength += XlsxXml.AppendText(reader, _text, _keepChars, _chunk);
            }
        }

        return null;
    }

    public void Dispose() => reader.Dispose();

    private static int Clamp(long length) => (int)Math.Min(length, int.MaxValue);


    private void StartRow()
    {
        _cells.Clear();
        _firstBeyond = null;
        _lastFilledBeyond = 0;
        var r = reader.GetAttribute("r");
        _rowNumber = r is null ? _rowNumber + 1
            : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
            : throw XlsxErrors.Malformed($"row r=\"{EchoedText.Cut(r)}\"");

        // Row 1 is the header by contract; a sheet whose first row with values is lower has none.
        _inHeader = _width < 0 && _rowNumber == 1;
        _column = -1;
    }

    private SourceRow? EndRow()
    {
        var count = _cells.Count;
        while (count > 0 && _cells[count - 1].Text.Length == 0) count--;
        if (count == 0 && _firstBeyond is null) return null;

        if (_width < 0) _width = _inHeader ? count : 0;
        if (_firstBeyond is not { } beyond) return new SourceRow(_rowNumber, _cells.GetRange(0, count).ToArray());

        // The first filled cell past the header's width stands for all of them, right after the kept ones.
        var cells = new SourceCell[_width + 1];
        for (var i = 0; i < _width; i++) cells[i] = i < _cells.Count ? _cells[i] : SourceCell.Empty;
        cells[_width] = beyond;
        return new SourceRow(_rowNumber, cells) { LastFilledColumn = _lastFilledBeyond };
    }

    private void StartCell()
    {
        string? reference = null;
        string? style = null;
        _type = null;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI.Length != 0) continue;
                var name = reader.LocalName;
                if (ReferenceEquals(name, _names.Reference)) reference = reader.Value;
                else if (ReferenceEquals(name, _names.Type)) _type = reader.Value;
                else if (ReferenceEquals(name, _names.Style)) style = reader.Value;
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        _column = reference is null ? _column + 1 : XlsxValues.ColumnIndex(reference);
        if (_column is < 0 or >= ExcelColumns) throw XlsxErrors.Malformed($"cell r=\"{EchoedText.Cut(reference)}\"");
        _style = int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        _value = null;
        _hasInline = false;
        _inlineLength = 0;
        _text.Clear();
        _phoneticDepth = 0;
        _inCell = true;
    }

    private void EndCell()
    {
        _inCell = false;
        var limit = _inHeader ? (options.MaxColumns > 0 ? options.MaxColumns : ExcelColumns) : _width < 0 ? 0 : _width;
        if (_column < limit)
        {
            // Padding stays within the header's width: at most MaxColumns cells per row.
            var cell = CurrentCell();
            while (_cells.Count <= _column) _cells.Add(SourceCell.Empty);
            _cells[_column] = cell;
            return;
        }

        var beyond = CurrentCell();
        if (beyond.IsBlank) return;
        if (_inHeader) throw new SubmissionFileException(ReadFailure.TooManyColumns, _rowNumber, limit);
        _firstBeyond ??= beyond;
        _lastFilledBeyond = Math.Max(_lastFilledBeyond, _column + 1);
    }

    private SourceCell CurrentCell()
    {
        var value = _value?.Text;
        switch (_type)
        {
            case "s":
                if (value is null) return SourceCell.Empty;
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count
                    ? sharedStrings[index]
                    : throw XlsxErrors.Malformed($"shared string {EchoedText.Cut(value)}");
            case "inlineStr":
                return _hasInline ? Text(XlsxValues.DecodeEscapes(_text.ToString()), _inlineLength) : _value ?? SourceCell.Empty;
            case "str":
                return _value is { } str ? Text(XlsxValues.DecodeEscapes(str.Text), str.Length) : SourceCell.Empty;
            case "b":
                return value switch { "1" => new SourceCell("TRUE"), "0" => new SourceCell("FALSE"), _ => _value ?? SourceCell.Empty };
            case "e":
                return _value ?? SourceCell.Empty;
            case "d":
                return value is null ? SourceCell.Empty
                    : XlsxValues.IsoDateText(value) is { } iso ? new SourceCell(iso, Typed: true)
                    : _value ?? SourceCell.Empty;
            default:
                return NumberCell();
        }
    }

    // The true length is only told when the text was cut: an escape (_x000D_) is longer raw than decoded.
    private SourceCell Text(string text, long rawLength) => rawLength > _keepChars ? new(text) { Length = Clamp(rawLength) } : new(text);

    private SourceCell NumberCell()
    {
        if (_value is not { } cell || cell.Text.Length == 0) return SourceCell.Empty;
        if (_style < dateStyles.Length && dateStyles[_style] && XlsxValues.Date(cell.Text, date1904) is { } date)
            return new SourceCell(DateText(date), Typed: true);

        // A value no decimal can hold is passed on as written; the validator reports it.
        return XlsxValues.NumberText(cell.Text) is { } number ? new SourceCell(number, Typed: true) : cell;
    }

    private string DateText(DateOnly date)
    {
        if (_dateTexts.TryGetValue(date, out var text)) return text;
        text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (_dateTexts.Count < MaxDateTexts) _dateTexts[date] = text;
        return text;
    }

    /// <summary>The names the sheet is read by, as instances of the reader's name table.</summary>
    private sealed class SheetNames(XmlNameTable names)
    {
        private readonly string _main = names.Add(XlsxXml.Main);
        private readonly string _strictMain = names.Add(XlsxXml.StrictMain);

        public string Row { get; } = names.Add("row");
        public string Cell { get; } = names.Add("c");
        public string Value { get; } = names.Add("v");
        public string InlineString { get; } = names.Add("is");
        public string Text { get; } = names.Add("t");
        public string Phonetic { get; } = names.Add("rPh");
        public string Reference { get; } = names.Add("r");
        public string Type { get; } = names.Add("t");
        public string Style { get; } = names.Add("s");

        public bool IsMain(string namespaceUri) => ReferenceEquals(namespaceUri, _main) || ReferenceEquals(namespaceUri, _strictMain);
    }
}
