using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Aggregation;

/// <summary>
/// The regional rows of one exercice (one per region of the catalog, zeros included), and the regions
/// whose sums the tables cannot hold: those have no row here, and the caller decides what to do.
/// </summary>
public sealed record RegionalAggregate(IReadOnlyList<RegionalTotal> Totals, IReadOnlyList<RegionOverflow> Overflows);

/// <summary>A region whose sum does not fit the tables' Int64, and the error that says which measure and by how much.</summary>
public sealed record RegionOverflow(string Exercice, string RegionCode, TotalsOverflowException Error);

/// <summary>
/// The aggregation stage: from accepted projects to the totals of their mandataire, and from the
/// mandataires' current totals to the regional totals. Pure: no storage, no clock, no I/O, so ingest,
/// reconcile and publish all sum the same way, and a unit test checks it without an emulator.
/// Every sum is taken in <see cref="TotalsSum"/> (Int128) and narrowed with a check.
/// </summary>
public static class Aggregate
{
    /// <summary>The measures of one accepted submission; <paramref name="of"/> names it in an overflow error.</summary>
    public static SubmissionTotals Submission(IEnumerable<Project> projects, string of) => SubmissionTotals.Of(projects, of);

    /// <summary>The same, over projects streamed one at a time (a stored normalized blob), never held together.</summary>
    public static async Task<SubmissionTotals> SubmissionAsync(IAsyncEnumerable<Project> projects, string of, CancellationToken cancellationToken)
    {
        var sum = TotalsSum.Zero;
        await foreach (var project in projects.WithCancellation(cancellationToken))
            sum = sum.Add(project);
        return sum.ToTotals(of);
    }

    /// <summary>
    /// The current submission of each (mandataire, exercice) among <paramref name="accepted"/>: the
    /// newest by <see cref="SubmissionOrder"/>, whatever order they come in.
    /// </summary>
    public static IReadOnlyList<T> Current<T>(IEnumerable<T> accepted, Func<T, (string Mandataire, string Exercice, DateTimeOffset UploadedAt, string SubmissionId)> key)
    {
        var current = new Dictionary<(string, string), (T Item, DateTimeOffset At, string Id)>();
        foreach (var item in accepted)
        {
            var (mandataire, exercice, at, id) = key(item);
            if (!current.TryGetValue((mandataire, exercice), out var other) || SubmissionOrder.IsNewer(at, id, other.At, other.Id))
                current[(mandataire, exercice)] = (item, at, id);
        }

        return current.Values.Select(v => v.Item).ToArray();
    }

    /// <summary>
    /// One row per region of the catalog for <paramref name="exercice"/>, zeros included, summing the
    /// mandataire rows of that exercice by their region. A region whose sum does not fit is returned apart.
    /// </summary>
    public static RegionalAggregate Regions(string exercice, IEnumerable<MandataireTotal> mandataires, ReferenceCatalog catalog)
    {
        var byRegion = mandataires
            .Where(m => m.Exercice == exercice)
            .GroupBy(m => m.RegionCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var totals = new List<RegionalTotal>();
        var overflows = new List<RegionOverflow>();
        foreach (var region in catalog.Regions)
        {
            var members = byRegion.GetValueOrDefault(region.Code, []);
            try
            {
                var sum = SubmissionTotals.Of(members.Select(m => m.Totals),
                    $"RegionalTotals {exercice}/{region.Code} ({string.Join(", ", members.Select(m => m.Mandataire))}), region {region.Code} of exercice {exercice}");
                totals.Add(new RegionalTotal(exercice, region.Code, region.Name, members.Length, sum));
            }
            catch (TotalsOverflowException e)
            {
                overflows.Add(new RegionOverflow(exercice, region.Code, e));
            }
        }

        return new RegionalAggregate(totals, overflows);
    }

    /// <summary>
    /// The regional rows of every exercice that has a mandataire row, ordered by exercice then region.
    /// Throws the first <see cref="TotalsOverflowException"/>: a publication must not leave a region out.
    /// </summary>
    public static IReadOnlyList<RegionalTotal> AllRegions(IReadOnlyList<MandataireTotal> mandataires, ReferenceCatalog catalog) =>
        mandataires
            .Select(m => m.Exercice)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .SelectMany(exercice => Regions(exercice, mandataires, catalog) switch
            {
                { Overflows: [var first, ..] } => throw first.Error,
                var ok => ok.Totals,
            })
            .ToArray();
}
