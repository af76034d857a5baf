using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using nietras.SeparatedValues;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Compare;

/// <summary>The formats the harness compares in: the generated CSV, or the same rows as a workbook or as JSON.</summary>
public enum SubmissionFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>
/// Writes the rows of a generated CSV (<see cref="SubmissionCsv"/>) again as an XLSX workbook or a JSON
/// array, so every format holds the same projects: in the workbook, amounts and people are number cells
/// and dates real date cells, as Excel saves them; in JSON, amounts and people are numbers, dates
/// <c>AAAA-MM-JJ</c> strings and empty cells <c>null</c>, as the schema has them.
/// </summary>
public static class SubmissionFormats
{
    // Columns of SubmissionCsv's header that hold amounts, dates and a count of people.
    private static readonly HashSet<int> MoneyColumns = [9, 10];
    private static readonly HashSet<int> DateColumns = [11, 12];
    private const int PeopleColumn = 13;

    public static string Extension(SubmissionFormat format) => format switch
    {
        SubmissionFormat.Xlsx => ".xlsx",
        SubmissionFormat.Json => ".json",
        _ => ".csv",
    };

    public static SubmissionFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "csv" => SubmissionFormat.Csv,
        "xlsx" => SubmissionFormat.Xlsx,
        "json" => SubmissionFormat.Json,
        _ => throw new ArgumentException($"--format takes csv, xlsx or json, not {name}."),
    };

    /// <summary>Writes the rows of <paramref name="csvPath"/> to <paramref name="path"/> in <paramref name="format"/> (not CSV).</summary>
    public static void Convert(string csvPath, SubmissionFormat format, string path)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(csvPath);
        var header = reader.Header.ColNames.ToArray();
        var rows = reader.Enumerate(row =>
        {
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++) cells[c] = row[c].ToString();
            return cells;
        });
        switch (format)
        {
            case SubmissionFormat.Xlsx: WriteXlsx(header, rows, path); break;
            case SubmissionFormat.Json: WriteJson(header, rows, path); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "The CSV is the generated file itself.");
        }
    }

    private static void WriteXlsx(string[] header, IEnumerable<string[]> rows, string path)
    {
        var columns = header.Select((name, c) => new XlsxColumn(name,
            MoneyColumns.Contains(c) ? XlsxColumnFormat.Money
            : DateColumns.Contains(c) ? XlsxColumnFormat.Date
            : c == PeopleColumn ? XlsxColumnFormat.Integer
            : XlsxColumnFormat.Text)).ToArray();
        using var output = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        using var sheet = XlsxSheetWriter.Create(output, "Rapport", columns);
        var cells = new XlsxCell[header.Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var text = row[c];
                cells[c] = text.Length == 0 ? XlsxCell.Empty
                    : MoneyColumns.Contains(c) ? XlsxCell.Number(decimal.Parse(text, CultureInfo.InvariantCulture))
                    : DateColumns.Contains(c) ? XlsxCell.Date(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : c == PeopleColumn ? XlsxCell.Number(int.Parse(text, CultureInfo.InvariantCulture))
                    : XlsxCell.Text(text);
            }

            sheet.WriteRow(cells);
        }

        sheet.Complete();
    }

    private static void WriteJson(string[] header, IEnumerable<string[]> rows, string path)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < header.Length; c++)
            {
                var text = row[c];
                if (text.Length == 0) json.WriteNull(header[c]);
                else if (MoneyColumns.Contains(c)) json.WriteNumber(header[c], decimal.Parse(text, CultureInfo.InvariantCulture));
                else if (c == PeopleColumn) json.WriteNumber(header[c], int.Parse(text, CultureInfo.InvariantCulture));
                else json.WriteString(header[c], text);
            }

            json.WriteEndObject();
            if (json.BytesPending > 1 << 16) json.Flush();
        }

        json.WriteEndArray();
        json.Flush();
        output.Write(Encoding.UTF8.GetBytes("\n"));
    }
}
