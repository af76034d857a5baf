namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>The whole-file failures of an XLSX submission.</summary>
internal static class XlsxErrors
{
    public static SubmissionFileException TooLarge(long limit) => new(ReadFailure.WorkbookTooLarge, limit: limit);

    public static SubmissionFileException SharedStringsTooLarge(SharedStringBudget limits) =>
        new(ReadFailure.SharedStringsTooLarge, limit: limits.MaxChars, secondLimit: limits.MaxCount);

    public static SubmissionFileException NotAWorkbook() => new(ReadFailure.NotAWorkbook);

    public static SubmissionFileException NoWorksheet() => new(ReadFailure.NoWorksheet);

    /// <summary>A part the XML parser refused, named by <paramref name="where"/>; the parser's own words go in <paramref name="detail"/>.</summary>
    public static SubmissionFileException Malformed(string where, string? detail = null) =>
        new(ReadFailure.MalformedWorkbook, detail: where, cause: detail);
}
