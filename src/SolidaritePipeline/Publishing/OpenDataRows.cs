using System.Text.Json;

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

    public void WriteCsv(OpenDataCsv csv)
    {
        if (IsMissing)
        {
            csv.Raw("");
            return;
        }

        switch (Type)
        {
            case OpenDataType.String: csv.Text(Text); break;
            case OpenDataType.Integer: csv.Integer(Number); break;
            case OpenDataType.Number: csv.Cents(Number); break;
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

    /// <summary>Writes one row to the CSV and, when given, as one JSON object; <paramref name="synthetic"/> adds the marker cell.</summary>
    public void Write(OpenDataCsv? csv, Utf8JsonWriter? json, TRow row, bool synthetic = false)
    {
        json?.WriteStartObject();
        for (var i = 0; i < _values.Count; i++)
        {
            var cell = _values[i](row);
            if (csv is not null) cell.WriteCsv(csv);
            if (json is not null) cell.WriteJson(json, Definition.Fields[i].Name);
        }

        if (synthetic) SyntheticData.WriteCell(csv, json);
        csv?.EndRow();
        json?.WriteEndObject();
    }

    /// <summary>Rows as a JSON array of objects named as the CSV columns, for the read API.</summary>
    public byte[] ToJson(IEnumerable<TRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, SnapshotRows.JsonOptions))
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
        await using (var csv = new OpenDataCsv(buffer))
        {
            csv.Header(Definition.Fields.Select(f => f.Name));
            foreach (var row in rows) Write(csv, null, row);
            await csv.FlushAsync(cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>The table's definition, with the synthetic-data column when the data came from the demo generator.</summary>
    public OpenDataTable Published(bool synthetic) => synthetic ? SyntheticData.Mark(Definition) : Definition;
}
