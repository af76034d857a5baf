using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>publish [--date AAAA-MM-JJ]</c>: the nightly open-data snapshot, now, for one day (default: today in Québec).</summary>
public sealed class PublishCommand : ICommand
{
    public string Name => "publish";
    public string Usage => "publish [--date AAAA-MM-JJ] [--storage CONN | --account NAME]";
    public string Summary => "Publish the open-data snapshot into opendata/snapshots/{date}/ and point latest.json at it.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["date", "storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        DateOnly date;
        if (args.Option("date") is { } text)
        {
            if (!PublicationDate.TryParse(text, out date))
                throw new UsageException($"--date takes AAAA-MM-JJ, not '{text}'.");
        }
        else
        {
            date = PublicationDate.Today(context.Time);
        }

        var storage = await CliStorage.OpenClientsAsync(args, context);
        var publisher = new SnapshotPublisher(storage.Blobs, storage.Tables, context.Time);
        var result = await publisher.PublishAsync(date, context.CancellationToken);

        await context.Out.WriteLineAsync($"Published opendata/{result.Path} ({result.ProjectCount} projects, " +
            $"{result.RegionalTotalCount} regional totals, exercices: {(result.Exercices.Count == 0 ? "none" : string.Join(", ", result.Exercices))}).");
        foreach (var file in result.Files)
            await context.Out.WriteLineAsync($"  {file.Name,-24} {file.Bytes,10} bytes  sha256 {file.Sha256}");
        await context.Out.WriteLineAsync($"Latest: opendata/{SnapshotPublisher.LatestName}");
        return CliApp.ExitOk;
    }
}
