namespace SolidaritePipeline.Reading;

/// <summary>Why a reader gave up on a whole file. The validator turns each into a code and a message.</summary>
public enum ReadFailure
{
    EmptyFile,
    BinaryText,
    ZipAsText,
    BadUtf8,
    UnknownEncoding,
    UnclosedQuote,
    RowTooLong,
    TooManyColumns,
    TooManyProperties,
    MalformedJson,
    JsonShape,
    JsonProjectNotObject,
    JsonNoProjets,
    JsonTooDeep,
    JsonValueTooLong,
    JsonEnvelopeTwice,
    JsonLoneSurrogate,
    WorkbookTooLarge,
    SharedStringsTooLarge,
    NotAWorkbook,
    NoWorksheet,
    MalformedWorkbook,
}

/// <summary>
/// A failure of the file as a whole, raised by a reader (malformed zip, too large once inflated, bad
/// encoding). <see cref="Limit"/> and <see cref="SecondLimit"/> are the limit or position the failure
/// names (a column cap, a line and column); <see cref="Detail"/> says where, for a workbook part or
/// a JSON property name; <see cref="Cause"/> holds a parser's own words, for whoever debugs it.
/// </summary>
public sealed class SubmissionFileException(ReadFailure failure, int? row = null, long limit = 0, long secondLimit = 0, string? detail = null, string? cause = null)
    : Exception($"{failure}{(detail is null ? string.Empty : $": {detail}")}")
{
    public ReadFailure Failure { get; } = failure;

    public int? Row { get; } = row;

    public long Limit { get; } = limit;

    public long SecondLimit { get; } = secondLimit;

    public string? Detail { get; } = detail;

    public string? Cause { get; } = cause;
}
