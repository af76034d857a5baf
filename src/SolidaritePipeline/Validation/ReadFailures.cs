using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Validation;

/// <summary>A whole-file failure as the report states it: its code of design.md section 4 and its message.</summary>
internal sealed record FileFailure(string Code, LocalizedText LocalizedMessage, int? Row);

/// <summary>Turns a reader's whole-file failure into a code and a message in French and English.</summary>
internal static class ReadFailures
{
    public static FileFailure Describe(SubmissionFileException e)
    {
        var (code, message) = e.Failure switch
        {
            ReadFailure.EmptyFile => (IssueCodes.EmptyFile, Messages.EmptyFile()),
            ReadFailure.BinaryText => (IssueCodes.EncodingError, Messages.BinaryText()),
            ReadFailure.ZipAsText => (IssueCodes.EncodingError, Messages.ZipAsText()),
            ReadFailure.BadUtf8 => (IssueCodes.EncodingError, Messages.BadUtf8()),
            ReadFailure.JsonLoneSurrogate => (IssueCodes.EncodingError, Messages.JsonLoneSurrogate()),
            ReadFailure.UnknownEncoding => (IssueCodes.EncodingError, Messages.UnknownEncoding()),
            ReadFailure.UnclosedQuote => (IssueCodes.FormatError, Messages.UnclosedQuote()),
            ReadFailure.RowTooLong => (IssueCodes.FormatError, Messages.RowTooLong(e.Row ?? 0, (int)e.Limit)),
            ReadFailure.TooManyColumns => (IssueCodes.FormatError, Messages.TooManyColumns((int)e.Limit)),
            ReadFailure.TooManyProperties => (IssueCodes.FormatError, Messages.TooManyProperties((int)e.Limit)),
            ReadFailure.MalformedJson => (IssueCodes.FormatError, Messages.MalformedJson(e.Limit, e.SecondLimit)),
            ReadFailure.JsonShape => (IssueCodes.FormatError, Messages.JsonShape()),
            ReadFailure.JsonProjectNotObject => (IssueCodes.FormatError, Messages.JsonProjectNotObject()),
            ReadFailure.JsonNoProjets => (IssueCodes.FormatError, Messages.JsonNoProjets()),
            ReadFailure.JsonTooDeep => (IssueCodes.FormatError, Messages.JsonTooDeep((int)e.Limit)),
            ReadFailure.JsonValueTooLong => (IssueCodes.FormatError, Messages.JsonValueTooLong()),
            ReadFailure.JsonEnvelopeTwice => (IssueCodes.FormatError, Messages.JsonEnvelopeTwice(e.Detail ?? string.Empty)),
            ReadFailure.WorkbookTooLarge => (IssueCodes.FileTooLarge, Messages.WorkbookTooLarge(e.Limit)),
            ReadFailure.SharedStringsTooLarge => (IssueCodes.FileTooLarge, Messages.SharedStringsTooLarge(e.Limit, (int)e.SecondLimit)),
            ReadFailure.NotAWorkbook => (IssueCodes.FormatError, Messages.NotAWorkbook()),
            ReadFailure.NoWorksheet => (IssueCodes.FormatError, Messages.NoWorksheet()),
            ReadFailure.MalformedWorkbook => (IssueCodes.FormatError, Messages.MalformedWorkbook(e.Detail ?? string.Empty, e.Cause)),
            _ => (IssueCodes.FormatError, Messages.Unreadable(e.Failure.ToString())),
        };
        return new FileFailure(code, message, e.Row);
    }
}

/// <summary>A failure of the whole file found by the validator itself (too many rows, JSON not in UTF-8).</summary>
internal sealed class FileRejectedException(string code, LocalizedText message, int? row = null) : Exception(message.En)
{
    public string Code { get; } = code;

    public LocalizedText LocalizedMessage { get; } = message;

    public int? Row { get; } = row;
}
