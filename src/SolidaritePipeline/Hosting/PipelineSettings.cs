using System.Globalization;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Hosting;

/// <summary>
/// The pipeline's numeric app settings, parsed in this one place and strictly: a value that is not a
/// whole number in range is an <see cref="InvalidOperationException"/> naming the setting as an app
/// setting spells it (<c>Validation__MaxRows</c>), never silently ignored. The composition root and
/// <c>solidarite validate</c> read them through here.
/// </summary>
public static class PipelineSettings
{
    public const string MaxBytes = "Validation__MaxBytes";
    public const string MaxRows = "Validation__MaxRows";
    public const string MaxAttempts = "Ingestion__MaxAttempts";

    /// <summary>
    /// The validation limits from <c>Validation__MaxBytes</c> and <c>Validation__MaxRows</c> (0 = no limit);
    /// absent settings keep the defaults of design.md section 4.
    /// </summary>
    public static ValidationOptions Validation(Func<string, string?> setting)
    {
        var options = new ValidationOptions();
        if (WholeNumber(setting, MaxBytes, long.MaxValue) is { } maxBytes) options = options with { MaxBytes = maxBytes };
        if (WholeNumber(setting, MaxRows, int.MaxValue) is { } maxRows) options = options with { MaxRows = (int)maxRows };
        return options;
    }

    /// <summary>
    /// <c>Ingestion__MaxAttempts</c>: failures in a row, with the same cause, after which an upload is
    /// given up on (1 to 1000; absent: <see cref="SubmissionProcessor.DefaultMaxAttempts"/>).
    /// </summary>
    public static int IngestionMaxAttempts(Func<string, string?> setting) =>
        WholeNumber(setting, MaxAttempts, 1000, minimum: 1) is { } value ? (int)value : SubmissionProcessor.DefaultMaxAttempts;

    private static long? WholeNumber(Func<string, string?> setting, string name, long maximum, long minimum = 0)
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new InvalidOperationException($"Setting {name} must be a whole number ≥ {minimum}, not '{text}'.");
        return value >= minimum && value <= maximum ? value
            : throw new InvalidOperationException($"Setting {name} must be from {minimum} to {maximum}, not '{text}'.");
    }
}
