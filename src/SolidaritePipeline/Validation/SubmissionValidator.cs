using System.Runtime.ExceptionServices;
using SolidaritePipeline.Reading;
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

    /// <summary>
    /// Columns a CSV or XLSX header may have (schema v1 has 16 fields). Cells of a row past the
    /// header's width are never turned into strings: only the first filled one is kept, as <c>extra-cell</c>.
    /// </summary>
    public int MaxColumns { get; init; } = 1_024;

    /// <summary>Characters an XLSX shared string table may hold in all, each string counted up to <see cref="MaxCellLength"/> + 1.</summary>
    public long MaxSharedStringChars { get; init; } = 50_000_000;

    /// <summary>Strings an XLSX shared string table may hold (a 200 000-row report needs at most a few per row).</summary>
    public int MaxSharedStrings { get; init; } = 2_000_000;

    /// <summary>
    /// Threads that check the rows of a large CSV file (1 = the calling thread only). The report and
    /// the projects handed on are the same, byte for byte, whatever the number.
    /// </summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Size from which a CSV file is checked on <see cref="MaxParallelism"/> threads. Below it the
    /// whole file takes a few tens of milliseconds on one core: handing batches to other threads
    /// would cost more than it saves (4 MiB is about 20 000 rows of schema v1).
    /// </summary>
    public long ParallelFromBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>
    /// Bytes of a CSV file each thread reads at a time when it is checked on several threads (a piece
    /// starts where a record starts, so pieces are about this size): a few hundred rows, so that
    /// threads can run a few pieces ahead of the calling thread in little memory. The values of rows
    /// read ahead outlive a collection or two; with pieces of 64 KiB rather than 256 KiB fewer of
    /// them are promoted (docs/performance.md). Smaller in tests, so that a small file spans many pieces.
    /// </summary>
    internal long ParallelPieceBytes { get; init; } = 64 * 1024;

    /// <summary>Issues listed per list in a report; past it they are only counted (0 = list all).</summary>
    public int MaxListedIssues { get; init; } = 5_000;

    /// <summary>The limits the readers apply.</summary>
    public ReadingLimits ToReadingLimits() =>
        new(MaxBytes, MaxCellLength, MaxJsonDepth, MaxColumns, MaxSharedStringChars, MaxSharedStrings);

    public static implicit operator ReadingLimits(ValidationOptions options) => options.ToReadingLimits();
}

/// <summary>
/// What the validator knows about a file besides its bytes. <paramref name="Source"/> is what the
/// report shows (<c>uploads/estrie/rapport.csv</c>, or a local path for <c>validate</c>);
/// <paramref name="FileName"/> gives the format by its extension. <paramref name="Sha256"/>, when the
/// caller already hashed the bytes (ingestion does, while staging them), is reported as is, and the
/// validator does not hash them again.
/// </summary>
public sealed record SubmissionFile(
    string Mandataire,
    string Source,
    string FileName,
    string SubmissionId,
    DateTimeOffset ReceivedAt,
    string? Sha256 = null);

/// <summary>Turns the bytes of one submission into normalised projects and a validation report.</summary>
public sealed class SubmissionValidator(ReferenceCatalog catalog, ValidationOptions? options = null)
{
    private readonly RegionLookup _regions = new(catalog);

    public ReferenceCatalog Catalog { get; } = catalog;

    public ValidationOptions Options { get; } = options ?? new ValidationOptions();

    /// <summary>
    /// A reader of JSON files as rows of strings, used instead of the span path when set: the seam
    /// that lets a test hold the span path to the report of another reader.
    /// </summary>
    internal Func<Stream, ReadingLimits, CancellationToken, IEnumerable<SourceRow>>? JsonRows { get; init; }

    /// <summary>The format a file name announces (<c>csv</c>, <c>xlsx</c>, <c>json</c>), or null when it is not accepted.</summary>
    public static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" or ".tsv" => "csv",
        ".xlsx" => "xlsx",
        ".json" => "json",
        _ => null,
    };

    /// <summary>
    /// Reads and validates the whole file, listing every error. Each row that passes is handed to
    /// <paramref name="onProject"/> in file order; the caller keeps them only if the report is accepted.
    /// Calls never overlap, but on several threads they come from the threads reading the file, not
    /// always the calling thread. An exception it throws ends the validation and is raised as it is:
    /// it says nothing of the file.
    /// Never throws for bad input: every failure of the file is in the report.
    /// </summary>
    public async Task<ValidationReport> ValidateAsync(
        Stream content,
        SubmissionFile file,
        Action<Project>? onProject = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(file);

        var format = FormatOf(file.FileName);
        var mandataire = Catalog.FindMandataire(file.Mandataire);
        var log = new IssueLog(Options.MaxListedIssues);
        // On several threads, the one pass over the bytes also finds where CSV records start, to split the reading.
        await using var bytes = await SubmissionContent.LoadAsync(
            content, keep: format is not null && mandataire is not null, Options.MaxBytes, file.Sha256,
            recordCutsEvery: format == "csv" && Options.MaxParallelism > 1 ? Options.ParallelPieceBytes : 0,
            hashAlongside: Options.MaxParallelism > 1, cancellationToken);

        var read = new FileFacts { Format = format };
        if (mandataire is null)
            log.Error(IssueCodes.UnknownMandataire, null, null, file.Mandataire, Messages.UnknownMandataire(file.Mandataire));
        else if (format is null)
            log.Error(IssueCodes.UnsupportedFormat, null, null, file.FileName, Messages.UnsupportedFormat(file.FileName));
        else if (bytes.Length == 0)
            log.Error(IssueCodes.EmptyFile, null, null, null, Messages.EmptyFile());
        else if (bytes.TooLarge)
            log.Error(IssueCodes.FileTooLarge, null, null, null, Messages.FileTooLarge(bytes.Length, Options.MaxBytes));
        else
            read = ReadHandingOn(format, bytes, new RowValidator(Options, log, _regions, mandataire, onProject), log, cancellationToken);

        await bytes.WhenHashed;
        return new ValidationReport
        {
            SubmissionId = file.SubmissionId,
            Mandataire = file.Mandataire,
            Source = file.Source,
            Sha256 = bytes.Sha256,
            ReceivedAt = file.ReceivedAt,
            Status = log.ErrorCount == 0 ? SubmissionStatus.Accepted : SubmissionStatus.Rejected,
            Format = read.Format,
            Encoding = read.Encoding,
            Delimiter = read.Delimiter,
            Exercice = read.Exercice,
            RowCount = read.RowCount,
            Errors = [.. log.Errors.OrderBy(i => i.Row ?? 0)],
            Warnings = [.. log.Warnings.OrderBy(i => i.Row ?? 0)],
            ErrorCount = log.ErrorCount,
            WarningCount = log.WarningCount,
        };
    }

    /// <summary>A rejected report for a file that is not read at all (for example <c>path-error</c>).</summary>
    public static ValidationReport RejectFile(SubmissionFile file, string code, string sha256) => new()
    {
        SubmissionId = file.SubmissionId,
        Mandataire = file.Mandataire,
        Source = file.Source,
        Sha256 = sha256,
        ReceivedAt = file.ReceivedAt,
        Status = SubmissionStatus.Rejected,
        Format = FormatOf(file.FileName),
        Errors = [new ReportIssue(code, null, null, null, Messages.ForFileCode(code, file))],
    };

    private sealed record FileFacts
    {
        public string? Format { get; init; }
        public string? Encoding { get; init; }
        public string? Delimiter { get; init; }
        public string? Exercice { get; init; }
        public int RowCount { get; init; }
    }

    private FileFacts ReadHandingOn(string format, SubmissionContent bytes, RowValidator rows, IssueLog log, CancellationToken cancellationToken)
    {
        try
        {
            return Read(format, bytes, rows, log, cancellationToken);
        }
        catch (ProjectHandOnException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerException!);
            throw; // not reached
        }
    }

    private FileFacts Read(string format, SubmissionContent bytes, RowValidator rows, IssueLog log, CancellationToken cancellationToken)
    {
        var facts = new FileFacts { Format = format };
        var sawAnyRow = false;
        var fileError = false;
        try
        {
            var stream = bytes.Stream!;
            switch (format)
            {
                case "csv":
                    var layout = CsvSubmissionReader.Detect(bytes);
                    facts = facts with { Encoding = layout.EncodingName, Delimiter = layout.Delimiter.ToString() };
                    sawAnyRow = ValidateCsv(bytes, layout, rows, cancellationToken);
                    break;
                case "json":
                    if (bytes.HasUtf16Bom || !bytes.IsValidUtf8 || bytes.HasNullByte)
                        throw new FileRejectedException(IssueCodes.EncodingError, Messages.JsonNotUtf8());
                    facts = facts with { Encoding = "utf-8" };
                    // The schema's header always comes: an empty list is a document without projects, not an empty file.
                    sawAnyRow = JsonRows is { } read
                        ? ValidateTable(read(stream, Options.ToReadingLimits(), cancellationToken), rows)
                        : ValidateJson(stream, rows, cancellationToken);
                    break;
                case "xlsx":
                    sawAnyRow = ValidateTable(XlsxSheetReader.ReadRows(stream, Options.ToReadingLimits(), cancellationToken), rows);
                    break;
            }
        }
        catch (SubmissionFileException e)
        {
            fileError = true;
            var failure = ReadFailures.Describe(e);
            log.FileError(failure.Code, failure.Row, failure.LocalizedMessage);
        }
        catch (FileRejectedException e)
        {
            fileError = true;
            log.FileError(e.Code, e.Row, e.LocalizedMessage);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException or ProjectHandOnException))
        {
            // A reader tripped over input it did not foresee: still a report, never a crash.
            fileError = true;
            log.FileError(IssueCodes.FormatError, null, Messages.Unreadable(e.GetType().Name));
        }

        if (!fileError && rows.RowCount == 0)
        {
            log.Error(IssueCodes.EmptyFile, null, null, null, sawAnyRow ? Messages.NoProjectRows(format) : Messages.EmptyFile());
        }

        return facts with { Exercice = rows.Exercice, RowCount = rows.RowCount };
    }

    // Records are handed over as spans over the reader's buffer: a cell is a string only if kept.
    private bool ValidateCsv(SubmissionContent bytes, CsvLayout layout, RowValidator rows, CancellationToken cancellationToken)
    {
        using var records = CsvRecords.Open(bytes.Stream!, layout, Options.MaxColumns);
        if (records.Header is not { } header) return false;
        rows.Take(header);
        if (!InParallel(bytes.Length))
        {
            while (records.MoveNext(cancellationToken)) rows.Take(records);
            return true;
        }

        // Reading on several threads needs a record start every few MiB, an encoding where the quote and
        // line ends are single bytes of their own (not UTF-16), and content that threads can read at positions.
        if (bytes.RecordCuts.Count > 0 && layout.EncodingName is "utf-8" or "windows-1252" && bytes.RangeReader() is { } openRange)
        {
            ParallelCsvValidation.RunInPieces(
                bytes.RecordCuts, bytes.Length, openRange, layout, records.Width, rows, Options.MaxParallelism, cancellationToken);
            return true;
        }

        ParallelCsvValidation.Run(records, rows, Options.MaxParallelism, cancellationToken);
        return true;
    }

    // Projects are handed over as spans over the reader's buffer, as CSV records are.
    private bool ValidateJson(Stream stream, RowValidator rows, CancellationToken cancellationToken)
    {
        using var json = JsonSubmissionReader.Open(stream, Options.ToReadingLimits(), cancellationToken);
        while (json.MoveNext())
        {
            if (json.Current is { } row) rows.Take(row);
            else rows.Take(json);
        }

        return true;
    }

    private bool InParallel(long length) => Options.MaxParallelism > 1 && length >= Options.ParallelFromBytes;

    // A reader yields its header first; true when it yielded anything.
    private static bool ValidateTable(IEnumerable<SourceRow> table, RowValidator rows)
    {
        var sawAny = false;
        foreach (var row in table)
        {
            sawAny = true;
            rows.Take(row);
        }

        return sawAny;
    }
}
