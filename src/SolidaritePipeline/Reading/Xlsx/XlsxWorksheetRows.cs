using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// Streams the rows of one worksheet part, one <c>&lt;row&gt;</c> at a time, turning each cell into the
/// text a person typed. Rows with no value at all (formatted but empty) are skipped like absent rows.
/// </summary>
internal sealed class XlsxWorksheetRows(
    OpenXmlReader reader,
    IReadOnlyList<string> sharedStrings,
    bool[] dateStyles,
    bool date1904) : IDisposable
{
    /// <summary>Excel's last column is XFD.</summary>
    private const int MaxColumns = 16_384;

    private readonly List<SourceCell> _cells = [];
    private readonly StringBuilder _inlineText = new();
    private int _rowNumber;

    // The cell being read.
    private int _column;
    private string? _type;
    private int _style;
    private string? _value;
    private bool _hasInline;
    private int _phoneticDepth;

    /// <summary>The next row that holds at least one value, or null at the end of the sheet.</summary>
    public SourceRow? Next()
    {
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(Row))
            {
                if (reader.IsStartElement) StartRow();
                else if (EndRow() is { } row) return row;
            }
            else if (type == typeof(Cell))
            {
                if (reader.IsStartElement) StartCell();
                else EndCell();
            }
            else if (!reader.IsStartElement)
            {
                if (type == typeof(PhoneticRun)) _phoneticDepth--;
            }
            else if (type == typeof(CellValue))
            {
                _value = reader.GetText();
            }
            else if (type == typeof(InlineString))
            {
                _hasInline = true;
            }
            else if (type == typeof(PhoneticRun))
            {
                _phoneticDepth++;
            }
            else if (type == typeof(Text) && _phoneticDepth == 0)
            {
                _inlineText.Append(reader.GetText());
            }
        }

        return null;
    }

    public void Dispose() => reader.Dispose();

    private void StartRow()
    {
        _cells.Clear();
        var r = XlsxParts.Attribute(reader, "r");
        _rowNumber = r is null ? _rowNumber + 1
            : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
            : throw XlsxErrors.Malformed($"row r=\"{r}\"");
        _column = -1;
    }

    private SourceRow? EndRow()
    {
        var count = _cells.Count;
        while (count > 0 && _cells[count - 1].Text.Length == 0) count--;
        if (count == 0) return null;
        return new SourceRow(_rowNumber, _cells.GetRange(0, count).ToArray());
    }

    private void StartCell()
    {
        // One pass over the attributes: each call to Attributes builds a new collection.
        string? reference = null;
        string? style = null;
        _type = null;
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.NamespaceUri.Length != 0) continue;
            switch (attribute.LocalName)
            {
                case "r": reference = attribute.Value; break;
                case "t": _type = attribute.Value; break;
                case "s": style = attribute.Value; break;
            }
        }

        _column = reference is null ? _column + 1 : XlsxValues.ColumnIndex(reference);
        if (_column is < 0 or >= MaxColumns) throw XlsxErrors.Malformed($"cell r=\"{reference}\"");
        _style = int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        _value = null;
        _hasInline = false;
        _inlineText.Clear();
        _phoneticDepth = 0;
    }

    private void EndCell()
    {
        var cell = CurrentCell();
        while (_cells.Count <= _column) _cells.Add(SourceCell.Empty);
        _cells[_column] = cell;
    }

    private SourceCell CurrentCell()
    {
        switch (_type)
        {
            case "s":
                if (_value is null) return SourceCell.Empty;
                return int.TryParse(_value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count
                    ? new SourceCell(sharedStrings[index])
                    : throw XlsxErrors.Malformed($"shared string {_value}");
            case "inlineStr":
                return new SourceCell(_hasInline ? XlsxValues.DecodeEscapes(_inlineText.ToString()) : _value ?? string.Empty);
            case "str":
                return new SourceCell(XlsxValues.DecodeEscapes(_value ?? string.Empty));
            case "b":
                return new SourceCell(_value switch { "1" => "TRUE", "0" => "FALSE", _ => _value ?? string.Empty });
            case "e":
                return new SourceCell(_value ?? string.Empty);
            case "d":
                return _value is null ? SourceCell.Empty
                    : XlsxValues.IsoDateText(_value) is { } iso ? new SourceCell(iso, Typed: true)
                    : new SourceCell(_value);
            default:
                return NumberCell();
        }
    }

    private SourceCell NumberCell()
    {
        if (string.IsNullOrEmpty(_value)) return SourceCell.Empty;
        if (_style < dateStyles.Length && dateStyles[_style] && XlsxValues.DateText(_value, date1904) is { } date)
            return new SourceCell(date, Typed: true);

        // A value no decimal can hold is passed on as written; the validator reports it.
        return XlsxValues.NumberText(_value) is { } number ? new SourceCell(number, Typed: true) : new SourceCell(_value);
    }
}
