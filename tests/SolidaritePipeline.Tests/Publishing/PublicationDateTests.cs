using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Tests.Publishing;

public sealed class PublicationDateTests
{
    [Theory]
    [InlineData("2026-01-15T04:59:00Z", "2026-01-14")] // 23:59 EST
    [InlineData("2026-01-15T05:00:00Z", "2026-01-15")] // 00:00 EST
    [InlineData("2026-07-01T03:59:00Z", "2026-06-30")] // 23:59 EDT
    [InlineData("2026-07-01T04:00:00Z", "2026-07-01")] // 00:00 EDT
    [InlineData("2026-11-26T07:00:00Z", "2026-11-26")] // the nightly run
    public void The_snapshot_day_is_the_calendar_day_in_Quebec(string utc, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PublicationDate.Today(time));
    }

    [Theory]
    [InlineData("2026-11-26", true)]
    [InlineData("26/11/2026", false)]
    [InlineData("2026-11-31", false)]
    [InlineData("2026-11-26T00:00", false)]
    public void Only_AAAA_MM_JJ_names_a_day(string text, bool valid)
    {
        Assert.Equal(valid, PublicationDate.TryParse(text, out _));
    }
}
