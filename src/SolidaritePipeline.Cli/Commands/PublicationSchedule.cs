using Cronos;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// When <c>run</c> publishes the nightly snapshot: the <c>PublishSchedule</c> setting, six-field
/// NCRONTAB in UTC, read the way the Functions timer reads <c>%PublishSchedule%</c>.
/// </summary>
internal sealed class PublicationSchedule
{
    public const string SettingName = "PublishSchedule";
    public const string Default = "0 0 7 * * *";

    private readonly CronExpression _cron;

    private PublicationSchedule(string text, CronExpression cron)
    {
        Text = text;
        _cron = cron;
    }

    public string Text { get; }

    public static PublicationSchedule FromSetting(string? text)
    {
        text = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        try
        {
            return new PublicationSchedule(text, CronExpression.Parse(text, CronFormat.IncludeSeconds));
        }
        catch (CronFormatException e)
        {
            throw new UsageException($"{SettingName} '{text}' is not a six-field NCRONTAB expression (seconds first, UTC): {e.Message}");
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset Next(DateTimeOffset after) =>
        _cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
