using System.Globalization;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// The day a snapshot is named after: the calendar day in Québec (Eastern time, with daylight saving),
/// whatever zone the host runs in. The nightly run at 07:00 UTC falls on the same Québec day.
/// </summary>
public static class PublicationDate
{
    public const string TimeZoneId = "America/Toronto";

    public static DateOnly Today(TimeProvider time) => On(time.GetUtcNow());

    /// <summary>The Québec calendar day of <paramref name="instant"/>.</summary>
    public static DateOnly On(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>Parses <c>AAAA-MM-JJ</c>, nothing else.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
