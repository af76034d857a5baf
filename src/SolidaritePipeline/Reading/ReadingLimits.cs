namespace SolidaritePipeline.Reading;

/// <summary>
/// What a reader may hold of one file; 0 means no limit. Built from the validation options, which
/// document each limit.
/// </summary>
public sealed record ReadingLimits(
    long MaxBytes,
    int MaxCellLength,
    int MaxJsonDepth,
    int MaxColumns,
    long MaxSharedStringChars,
    int MaxSharedStrings);
