using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reports;

/// <summary>
/// The validation report as JSON (design.md section 4): the record's property names, indented,
/// accents kept readable, <c>receivedAt</c> in UTC with a <c>Z</c>.
/// </summary>
public static class ReportJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        // The report is a JSON document, never inlined in HTML: readable accents beat \u00e9.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcTimestampConverter() },
    };

    public static string Serialize(ValidationReport report) => JsonSerializer.Serialize(report, Options);

    public static Task WriteAsync(ValidationReport report, Stream output, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(output, report, Options, cancellationToken);

    public static ValidationReport Deserialize(string json) =>
        JsonSerializer.Deserialize<ValidationReport>(json, Options) ?? throw new JsonException("The report is null.");

    public static async Task<ValidationReport> ReadAsync(Stream input, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync<ValidationReport>(input, Options, cancellationToken)
        ?? throw new JsonException("The report is null.");

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
