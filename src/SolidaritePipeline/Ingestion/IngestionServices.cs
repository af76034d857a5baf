using System.Globalization;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Ingestion;

/// <summary>
/// The pipeline's object graph, built in this one place: <see cref="Hosting.PipelineServices.AddSolidaritePipeline"/>
/// registers it and each of its parts for both hosts; tests build it directly on their own storage.
/// Nothing here holds state besides its clients.
/// </summary>
public sealed class IngestionServices
{
    public IngestionServices(
        StorageClients storage,
        TimeProvider time,
        ValidationOptions? validation = null,
        ResilienceOptions? resilience = null,
        ReferenceCatalog? catalog = null,
        int maxAttempts = SubmissionProcessor.DefaultMaxAttempts)
    {
        Storage = storage;
        Catalog = catalog ?? ReferenceCatalog.Default;
        Pipelines = new StoragePipelines(resilience, time);
        Validator = new SubmissionValidator(Catalog, validation);
        Totals = new TotalsTables(storage, Pipelines, Catalog, time);
        Ledger = new SubmissionsTable(storage.Tables, Pipelines);
        Processor = new SubmissionProcessor(storage, Validator, Totals, Ledger, Pipelines, time) { MaxAttempts = Math.Max(1, maxAttempts) };
        Pending = new PendingUploads(storage, Processor);
        Reconciler = new Reconciler(storage, Ledger, Totals, Catalog);
        Publisher = new SnapshotPublisher(storage.Blobs, storage.Tables, time, Catalog);
    }

    public StorageClients Storage { get; }
    public ReferenceCatalog Catalog { get; }
    public StoragePipelines Pipelines { get; }
    public SubmissionValidator Validator { get; }
    public TotalsTables Totals { get; }
    public SubmissionsTable Ledger { get; }
    public SubmissionProcessor Processor { get; }
    public PendingUploads Pending { get; }
    public Reconciler Reconciler { get; }
    public SnapshotPublisher Publisher { get; }

    /// <summary>
    /// The validation limits from app settings <c>Validation__MaxBytes</c> and <c>Validation__MaxRows</c>
    /// (0 = no limit); absent settings keep the defaults of design.md section 4.
    /// </summary>
    public static ValidationOptions ValidationFromSettings(Func<string, string?> setting)
    {
        var options = new ValidationOptions();
        if (Parse(setting("Validation__MaxBytes"), "Validation__MaxBytes") is { } maxBytes) options = options with { MaxBytes = maxBytes };
        if (Parse(setting("Validation__MaxRows"), "Validation__MaxRows") is { } maxRows) options = options with
        {
            MaxRows = maxRows <= int.MaxValue ? (int)maxRows
                : throw new InvalidOperationException($"Setting Validation__MaxRows must be from 0 to {int.MaxValue}, not '{maxRows}'."),
        };
        return options;
    }

    /// <summary>
    /// App setting <c>Ingestion__MaxAttempts</c>: failures in a row, with the same cause, after which an
    /// upload is given up on (at least 1; absent: <see cref="SubmissionProcessor.DefaultMaxAttempts"/>).
    /// </summary>
    public static int MaxAttemptsFromSettings(Func<string, string?> setting) =>
        Parse(setting("Ingestion__MaxAttempts"), "Ingestion__MaxAttempts") is { } value
            ? (value is >= 1 and <= 1000 ? (int)value : throw new InvalidOperationException($"Setting Ingestion__MaxAttempts must be from 1 to 1000, not '{value}'."))
            : SubmissionProcessor.DefaultMaxAttempts;

    private static long? Parse(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"Setting {name} must be a whole number ≥ 0, not '{text}'.");
}
