namespace SolidaritePipeline.Reading;

/// <summary>
/// Text from the file echoed back in a report (a header label, a JSON property name, a cell value),
/// cut to a fixed length: the report stays readable and bounded whatever the file holds.
/// </summary>
internal static class EchoedText
{
    /// <summary>Characters of an echoed label or value kept in a report; longer ones end with <see cref="Marker"/>.</summary>
    public const int MaxLength = 200;

    /// <summary>A message embeds at most a few echoed texts; past this it is cut too (never reached by a message of ours).</summary>
    public const int MaxMessageLength = 2_000;

    /// <summary>Ends a cut text, so a reader knows there was more.</summary>
    public const string Marker = "…";

    public static string? Cut(string? text) => text is null ? null : Cut(text, MaxLength);

    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var keep = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength; // never half a character
        return string.Concat(text.AsSpan(0, keep), Marker);
    }
}
