using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Output;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Tools.Demo;

/// <summary>
/// Turns a <see cref="SyntheticTable"/> into the bytes of one format, written the way the tools
/// mandataires use would write it: a French Excel CSV export in Windows-1252 with <c>;</c>,
/// <c>12 500,50 $</c> and <c>JJ/MM/AAAA</c>; a UTF-8 tab export with a BOM; plain UTF-8 CSV; JSON.
/// </summary>
internal static class SyntheticFileWriter
{
    // Code pages ship with .NET; taking 1252 from the provider avoids registering it process-wide.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    // A file, not a web page: keep accents readable instead of \u00E9 escapes.
    private static readonly JavaScriptEncoder ReadableFrench = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Extension(SubmissionFormat format) => format switch
    {
        SubmissionFormat.Xlsx => ".xlsx",
        SubmissionFormat.JsonArray or SubmissionFormat.JsonEnvelope => ".json",
        _ => ".csv",
    };

    public static byte[] Write(SyntheticTable table, SubmissionFormat format, string exercice) => format switch
    {
        SubmissionFormat.CsvUtf8Comma => Csv(table, CsvDialect.Utf8Of(',', "\n", byteOrderMark: false), InvariantCell),
        SubmissionFormat.CsvWindows1252Semicolon => Csv(table, new CsvDialect(';', "\r\n", Windows1252, ByteOrderMark: false), FrenchCell),
        SubmissionFormat.CsvUtf8BomTab => Csv(table, CsvDialect.Utf8Of('\t', "\r\n", byteOrderMark: true), EnglishCell),
        SubmissionFormat.JsonArray => Json(table, envelopeExercice: null),
        SubmissionFormat.JsonEnvelope => Json(table, envelopeExercice: exercice),
        SubmissionFormat.Xlsx => Xlsx(table),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    // Cells as the tool spells them, unneutralised: these files stand for what mandataires send.
    private static byte[] Csv(SyntheticTable table, CsvDialect dialect, Func<object?, string> cell) =>
        CsvOutput.ToBytes(dialect, csv =>
        {
            csv.Row(table.Headers);
            foreach (var row in table.Rows) csv.Row(row.Select(cell));
        });

    private static string InvariantCell(object? value) => value switch
    {
        null => "",
        decimal money => money.ToString("0.00", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int count => count.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private static string FrenchCell(object? value) => value switch
    {
        // French money as Excel writes it in Québec: no-break space between thousands, comma for cents.
        decimal money => FrenchNumbers.Amount(Money.ToCentsWide(money), '\u00A0') + " $",
        DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        int count => FrenchNumbers.Whole(count, FrenchNumbers.Space),
        _ => InvariantCell(value),
    };

    private static string EnglishCell(object? value) => value switch
    {
        // Always two decimals: "1,500" alone would be ambiguous; "1,500.00" is not.
        decimal money => money.ToString("#,##0.00", CultureInfo.InvariantCulture),
        _ => InvariantCell(value),
    };

    // Real number and date cells, as Excel saves them; each column formatted after its values.
    private static byte[] Xlsx(SyntheticTable table)
    {
        using var buffer = new MemoryStream();
        var columns = table.Headers.Select((header, c) => new XlsxColumn(header, ColumnFormat(table, c))).ToArray();
        using (var sheet = XlsxSheetWriter.Create(buffer, "Rapport", columns))
        {
            foreach (var row in table.Rows) sheet.WriteRow([.. row.Select(XlsxValue)]);
        }

        return buffer.ToArray();
    }

    private static XlsxColumnFormat ColumnFormat(SyntheticTable table, int column) =>
        table.Rows.Select(r => r[column]).FirstOrDefault(v => v is not null) switch
        {
            decimal => XlsxColumnFormat.Money,
            DateOnly => XlsxColumnFormat.Date,
            int => XlsxColumnFormat.Integer,
            _ => XlsxColumnFormat.Text,
        };

    private static XlsxCell XlsxValue(object? value) => value switch
    {
        null => XlsxCell.Empty,
        decimal money => XlsxCell.Number(money),
        int count => XlsxCell.Number(count),
        DateOnly date => XlsxCell.Date(date),
        _ => XlsxCell.Text((string)value),
    };

    private static byte[] Json(SyntheticTable table, string? envelopeExercice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = ReadableFrench }))
        {
            if (envelopeExercice is not null)
            {
                json.WriteStartObject();
                json.WriteString("exercice", envelopeExercice);
                json.WritePropertyName("projets");
            }

            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < table.Fields.Count; c++) WriteJsonValue(json, table.Fields[c], row[c]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (envelopeExercice is not null) json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteJsonValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case decimal money: json.WriteNumber(name, money); break;
            case int count: json.WriteNumber(name, count); break;
            case DateOnly date: json.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: json.WriteString(name, (string)value); break;
        }
    }
}
