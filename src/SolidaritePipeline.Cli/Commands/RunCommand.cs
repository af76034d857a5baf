using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>run [--once]</c>: hosts ingestion on one machine. It lists <c>uploads</c> and processes each
/// blob through the same <see cref="SubmissionProcessor"/> the blob trigger calls, with the same
/// idempotency; without <c>--once</c> it keeps polling and publishes the open-data snapshot at each
/// occurrence of <c>PublishSchedule</c>, as the nightly timer would. Like the Functions host, it
/// processes several uploads at once (<c>--parallel</c>).
/// </summary>
public sealed class RunCommand : StorageCommand
{
    /// <summary>Uploads processed at once when <c>--parallel</c> is not given.</summary>
    public const int DefaultParallelism = 4;

    private readonly Option<bool> _once = CliOptions.Flag("--once", "Process what is pending, then exit, without publishing.");
    private readonly Option<long> _parallel = CliOptions.WholeNumber("--parallel", "N", "Uploads processed at once, 1 to 64.", DefaultParallelism, minimum: 1, maximum: 64);
    private readonly Option<long> _interval = CliOptions.WholeNumber("--interval", "SECONDS", "Seconds between two looks at uploads/ (at least 1).", 5);

    public RunCommand()
        : base("run", $"Process pending uploads as the blob trigger would, N at once (default {DefaultParallelism}), publish nightly (--once: process, then exit).") =>
        Add(_once, _parallel, _interval);

    public override string Example => "solidarite run --once --parallel 8 --storage \"UseDevelopmentStorage=true\"";
    public override string Succeeded => "--once: every pending upload processed (accepted or rejected); otherwise stopped with Ctrl+C";
    public override string? Failed => "--once: some uploads failed (each named on standard error)";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(_interval)));
        var parallel = (int)parse.GetValue(_parallel);
        using var host = await OpenAsync(parse, context);

        if (parse.GetValue(_once))
            return await ProcessPendingAsync(host.Services.GetRequiredService<PendingUploads>(), parallel, context) == 0 ? CliApp.ExitOk : CliApp.ExitFailure;

        await WatchAsync(host.Services, interval, parallel, context);
        return CliApp.ExitOk;
    }

    /// <summary>
    /// The loop of <c>run</c> without <c>--once</c>: processes pending uploads, <paramref name="parallel"/> at once, every <paramref name="interval"/> and
    /// publishes at each occurrence of <c>PublishSchedule</c>, until cancelled. <c>serve</c> runs it too.
    /// </summary>
    internal static async Task WatchAsync(IServiceProvider services, TimeSpan interval, int parallel, CliContext context)
    {
        var schedule = PublicationSchedule.FromSetting(context.GetEnvironmentVariable(PublicationSchedule.SettingName));
        var pending = services.GetRequiredService<PendingUploads>();
        var publisher = services.GetRequiredService<SnapshotPublisher>();
        var nextPublication = schedule.Next(context.Time.GetUtcNow());
        await context.Error.WriteLineAsync(
            $"Watching uploads every {interval.TotalSeconds:0} s; next publication {nextPublication:yyyy-MM-dd HH:mm:ss}Z ({schedule.Text}). Ctrl+C to stop.");
        while (!context.CancellationToken.IsCancellationRequested)
        {
            await ProcessPendingAsync(pending, parallel, context);
            if (context.Time.GetUtcNow() >= nextPublication)
            {
                // Named like the timer names it: the Québec day of the scheduled run.
                await PublishAsync(publisher, PublicationDate.On(nextPublication), context);
                nextPublication = schedule.Next(context.Time.GetUtcNow());
            }

            try
            {
                var untilPublication = nextPublication - context.Time.GetUtcNow();
                await Task.Delay(untilPublication < interval ? untilPublication.Duration() : interval, context.Time, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task PublishAsync(SnapshotPublisher publisher, DateOnly date, CliContext context)
    {
        try
        {
            var publication = await publisher.PublishAsync(date, context.CancellationToken);
            await context.Error.WriteLineAsync($"Published the snapshot of {date:yyyy-MM-dd}: {publication.Files.Count} files.");
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The timer in Azure logs and waits for the next occurrence; so does this loop.
            await context.Error.WriteLineAsync($"FAILED to publish the snapshot of {date:yyyy-MM-dd}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Returns the number of uploads that failed.</summary>
    private static async Task<int> ProcessPendingAsync(PendingUploads pending, int parallel, CliContext context)
    {
        var (outcomes, failures) = await pending.ProcessAllAsync(
            parallel,
            outcome => context.Error.WriteLine(Describe(outcome)),
            failure => context.Error.WriteLine($"FAILED {failure.BlobName}: {failure.Error.GetType().Name}: {failure.Error.Message}"),
            context.CancellationToken);
        var givenUp = outcomes.Count(o => o.Result == IngestionResult.Failed);
        if (outcomes.Count + failures.Count > 0)
            await context.Error.WriteLineAsync(
                $"{outcomes.Count(o => o.Result == IngestionResult.Accepted)} accepted, " +
                $"{outcomes.Count(o => o.Result == IngestionResult.Rejected)} rejected, {failures.Count + givenUp} failed.");
        return failures.Count + givenUp;
    }

    private static string Describe(IngestionOutcome o) => o.Result switch
    {
        IngestionResult.Accepted => $"accepted {o.BlobName} → {o.SubmissionId} ({o.Exercice}{(o.TotalsChanged ? "" : ", an accepted newer submission stays current")})",
        IngestionResult.Rejected => $"rejected {o.BlobName} → {o.SubmissionId} ({o.ErrorCount} errors; see reports/{o.Mandataire}/{o.SubmissionId}.json)",
        IngestionResult.Failed => $"FAILED {o.BlobName} → {o.SubmissionId}: given up after repeated failures, put aside in rejected/ ({o.FailureReason})",
        _ => $"skipped {o.BlobName} ({o.Result})",
    };
}
