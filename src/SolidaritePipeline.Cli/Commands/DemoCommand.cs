using System.Globalization;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Access;
using SolidaritePipeline.Cli.Demo;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Tools.Demo;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// <c>demo</c>: the whole pipeline on one machine, on synthetic data. Finds or starts storage,
/// uploads every mandataire's file, processes them as <c>run --once</c> does, lets the corrections
/// and a resubmission arrive later, publishes a snapshot, and prints the regional totals and where
/// to look. Progress goes to standard error; the totals and paths to standard output. With
/// <c>--serve</c> it then serves the Espace mandataire over the same storage as <c>serve --dev-auth</c>
/// does, signed in as a demo principal of one mandataire, until Ctrl+C.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Usage => "demo [--out DIR] [--seed N] [--date AAAA-MM-JJ] [--keep] [--serve [--port N]] [--storage CONN]";
    public string Summary => "Run the whole pipeline on synthetic data for the 21 mandataires and show the results (--serve: then serve the Espace mandataire).";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["out", "seed", "storage", "date", "port"];
    public IReadOnlyCollection<string> Flags { get; } = ["keep", "serve"];

    /// <summary>With <c>--serve</c>, the principal the demo grants access to <see cref="ServedMandataire"/>: <c>demo-{code}</c>.</summary>
    public static string DemoPrincipal(string mandataire) => $"demo-{mandataire}";

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var seed = checked((int)args.LongOption("seed", SyntheticSubmissions.DefaultSeed));
        var output = EnvironmentException.CreateOutputDirectory(Path.GetFullPath(args.Option("out") ?? "demo-output"));
        var date = args.Option("date") is not { } text ? PublicationDate.Today(context.Time)
            : PublicationDate.TryParse(text, out var parsed) ? parsed
            : throw new UsageException($"--date takes AAAA-MM-JJ, not '{text}'.");
        var serve = args.Flag("serve");
        var port = serve ? ServeCommand.Port(args) : 0;
        if (!serve && args.Option("port") is not null) throw new UsageException("--port goes with --serve.");
        var ct = context.CancellationToken;
        var progress = new DemoProgress(context.Error, context.Time, stages: 5, interactive: ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected);

        progress.Begin("Storage");
        await using var storage = await DemoStorage.FindOrStartAsync(args.Option("storage"), ct);
        if (serve) ServeCommand.RequireLocal(StorageClients.FromConnectionString(storage.ConnectionString));
        var services = new IngestionServices(StorageClients.FromConnectionString(storage.ConnectionString), context.Time);
        await services.Storage.EnsureCreatedAsync(ct);
        // Before any upload: whatever this storage publishes from now on says that it is synthetic.
        await SyntheticData.MarkAsync(services.Storage.Blobs, ct);
        // What a deployment publishes once, so the Espace mandataire (--serve) hands out the templates.
        await TemplatePublisher.PublishAsync(services.Storage.Blobs, services.Catalog, ct);
        progress.Done(storage.Description);

        progress.Begin("Synthetic data");
        var synthetic = DemoData.Generate(services.Catalog, seed);
        var submissionsFolder = Path.Combine(output, "submissions");
        await DemoFolder.WriteSubmissionsAsync(submissionsFolder, synthetic, ct);
        progress.Done($"{synthetic.Files.Count} files for {synthetic.Round(1).Count()} mandataires (seed {seed}, fictitious), written to {DemoFolder.Show(submissionsFolder)}");

        var outcomes = new List<IngestionOutcome>();
        var failures = new List<IngestionFailure>();
        DateTimeOffset? lastUpload = null;
        foreach (var round in new[] { 1, 2 })
        {
            var files = synthetic.Round(round).ToList();
            progress.Begin(round == 1
                ? "Round 1, every mandataire uploads its report"
                : "Round 2, later: two corrections, a resubmission, a flawed new version");
            // "Newer" is the blob's upload time, to the second: round 2 must start on a later second.
            if (lastUpload is { } previous) await WaitUntilAfterAsync(previous, context.Time, ct);
            lastUpload = await UploadAsync(services.Storage, files, ct);
            var processed = 0;
            var (done, failed) = await services.Pending.ProcessAllAsync(
                _ => progress.Tick(++processed, files.Count), _ => progress.Tick(++processed, files.Count), ct);
            outcomes.AddRange(done);
            failures.AddRange(failed);
            progress.Done(
                $"{files.Count} uploaded, {done.Count(o => o.Result == IngestionResult.Accepted)} accepted, " +
                $"{done.Count(o => o.Result == IngestionResult.Rejected)} rejected" + (failed.Count > 0 ? $", {failed.Count} FAILED" : ""));
        }

        progress.Begin("Snapshot");
        var publication = await new SnapshotPublisher(services.Storage.Blobs, services.Storage.Tables, context.Time, services.Catalog)
            .PublishAsync(date, ct);
        var snapshotFolder = Path.Combine(output, "snapshot", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var reportsFolder = Path.Combine(output, "reports");
        var snapshotFiles = await DemoFolder.DownloadAsync(services.Storage.Container(StorageNames.OpenDataContainer), publication.Path, snapshotFolder, ct);
        var reportFiles = await DemoFolder.DownloadAsync(services.Storage.Container(StorageNames.ReportsContainer), "", reportsFolder, ct);
        progress.Done($"{publication.Path}: {publication.ProjectCount} projects, {publication.Files.Count} files; {snapshotFiles} snapshot files and {reportFiles} reports copied to {DemoFolder.Show(output)}");

        var totals = await services.Totals.ReadRegionsAsync(SyntheticSubmissions.Exercice, ct);
        var surprises = DemoCheck.Compare(synthetic, services.Catalog, outcomes, failures, totals);
        foreach (var surprise in surprises) await context.Error.WriteLineAsync($"UNEXPECTED: {surprise}");

        new DemoSummary(synthetic, outcomes, failures.Count).Write(
            context.Out, totals, reportsFolder, Path.Combine(snapshotFolder, SnapshotPublisher.IndexName), submissionsFolder, progress.Elapsed);

        if (serve)
        {
            // The page then shows a history with a rejected file and its accepted correction.
            var mandataire = ServedMandataire(synthetic);
            var principal = DemoPrincipal(mandataire);
            await new MandataireAccessTable(services.Storage.Tables, services.Catalog, context.Time).GrantAsync(principal, mandataire, ct);
            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"Espace mandataire, until Ctrl+C: the demo principal '{principal}' acts for {mandataire}.");
            await context.Out.WriteLineAsync($"  Sign in from a browser: http://localhost:{port}{ServeCommand.DevSignInPath}?principal={principal}");
            await context.Out.WriteLineAsync($"  From a program: send the header {ClientPrincipal.IdHeaderName}: {principal}");
            await ServeCommand.ServeAsync(services, port, devAuth: true, ServeInterval, context);
        }
        else if (args.Flag("keep") && storage.StartedHere)
        {
            // The well-known Azurite key is public: printing this connection string gives nothing away.
            await context.Error.WriteLineAsync($"Azurite keeps running until Ctrl+C. Storage: \"{storage.ConnectionString}\"");
            await WaitForCancellationAsync(ct);
        }

        return surprises.Count == 0 ? CliApp.ExitOk : CliApp.ExitFailure;
    }

    private static readonly TimeSpan ServeInterval = TimeSpan.FromSeconds(2);

    /// <summary>The first mandataire whose rejected file was corrected later, else the first one.</summary>
    public static string ServedMandataire(SyntheticSubmissions synthetic) =>
        synthetic.Round(2).Where(f => f.ShouldBeAccepted)
            .Select(f => f.Mandataire)
            .FirstOrDefault(m => synthetic.Round(1).Any(f => f.Mandataire == m && !f.ShouldBeAccepted))
        ?? synthetic.Files[0].Mandataire;

    private static async Task<DateTimeOffset> UploadAsync(StorageClients storage, IReadOnlyList<SyntheticFile> files, CancellationToken ct)
    {
        var uploads = storage.Container(StorageNames.UploadsContainer);
        var last = DateTimeOffset.MinValue;
        foreach (var file in files)
        {
            var info = await uploads.GetBlobClient(file.UploadName).UploadAsync(BinaryData.FromBytes(file.Content), new BlobUploadOptions(), ct);
            if (info.Value.LastModified > last) last = info.Value.LastModified;
        }

        return last;
    }

    // Blob times have one-second resolution: wait until the clock is past the next whole second.
    private static async Task WaitUntilAfterAsync(DateTimeOffset previous, TimeProvider time, CancellationToken ct)
    {
        var target = previous.AddSeconds(1.2);
        var wait = target - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
    }

    private static async Task WaitForCancellationAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to end --keep.
        }
    }
}
