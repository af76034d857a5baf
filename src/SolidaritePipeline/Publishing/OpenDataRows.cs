using System.Globalization;
using System.Text.Json;
using SolidaritePipeline.Output;

namespace SolidaritePipeline.Publishing;

/// <summary>One cell of a published row, typed once so that the CSV and the JSON write it alike.</summary>
public readonly record struct OpenDataCell(OpenDataType Type, string? Text, long Number, bool IsMissing = false)
{
    /// <summary>No value: an empty CSV cell, a JSON <c>null</c>.</summary>
    public static OpenDataCell Missing(OpenDataType type) => new(type, null, 0, IsMissing: true);

    public static OpenDataCell String(string? value) => new(OpenDataType.String, value, 0);

    public static OpenDataCell Integer(long value) => new(OpenDataType.Integer, null, value);

    /// <summary>An amount, held in cents, written in dollars with two decimals.</summary>
    public static OpenDataCell Dollars(long cents) => new(OpenDataType.Number, null, cents);

    public static OpenDataCell Date(DateOnly value) => new(OpenDataType.Date, OpenDataFormat.Date(value), 0);

    public static OpenDataCell Boolean(bool value) => new(OpenDataType.Boolean, null, value ? 1 : 0);

    public void WriteCsv(CsvOutput csv)
    {
        switch (Type)
        {
            case var _ when IsMissing: csv.Raw(""); break;
            case OpenDataType.String: csv.Text(Text); break;
            case OpenDataType.Integer: csv.Raw(Number.ToString(CultureInfo.InvariantCulture)); break;
            case OpenDataType.Number: csv.Raw(OpenDataFormat.Amount(Number)); break;
            case OpenDataType.Date: csv.Raw(Text!); break;
            case OpenDataType.Boolean: csv.Raw(Number != 0 ? "true" : "false"); break;
        }
    }

    public void WriteJson(Utf8JsonWriter json, string name)
    {
        switch (Type)
        {
            case var _ when IsMissing: json.WriteNull(name); break;
            case OpenDataType.String when string.IsNullOrEmpty(Text): json.WriteNull(name); break;
            case OpenDataType.String or OpenDataType.Date: json.WriteString(name, Text); break;
            case OpenDataType.Integer: json.WriteNumber(name, Number); break;
            case OpenDataType.Number:
                // Raw so that 12500.50 keeps its two decimals; a decimal would print 12500.5.
                json.WritePropertyName(name);
                json.WriteRawValue(OpenDataFormat.Amount(Number), skipInputValidation: true);
                break;
            case OpenDataType.Boolean: json.WriteBoolean(name, Number != 0); break;
        }
    }
}

/// <summary>
/// A published table whose every column is defined once, with the value it takes from a row: the CSV
/// header, the JSON property, the Table Schema field and the cell all come from that one definition.
/// </summary>
public sealed class OpenDataTable<TRow>
{
    private readonly IReadOnlyList<Func<TRow, OpenDataCell>> _values;

    public OpenDataTable(
        string name, string titleFr, string descriptionFr,
        IReadOnlyList<(OpenDataField Field, Func<TRow, OpenDataCell> Value)> columns,
        IReadOnlyList<string> primaryKey,
        IReadOnlyList<OpenDataForeignKey>? foreignKeys = null)
    {
        Definition = new OpenDataTable(name, titleFr, descriptionFr, columns.Select(c => c.Field).ToArray(), primaryKey, foreignKeys);
        _values = columns.Select(c => c.Value).ToArray();
    }

    public OpenDataTable Definition { get; }

    /// <summary>The table's definition, with the synthetic-data column when the data came from the demo generator.</summary>
    public OpenDataTable Published(bool synthetic) => synthetic ? SyntheticData.Mark(Definition) : Definition;

    /// <summary>Writes one row to the CSV and, when given, as one JSON object; <paramref name="synthetic"/> adds the marker cell.</summary>
    public void Write(CsvOutput? csv, Utf8JsonWriter? json, TRow row, bool synthetic = false)
    {
        json?.WriteStartObject();
        for (var i = 0; i < _values.Count; i++) Write(csv, json, _values[i](row), Definition.Fields[i].Name);
        if (synthetic) Write(csv, json, OpenDataCell.Boolean(true), SyntheticData.ColumnName);
        if (csv is not null) csv.EndRow();
        json?.WriteEndObject();
    }

    private static void Write(CsvOutput? csv, Utf8JsonWriter? json, OpenDataCell cell, string name)
    {
        if (csv is not null) cell.WriteCsv(csv);
        if (json is not null) cell.WriteJson(json, name);
    }

    /// <summary>
    /// Writes the table as a CSV file and a JSON file side by side from the same rows, flushing after
    /// each batch so that memory holds one batch, however long the table.
    /// </summary>
    public async Task<int> WriteAsync(
        Stream csvFile, Stream jsonFile, IAsyncEnumerable<IReadOnlyList<TRow>> batches, bool synthetic, CancellationToken cancellationToken)
    {
        var count = 0;
        await using (var csv = new CsvOutput(csvFile, CsvDialect.OpenData))
        await using (var json = new Utf8JsonWriter(jsonFile, OpenDataFormat.JsonOptions))
        {
            csv.Row(Published(synthetic).Fields.Select(f => f.Name));
            json.WriteStartArray();
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                foreach (var row in batch) Write(csv, json, row, synthetic);
                count += batch.Count;
                await csv.FlushAsync(cancellationToken);
                await json.FlushAsync(cancellationToken);
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken);
        }

        jsonFile.WriteByte((byte)'\n');
        return count;
    }

    /// <summary>Rows as a JSON array of objects named as the CSV columns, for the read API and <c>status --json</c>.</summary>
    public byte[] ToJson(IEnumerable<TRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, OpenDataFormat.JsonOptions))
        {
            json.WriteStartArray();
            foreach (var row in rows) Write(null, json, row);
            json.WriteEndArray();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Rows as a CSV file of the snapshot's form (BOM, <c>,</c>, <c>.</c>, CRLF), for the read API.</summary>
    public async Task<byte[]> ToCsvAsync(IEnumerable<TRow> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var csv = new CsvOutput(buffer, CsvDialect.OpenData))
        {
            csv.Row(Definition.Fields.Select(f => f.Name));
            foreach (var row in rows) Write(csv, null, row);
            await csv.FlushAsync(cancellationToken);
        }

        return buffer.ToArray();
    }
}
