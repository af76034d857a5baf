using System.Globalization;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>What the demo prints on standard output at the end: the totals, then where to look.</summary>
internal sealed class DemoSummary(SyntheticSubmissions synthetic, IReadOnlyList<IngestionOutcome> outcomes, int failureCount)
{
    public void Write(
        TextWriter output, IReadOnlyList<RegionalTotal> totals, string reportsFolder, string snapshotIndex, string submissionsFolder, TimeSpan elapsed)
    {
        output.WriteLine($"Totaux régionaux {SyntheticSubmissions.Exercice}, données synthétiques (fictives) / regional totals, synthetic data");
        output.WriteLine();
        RegionalTotalsTable.Write(output, totals);
        output.WriteLine();

        var rejected = outcomes.Where(o => o.Result == IngestionResult.Rejected).ToList();
        output.WriteLine(
            $"Submissions: {outcomes.Count} processed, {outcomes.Count(o => o.Result == IngestionResult.Accepted)} accepted, " +
            $"{rejected.Count} rejected, {failureCount} failed.");
        output.WriteLine("Rejected files and their reports:");
        var mistakes = synthetic.Files.ToDictionary(f => f.UploadName, f => f.Mistake, StringComparer.Ordinal);
        foreach (var r in rejected)
        {
            var what = mistakes.TryGetValue(r.BlobName, out var mistake) ? $", {Describe(mistake)}" : "";
            output.WriteLine($"  {r.BlobName} ({r.ErrorCount} error{(r.ErrorCount == 1 ? "" : "s")}{what}): {DemoFolder.Show(Path.Combine(reportsFolder, r.Mandataire, r.SubmissionId + ".html"))}");
        }

        output.WriteLine($"Open-data snapshot: {DemoFolder.Show(snapshotIndex)}");
        output.WriteLine($"Submitted files: {DemoFolder.Show(submissionsFolder)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {elapsed.TotalSeconds:0.0} s."));
    }

    private static string Describe(SyntheticMistake mistake) => mistake switch
    {
        SyntheticMistake.AmbiguousAmount => "an ambiguous amount, 1,500",
        SyntheticMistake.ForeignRegion => "a project in another mandataire's region",
        SyntheticMistake.MissingColumn => "a required column missing",
        SyntheticMistake.DuplicateNumberAndEndBeforeStart => "a project number used twice, an end before its start",
        _ => "no mistake meant",
    };
}
