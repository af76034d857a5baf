using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>The whole-file failures of an XLSX submission, in French and English.</summary>
internal static class XlsxErrors
{
    public const string FileTooLarge = "file-too-large";
    public const string FormatError = "format-error";

    public static SubmissionFileException TooLarge(long limit) => new(FileTooLarge, new LocalizedText(
        $"Une fois décompressé, le classeur dépasse la taille permise ({limit / (1024 * 1024)} Mo) ou est compressé de façon anormale. Enregistrez-le de nouveau avec Excel, ou envoyez le rapport en CSV.",
        $"Once unzipped, the workbook exceeds the allowed size ({limit / (1024 * 1024)} MB) or is abnormally compressed. Save it again with Excel, or send the report as CSV."));

    public static SubmissionFileException SharedStringsTooLarge(SharedStringBudget limits) =>
        new(FileTooLarge, Messages.SharedStringsTooLarge(limits.MaxChars, limits.MaxCount));

    public static SubmissionFileException NotAWorkbook() => new(FormatError, new LocalizedText(
        "Le fichier n'est pas un classeur Excel .xlsx lisible (est-ce un ancien .xls, ou un autre fichier renommé ?). Enregistrez-le au format « Classeur Excel (.xlsx) ».",
        "The file is not a readable Excel .xlsx workbook (is it an old .xls, or another file renamed?). Save it as \"Excel Workbook (.xlsx)\"."));

    public static SubmissionFileException NoWorksheet() => new(FormatError, new LocalizedText(
        "Le classeur ne contient aucune feuille de calcul.",
        "The workbook holds no worksheet."));

    /// <summary>A part the XML parser refused; the parser's own words go in the English text for whoever debugs it.</summary>
    public static SubmissionFileException Malformed(string where, string? detail = null) => new(FormatError, new LocalizedText(
        $"Le classeur est malformé ({where}) : une partie XML est illisible ou contient une déclaration DOCTYPE, refusée par sécurité. Enregistrez-le de nouveau avec Excel.",
        $"The workbook is malformed ({where}): an XML part is unreadable or holds a DOCTYPE declaration, refused for security. Save it again with Excel."
        + (detail is null ? string.Empty : $" Detail: {detail}")));
}
