using System.Globalization;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Ingestion;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>reconcile</c>: rebuilds the totals from the stored submissions and prints what changed.</summary>
public sealed class ReconcileCommand : ICommand
{
    public string Name => "reconcile";
    public string Usage => "reconcile [--storage CONN | --account NAME]";
    public string Summary => "Recompute every total from the accepted submissions' normalized data; print what changed.";
    public IReadOnlyCollection<string> ValueOptions { get; } = ["storage", "account"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArgs args, CliContext context)
    {
        args.NoPositionals();
        var services = await CliStorage.OpenAsync(args, context);
        await services.Storage.EnsureCreatedAsync(context.CancellationToken);
        var (changes, problems) = await services.Reconciler.ReconcileAsync(context.CancellationToken);
        foreach (var change in changes)
            await context.Out.WriteLineAsync(Describe(change));
        await context.Error.WriteLineAsync(changes.Count == 0 ? "Totals already matched the submissions." : $"{changes.Count} rows repaired.");
        foreach (var problem in problems)
            await context.Error.WriteLineAsync($"solidarite reconcile: non réparé / not repaired: {problem}");
        return problems.Count == 0 ? CliApp.ExitOk : CliApp.ExitFailure;
    }

    private static string Describe(TotalsChange c) =>
        $"{c.Table} {c.PartitionKey}/{c.RowKey}: {Measures(c.Before)} → {Measures(c.After)}{(c.Note is null ? "" : $" ({c.Note})")}";

    private static string Measures(SubmissionTotals? t) => t is null ? "(none)" : string.Create(CultureInfo.InvariantCulture,
        $"{t.ProjectCount} projets, {t.CancelledProjectCount} annulés, FQIS {Money.FromCents(t.FqisAmountCents):0.00} $, autres {Money.FromCents(t.OtherAmountCents):0.00} $, {t.PeopleReached} personnes");
}
