using SolidaritePipeline.Ingestion;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>run [--once]</c>: hosts ingestion on one machine. It lists <c>uploads</c> and processes each
/// blob through the same <see cref="SubmissionProcessor"/> the blob trigger calls, with the same
/// idempotency; without <c>--once</c> it keeps polling.
/// </summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Usage => "run [--once] [--interval SECONDS] [--storage CONN]";
    public string Summary => "Process pending uploads as the blob trigger would (--once: then exit).";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["interval", "storage"];
    public IReadOnlyCollection<string> Flags { get; } = ["once"];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var interval = TimeSpan.FromSeconds(Math.Max(1, args.LongOption("interval", 5)));
        var services = CliStorage.Open(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);

        if (args.Flag("once"))
            return await ProcessPendingAsync(services, context) == 0 ? CliApp.ExitOk : CliApp.ExitFailure;

        await context.Error.WriteLineAsync($"Watching uploads every {interval.TotalSeconds:0} s; Ctrl+C to stop.");
        // The nightly publication joins this loop once Publishing offers its entry point: same seam, one call per due time.
        while (!context.CancellationToken.IsCancellationRequested)
        {
            await ProcessPendingAsync(services, context);
            try
            {
                await Task.Delay(interval, context.Time, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return CliApp.ExitOk;
    }

    /// <summary>Returns the number of uploads that failed.</summary>
    private static async Task<int> ProcessPendingAsync(IngestionServices services, CliContext context)
    {
        var (outcomes, failures) = await services.Pending.ProcessAllAsync(
            outcome => context.Error.WriteLine(Describe(outcome)),
            failure => context.Error.WriteLine($"FAILED {failure.BlobName}: {failure.Error.GetType().Name}: {failure.Error.Message}"),
            context.CancellationToken);
        if (outcomes.Count + failures.Count > 0)
            await context.Error.WriteLineAsync(
                $"{outcomes.Count(o => o.Result == IngestionResult.Accepted)} accepted, " +
                $"{outcomes.Count(o => o.Result == IngestionResult.Rejected)} rejected, {failures.Count} failed.");
        return failures.Count;
    }

    private static string Describe(IngestionOutcome o) => o.Result switch
    {
        IngestionResult.Accepted => $"accepted {o.BlobName} → {o.SubmissionId} ({o.Exercice}{(o.TotalsChanged ? "" : ", an accepted newer submission stays current")})",
        IngestionResult.Rejected => $"rejected {o.BlobName} → {o.SubmissionId} ({o.ErrorCount} errors; see reports/{o.Mandataire}/{o.SubmissionId}.json)",
        _ => $"skipped {o.BlobName} ({o.Result})",
    };
}
