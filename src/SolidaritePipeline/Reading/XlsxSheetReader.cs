using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reading;

/// <summary>
/// Placeholder until the XLSX reader lands: every workbook is refused as unsupported, so the
/// validator's XLSX path compiles and reports instead of failing.
/// </summary>
public static class XlsxSheetReader
{
    public static IEnumerable<SourceRow> ReadRows(Stream seekableStream, ValidationOptions options, CancellationToken cancellationToken) =>
        throw new SubmissionFileException(
            IssueCodes.UnsupportedFormat,
            new LocalizedText(
                "Les classeurs Excel (.xlsx) ne sont pas encore acceptés. Enregistrez le fichier en CSV (UTF-8).",
                "Excel workbooks (.xlsx) are not accepted yet. Save the file as CSV (UTF-8)."));
}
