using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Access;
using SolidaritePipeline.Cli.Demo;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
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
public sealed class DemoCommand : CliCommand
{
    private readonly Option<string> _out = new("--out")
    {
        HelpName = "DIR", Description = "Folder for the synthetic files, the reports and the snapshot.", DefaultValueFactory = _ => "demo-output",
    };
    private readonly Option<long> _seed = CliOptions.WholeNumber("--seed", "N", "Seed of the synthetic data: the same seed gives the same files.", SyntheticSubmissions.DefaultSeed, maximum: int.MaxValue);
    private readonly Option<DateOnly?> _date = CliOptions.Date("The day the snapshot is named for. Default: today in Québec.");
    private readonly Option<bool> _keep = CliOptions.Flag("--keep", "Keep the Azurite the demo started running until Ctrl+C, to look around.");
    private readonly Option<bool> _serve = CliOptions.Flag("--serve",
        "Then serve the Espace mandataire over the same storage (as serve --dev-auth), signed in as a demo principal of one mandataire, until Ctrl+C.");
    private readonly Option<long> _port = CliOptions.Port();
    private readonly Option<string> _storage = CliStorage.ConnectionStringOption(
        "Storage connection string. Default: Azurite on its well-known ports if it answers, else one the demo starts (never the AzureWebJobsStorage setting).");

    public DemoCommand()
        : base("demo", "Run the whole pipeline on synthetic data for the 21 mandataires and show the results (--serve: then serve the Espace mandataire).")
    {
        Add(_out, _seed, _date, _keep, _serve, _port, _storage);
        _port.Description += " With --serve.";
        Command.Validators.Add(result =>
        {
            if (result.GetResult(_port) is { Implicit: false } && !result.GetValue(_serve))
                result.AddError("--port goes with --serve.");
        });
    }

    /// <summary>With <c>--serve</c>, the principal the demo grants access to <see cref="ServedMandataire"/>: <c>demo-{code}</c>.</summary>
    public static string DemoPrincipal(string mandataire) => $"demo-{mandataire}";

    public override string Example => "solidarite demo --out demo-output --serve --port 8080";
    public override string Succeeded => "every file had the outcome the synthetic data was made for";
    public override string? Failed => "an outcome or a total differs from what the synthetic data was made for (each printed as UNEXPECTED)";
    public override string? EnvironmentFailure => "storage unreachable, or the output folder cannot be written";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var seed = (int)parse.GetValue(_seed);
        var output = EnvironmentException.CreateOutputDirectory(Path.GetFullPath(parse.GetRequiredValue(_out)));
        var date = parse.GetValue(_date) ?? PublicationDate.Today(context.Time);
        var serve = parse.GetValue(_serve);
        var ct = context.CancellationToken;
        var progress = new DemoProgress(context.Error, context.Time, stages: 5, interactive: ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected);

        progress.Begin("Storage");
        await using var storage = await DemoStorage.FindOrStartAsync(parse.GetValue(_storage), ct);
        using var host = CliHost.Build(context, () => StorageClients.FromConnectionString(storage.ConnectionString));
        var clients = host.Services.GetRequiredService<StorageClients>();
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        if (serve) ServeCommand.RequireLocal(clients);
        await clients.EnsureCreatedAsync(ct);
        // Before any upload: whatever this storage publishes from now on says that it is synthetic.
        await SyntheticMarker.MarkAsync(clients.Blobs, ct);
        // What a deployment publishes once, so the Espace mandataire (--serve) hands out the templates.
        await TemplatePublisher.PublishAsync(clients.Blobs, catalog, ct);
        progress.Done(storage.Description);

        progress.Begin("Synthetic data");
        var synthetic = DemoData.Generate(catalog, seed);
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
            lastUpload = await UploadAsync(clients, files, ct);
            var processed = 0;
            var (done, failed) = await host.Services.GetRequiredService<PendingUploads>().ProcessAllAsync(
                _ => progress.Tick(++processed, files.Count), _ => progress.Tick(++processed, files.Count), ct);
            outcomes.AddRange(done);
            failures.AddRange(failed);
            progress.Done(
                $"{files.Count} uploaded, {done.Count(o => o.Result == IngestionResult.Accepted)} accepted, " +
                $"{done.Count(o => o.Result == IngestionResult.Rejected)} rejected" + (failed.Count > 0 ? $", {failed.Count} FAILED" : ""));
        }

        progress.Begin("Snapshot");
        var publication = await host.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(date, ct);
        var snapshotFolder = Path.Combine(output, "snapshot", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var reportsFolder = Path.Combine(output, "reports");
        var snapshotFiles = await DemoFolder.DownloadAsync(clients.Container(StorageNames.OpenDataContainer), publication.Path, snapshotFolder, ct);
        var reportFiles = await DemoFolder.DownloadAsync(clients.Container(StorageNames.ReportsContainer), "", reportsFolder, ct);
        progress.Done($"{publication.Path}: {publication.ProjectCount} projects, {publication.Files.Count} files; {snapshotFiles} snapshot files and {reportFiles} reports copied to {DemoFolder.Show(output)}");

        var totals = await host.Services.GetRequiredService<TotalsTables>().ReadRegionsAsync(SyntheticSubmissions.Exercice, ct);
        var surprises = DemoCheck.Compare(synthetic, catalog, outcomes, failures, totals);
        foreach (var surprise in surprises) await context.Error.WriteLineAsync($"UNEXPECTED: {surprise}");

        new DemoSummary(synthetic, outcomes, failures.Count).Write(
            context.Out, totals, reportsFolder, Path.Combine(snapshotFolder, SnapshotPublisher.IndexName), submissionsFolder, progress.Elapsed);

        if (serve)
        {
            // The page then shows a history with a rejected file and its accepted correction.
            var mandataire = ServedMandataire(synthetic);
            var principal = DemoPrincipal(mandataire);
            var port = (int)parse.GetValue(_port);
            await new MandataireAccessTable(clients.Tables, catalog, context.Time).GrantAsync(principal, mandataire, ct);
            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"Espace mandataire, until Ctrl+C: the demo principal '{principal}' acts for {mandataire}.");
            await context.Out.WriteLineAsync($"  Sign in from a browser: http://localhost:{port}{ServeCommand.DevSignInPath}?principal={principal}");
            await context.Out.WriteLineAsync($"  From a program: send the header {ClientPrincipal.IdHeaderName}: {principal}");
            await ServeCommand.ServeAsync(host.Services, port, devAuth: true, ServeInterval, context);
        }
        else if (parse.GetValue(_keep) && storage.StartedHere)
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
