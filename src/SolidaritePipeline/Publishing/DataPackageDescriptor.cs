using SolidaritePipeline.Output;
using System.Text.Json;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// <c>datapackage.json</c>: a Frictionless Tabular Data Package (v1) describing each CSV file as a
/// tabular resource with its dialect, size, SHA-256 and Table Schema, in French, licence CC-BY-4.0.
/// It holds no clock reading but the snapshot date, so the same data gives the same bytes.
/// </summary>
public static class DataPackageDescriptor
{
    public const string Name = "alliances-solidarite-fqis";
    public const string License = "CC-BY-4.0";

    public const string Title = "Alliances pour la solidarité : projets financés par le FQIS et totaux régionaux";

    public static byte[] Build(DateOnly date, IReadOnlyList<(OpenDataTable Table, PublishedFile File)> resources, bool synthetic = false)
    {
        var day = OpenDataFormat.Date(date);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, OpenDataFormat.JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("profile", "tabular-data-package");
            json.WriteString("name", Name);
            json.WriteString("title", synthetic ? "DONNÉES SYNTHÉTIQUES (démonstration) — " + Title : Title);
            json.WriteString("description", (synthetic ? SyntheticData.NoticeFr + " " + SyntheticData.NoticeEn + " " : "") +
                $"Instantané du {day} des redditions de comptes acceptées des 21 mandataires des Alliances pour la solidarité " +
                "(Fonds québécois d'initiatives sociales) : les projets financés, sans renseignement personnel, et les totaux " +
                "par exercice financier, par région administrative et par mandataire, avec leurs tables de référence (régions, " +
                "mandataires, exercices, axes, clientèles, statuts) reliées par des clés étrangères. Montants en dollars canadiens, " +
                "deux décimales, point décimal, et en cents (colonnes _cents).");
            json.WriteString("version", day);
            json.WriteStartArray("keywords");
            foreach (var keyword in new[] { "solidarité", "pauvreté", "exclusion sociale", "FQIS", "régions", "Québec" })
                json.WriteStringValue(keyword);
            json.WriteEndArray();
            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteString("name", License);
            json.WriteString("path", "https://creativecommons.org/licenses/by/4.0/deed.fr");
            json.WriteString("title", "Creative Commons Attribution 4.0 International");
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("resources");
            foreach (var (table, file) in resources) WriteResource(json, table, file);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteResource(Utf8JsonWriter json, OpenDataTable table, PublishedFile file)
    {
        json.WriteStartObject();
        json.WriteString("profile", "tabular-data-resource");
        json.WriteString("name", table.Name);
        json.WriteString("path", file.Name);
        json.WriteString("title", table.TitleFr);
        json.WriteString("description", table.DescriptionFr);
        json.WriteString("format", "csv");
        json.WriteString("mediatype", "text/csv");
        json.WriteString("encoding", "utf-8");
        json.WriteNumber("bytes", file.Bytes);
        json.WriteString("hash", "sha256:" + file.Sha256);
        json.WriteStartObject("dialect");
        json.WriteString("delimiter", ",");
        json.WriteString("lineTerminator", CsvDialect.OpenData.LineEnd);
        json.WriteString("quoteChar", "\"");
        json.WriteBoolean("doubleQuote", true);
        json.WriteBoolean("header", true);
        json.WriteEndObject();

        json.WriteStartObject("schema");
        json.WriteStartArray("fields");
        foreach (var field in table.Fields) WriteField(json, field);
        json.WriteEndArray();
        json.WriteStartArray("missingValues");
        json.WriteStringValue("");
        json.WriteEndArray();
        json.WriteStartArray("primaryKey");
        foreach (var key in table.PrimaryKey) json.WriteStringValue(key);
        json.WriteEndArray();
        if (table.ForeignKeys is { Count: > 0 } foreignKeys)
        {
            json.WriteStartArray("foreignKeys");
            foreach (var key in foreignKeys)
            {
                json.WriteStartObject();
                json.WriteString("fields", key.Field);
                json.WriteStartObject("reference");
                json.WriteString("resource", key.Resource);
                json.WriteString("fields", key.ReferenceField);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, OpenDataField field)
    {
        json.WriteStartObject();
        json.WriteString("name", field.Name);
        json.WriteString("type", field.Type switch
        {
            OpenDataType.Number => "number",
            OpenDataType.Integer => "integer",
            OpenDataType.Date => "date",
            OpenDataType.Boolean => "boolean",
            _ => "string",
        });
        json.WriteString("format", "default");
        json.WriteString("title", field.TitleFr);
        json.WriteString("description", field.DescriptionFr);
        if (field.Type == OpenDataType.Number) json.WriteString("decimalChar", ".");

        json.WriteStartObject("constraints");
        json.WriteBoolean("required", field.Required);
        if (field.Enum is { Count: > 0 } values)
        {
            json.WriteStartArray("enum");
            foreach (var value in values) json.WriteStringValue(value);
            json.WriteEndArray();
        }

        if (field.Pattern is { } pattern) json.WriteString("pattern", pattern);
        if (field.Minimum is { } minimum) json.WriteNumber("minimum", minimum);
        if (field.Maximum is { } maximum) json.WriteNumber("maximum", maximum);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
