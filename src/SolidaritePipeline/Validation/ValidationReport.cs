using System.Text.Json.Serialization;

namespace SolidaritePipeline.Validation;

/// <summary>A message in both official languages of the report, French first.</summary>
public sealed record LocalizedText(
    [property: JsonPropertyName("fr")] string Fr,
    [property: JsonPropertyName("en")] string En);

/// <summary>One error or warning of a validation report (design.md section 4).</summary>
public sealed record ReportIssue(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("row")] int? Row,
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("message")] LocalizedText Message);

/// <summary>The status a submission ends with.</summary>
public static class SubmissionStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>
/// The validation report of one file: the contract of design.md section 4. Field names are fixed;
/// the JSON comes from <see cref="System.Text.Json"/> with these property names.
/// </summary>
public sealed record ValidationReport
{
    [JsonPropertyName("submissionId")] public required string SubmissionId { get; init; }
    [JsonPropertyName("mandataire")] public required string Mandataire { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    [JsonPropertyName("receivedAt")] public required DateTimeOffset ReceivedAt { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("encoding")] public string? Encoding { get; init; }
    [JsonPropertyName("delimiter")] public string? Delimiter { get; init; }
    [JsonPropertyName("exercice")] public string? Exercice { get; init; }
    [JsonPropertyName("rowCount")] public int RowCount { get; init; }
    /// <summary>Every error found; <see cref="Errors"/> may list fewer when the file has very many.</summary>
    [JsonPropertyName("errorCount")]
    public int ErrorCount { get => _errorCount ?? Errors.Count; init => _errorCount = value; }

    /// <summary>Every warning found; <see cref="Warnings"/> may list fewer.</summary>
    [JsonPropertyName("warningCount")]
    public int WarningCount { get => _warningCount ?? Warnings.Count; init => _warningCount = value; }

    [JsonPropertyName("errors")] public IReadOnlyList<ReportIssue> Errors { get; init; } = [];
    [JsonPropertyName("warnings")] public IReadOnlyList<ReportIssue> Warnings { get; init; } = [];

    [JsonIgnore] public bool IsAccepted => Status == SubmissionStatus.Accepted;

    private readonly int? _errorCount;
    private readonly int? _warningCount;
}
