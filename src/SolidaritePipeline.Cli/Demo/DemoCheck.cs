using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>
/// What the demo saw against what its synthetic data says should happen: every file accepted or
/// rejected as its story says, and totals equal to the sum of the current accepted files, to the cent.
/// </summary>
internal static class DemoCheck
{
    public static IReadOnlyList<string> Compare(
        SyntheticSubmissions synthetic,
        ReferenceCatalog catalog,
        IReadOnlyList<IngestionOutcome> outcomes,
        IReadOnlyList<IngestionFailure> failures,
        IReadOnlyList<RegionalTotal> totals)
    {
        var surprises = new List<string>();
        foreach (var failure in failures) surprises.Add($"{failure.BlobName} failed: {failure.Error.Message}");

        var byBlob = outcomes.ToLookup(o => o.BlobName, StringComparer.Ordinal);
        foreach (var file in synthetic.Files)
        {
            var expected = file.ShouldBeAccepted ? IngestionResult.Accepted : IngestionResult.Rejected;
            var seen = byBlob[file.UploadName].Select(o => o.Result).ToList();
            if (!seen.Contains(expected))
                surprises.Add($"{file.UploadName} should be {expected}{(file.ShouldBeAccepted ? "" : $" ({file.Mistake})")}, was {(seen.Count == 0 ? "not processed" : string.Join(", ", seen))}.");
        }

        var expectedByRegion = synthetic.CurrentProjects
            .GroupBy(p => catalog.FindMandataire(p.Key)!.RegionCode, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (Mandataires: g.Count(), Totals: SubmissionTotals.Of(g.SelectMany(p => p.Value), $"demo region {g.Key}")),
                StringComparer.Ordinal);
        var actualByRegion = totals.ToDictionary(t => t.RegionCode, StringComparer.Ordinal);
        foreach (var region in catalog.Regions)
        {
            var (mandataires, expected) = expectedByRegion.GetValueOrDefault(region.Code, (0, SubmissionTotals.Zero));
            var actual = actualByRegion.GetValueOrDefault(region.Code);
            if (actual is null || actual.MandataireCount != mandataires || actual.Totals != expected)
                surprises.Add(
                    $"region {region.Code}: expected {mandataires} mandataires and {expected}, found " +
                    (actual is null ? "no row" : $"{actual.MandataireCount} mandataires and {actual.Totals}") +
                    " (does this storage hold other data for this exercice?)");
        }

        return surprises;
    }
}
