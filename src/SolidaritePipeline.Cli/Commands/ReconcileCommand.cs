using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Ingestion;

namespace SolidaritePipeline.Cli.Commands;

/// <summary><c>reconcile</c>: rebuilds the totals from the stored submissions and prints what changed.</summary>
public sealed class ReconcileCommand() : StorageCommand("reconcile", "Recompute every total from the accepted submissions' normalized data; print what changed.")
{
    public override string Example => "solidarite reconcile --account solidariteprod";
    public override string Succeeded => "the totals match the submissions (rows repaired are listed on standard output)";
    public override string? Failed => "some rows could not be repaired (each named on standard error)";

    public override async Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        using var host = await OpenAsync(parse, context);
        var (changes, problems) = await host.Services.GetRequiredService<Reconciler>().ReconcileAsync(context.CancellationToken);
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
