using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>publish [--date AAAA-MM-JJ]</c>: the nightly open-data snapshot, now, for one day (default: today in Québec).</summary>
public sealed class PublishCommand : StorageCommand
{
    private readonly Option<DateOnly?> _date = CliOptions.Date("The day the snapshot is named for. Default: today in Québec.");

    public PublishCommand()
        : base("publish", "Publish the open-data snapshot into opendata/snapshots/{date}/ and point latest.json at it.") =>
        Add(_date);

    public override string Example => "solidarite publish --date 2026-11-26 --account solidariteprod";
    public override string Succeeded => "the snapshot is published and latest.json points at it";
    public override string? Failed => "the stored data is inconsistent (a sum beyond range, a row that disagrees with its blob); nothing was replaced";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var date = parse.GetValue(_date) ?? PublicationDate.Today(context.Time);
        using var host = await OpenAsync(parse, context, createMissing: false);
        var result = await host.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(date, context.CancellationToken);

        await context.Out.WriteLineAsync($"Published opendata/{result.Path} ({result.ProjectCount} projects, " +
            $"{result.RegionalTotalCount} regional totals, exercices: {(result.Exercices.Count == 0 ? "none" : string.Join(", ", result.Exercices))}).");
        foreach (var file in result.Files)
            await context.Out.WriteLineAsync($"  {file.Name,-24} {file.Bytes,10} bytes  sha256 {file.Sha256}");
        await context.Out.WriteLineAsync($"Latest: opendata/{SnapshotPublisher.LatestName}");
        return CliApp.ExitOk;
    }
}
