namespace SolidaritePipeline.Validation;

/// <summary>The stable codes of design.md section 4, aligned with Frictionless where one exists.</summary>
public static class IssueCodes
{
    // File
    public const string EmptyFile = "empty-file";
    public const string FileTooLarge = "file-too-large";
    public const string RowLimit = "row-limit";
    public const string UnsupportedFormat = "unsupported-format";
    public const string EncodingError = "encoding-error";
    public const string FormatError = "format-error";
    public const string PathError = "path-error";
    public const string UnknownMandataire = "unknown-mandataire";

    // Header
    public const string MissingLabel = "missing-label";
    public const string DuplicateLabel = "duplicate-label";
    public const string BlankLabel = "blank-label";
    public const string ExtraLabel = "extra-label";

    // Row and cell
    public const string ExtraCell = "extra-cell";
    public const string MissingCell = "missing-cell";
    public const string RequiredError = "required-error";
    public const string TypeError = "type-error";
    public const string ConstraintError = "constraint-error";
    public const string UniqueError = "unique-error";
    public const string RegionMismatch = "region-mismatch";
    public const string ExerciceMismatch = "exercice-mismatch";
    public const string BlankRow = "blank-row";

    /// <summary>Warning: an e-mail address or phone number in a published free-text field (redacted in open data).</summary>
    public const string PersonalData = "personal-data";
}
