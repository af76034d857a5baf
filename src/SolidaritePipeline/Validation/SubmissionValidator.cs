using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Validation;

/// <summary>Limits of design.md section 4; 0 means no limit.</summary>
public sealed record ValidationOptions
{
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
    public int MaxRows { get; init; } = 200_000;
    public int MaxCellLength { get; init; } = 1_000;
    public int MaxJsonDepth { get; init; } = 16;
}

/// <summary>
/// What the validator knows about a file besides its bytes. <paramref name="Source"/> is what the
/// report shows (<c>uploads/estrie/rapport.csv</c>, or a local path for <c>validate</c>);
/// <paramref name="FileName"/> gives the format by its extension.
/// </summary>
public sealed record SubmissionFile(
    string Mandataire,
    string Source,
    string FileName,
    string SubmissionId,
    DateTimeOffset ReceivedAt);

/// <summary>Turns the bytes of one submission into normalised projects and a validation report.</summary>
public sealed class SubmissionValidator(ReferenceCatalog catalog, ValidationOptions? options = null)
{
    public ReferenceCatalog Catalog { get; } = catalog;

    public ValidationOptions Options { get; } = options ?? new ValidationOptions();

    /// <summary>
    /// Reads and validates the whole file, listing every error. Each row that passes is handed to
    /// <paramref name="onProject"/> in file order; the caller keeps them only if the report is accepted.
    /// Never throws for bad input: every failure of the file is in the report.
    /// </summary>
    public Task<ValidationReport> ValidateAsync(
        Stream content,
        SubmissionFile file,
        Action<Project>? onProject = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>A rejected report for a file that is not read at all (for example <c>path-error</c>).</summary>
    public static ValidationReport RejectFile(SubmissionFile file, string code, string sha256) =>
        throw new NotImplementedException();
}
