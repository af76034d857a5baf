using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Commands;

namespace SolidaritePipeline.Tests.Cli;

public sealed class PublicationScheduleTests
{
    [Fact]
    public void The_default_schedule_publishes_at_seven_UTC_the_next_day_once_seven_has_passed()
    {
        var schedule = PublicationSchedule.FromSetting(null);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 26, 1, 59, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void A_six_field_setting_with_seconds_is_read_in_UTC()
    {
        var schedule = PublicationSchedule.FromSetting("30 15 */6 * * *");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 18, 15, 30, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 26, 12, 15, 30, TimeSpan.Zero)));
    }

    [Fact]
    public void A_five_field_cron_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<UsageException>(() => PublicationSchedule.FromSetting("0 7 * * *"));

        Assert.Contains("PublishSchedule", error.Message);
    }
}
