using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Functions;

/// <summary>
/// The nightly open-data snapshot. <c>PublishSchedule</c> is NCRONTAB in UTC (default <c>0 0 7 * * *</c>):
/// 02:00 in Québec in winter (EST), 03:00 in summer (EDT); Linux plans ignore WEBSITE_TIME_ZONE.
/// </summary>
public sealed class PublishSnapshotNightly(SnapshotPublisher publisher, TimeProvider time, ILogger<PublishSnapshotNightly> logger)
{
    [Function(nameof(PublishSnapshotNightly))]
    public async Task Run([TimerTrigger("%PublishSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(PublicationDate.Today(time), cancellationToken);
        logger.LogInformation("Published {Path}: {Projects} projects, {Totals} regional totals, {Files} files.",
            result.Path, result.ProjectCount, result.RegionalTotalCount, result.Files.Count);
    }
}
