using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tests.Aggregation;

/// <summary>The aggregation stage alone: projects and mandataire rows in, exact totals out, no storage.</summary>
public sealed class AggregateTests
{
    private const string Exercice = "2022-2023";
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.Default;

    private static Project Project(string no, decimal fqis, decimal autres, int personnes, string statut = ProjectStatus.EnCours) =>
        new(Exercice, no, "Projet", "Organisme", null, "16", null, "logement", "familles",
            fqis, autres, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), personnes, statut, null);

    private static MandataireTotal Row(string mandataire, string regionCode, SubmissionTotals totals, string exercice = Exercice) =>
        new(exercice, mandataire, regionCode, Catalog.FindRegion(regionCode)!.Name, totals, $"sub-{mandataire}", Noon, $"{mandataire}/{exercice}/sub.jsonl");

    [Fact]
    public void A_submission_sums_its_projects_in_cents_and_counts_cancelled_ones_apart_without_their_money_or_people()
    {
        Project[] projects =
        [
            Project("P-1", 12_500.50m, 1_000m, 40),
            Project("P-2", 3_333.33m, 0.01m, 7),
            Project("P-3", 999.99m, 250m, 3, ProjectStatus.Annule),
        ];

        var totals = Aggregate.Submission(projects, "a test submission");

        Assert.Equal(new SubmissionTotals(2, 1, 1_583_383, 100_001, 47), totals);
    }

    [Fact]
    public async Task A_streamed_submission_sums_exactly_as_the_same_projects_in_memory()
    {
        var projects = Enumerable.Range(1, 1_000).Select(i => Project($"P-{i}", i + 0.01m * (i % 100), i % 7, i % 13)).ToArray();

        var streamed = await Aggregate.SubmissionAsync(projects.ToAsyncEnumerable(), "streamed", CancellationToken.None);

        Assert.Equal(Aggregate.Submission(projects, "in memory"), streamed);
        Assert.Equal(1_000L * 1_001 / 2 * 100 + Enumerable.Range(1, 1_000).Sum(i => (long)(i % 100)), streamed.FqisAmountCents);
    }

    [Fact]
    public void Regions_of_an_exercice_are_every_region_of_the_catalog_zeros_included_each_the_sum_of_its_mandataires()
    {
        MandataireTotal[] rows =
        [
            Row("monteregie-est", "16", new SubmissionTotals(2, 0, 1_000_000, 50, 10)),
            Row("longueuil", "16", new SubmissionTotals(1, 1, 2_500, 0, 3)),
            Row("estrie", "05", new SubmissionTotals(4, 0, 77, 1, 1)),
            Row("estrie", "05", new SubmissionTotals(9, 9, 9, 9, 9), exercice: "2023-2024"), // another exercice: not summed
        ];

        var (totals, overflows) = Aggregate.Regions(Exercice, rows, Catalog);

        Assert.Empty(overflows);
        Assert.Equal(Catalog.Regions.Select(r => r.Code), totals.Select(t => t.RegionCode));
        var monteregie = totals.Single(t => t.RegionCode == "16");
        Assert.Equal((2, new SubmissionTotals(3, 1, 1_002_500, 50, 13)), (monteregie.MandataireCount, monteregie.Totals));
        Assert.Equal((1, new SubmissionTotals(4, 0, 77, 1, 1)), (totals.Single(t => t.RegionCode == "05").MandataireCount, totals.Single(t => t.RegionCode == "05").Totals));
        Assert.All(totals.Where(t => t.RegionCode is not ("16" or "05")), t => Assert.Equal((0, SubmissionTotals.Zero), (t.MandataireCount, t.Totals)));
    }

    [Fact]
    public void A_region_past_Int64_is_returned_apart_with_its_mandataires_named_and_the_other_regions_are_still_summed()
    {
        var half = new SubmissionTotals(1, 0, 100, 5_000_000_000_000_000_000, 1);
        MandataireTotal[] rows = [Row("monteregie-est", "16", half), Row("longueuil", "16", half), Row("estrie", "05", new SubmissionTotals(1, 0, 42, 0, 2))];

        var (totals, overflows) = Aggregate.Regions(Exercice, rows, Catalog);

        var overflow = Assert.Single(overflows);
        Assert.Equal(("16", "OtherAmountCents", (Int128)10_000_000_000_000_000_000m), (overflow.RegionCode, overflow.Error.Measure, overflow.Error.Value));
        Assert.StartsWith("RegionalTotals 2022-2023/16 (monteregie-est, longueuil), region 16 of exercice 2022-2023", overflow.Error.Of);
        Assert.DoesNotContain(totals, t => t.RegionCode == "16");
        Assert.Equal(42L, totals.Single(t => t.RegionCode == "05").Totals.FqisAmountCents);
    }

    [Fact]
    public void All_regions_cover_each_exercice_that_has_a_row_in_order_and_refuse_a_region_that_does_not_fit()
    {
        MandataireTotal[] rows =
        [
            Row("estrie", "05", new SubmissionTotals(1, 0, 10, 0, 1), exercice: "2023-2024"),
            Row("estrie", "05", new SubmissionTotals(1, 0, 20, 0, 1)),
        ];

        var all = Aggregate.AllRegions(rows, Catalog);

        Assert.Equal(2 * Catalog.Regions.Count, all.Count);
        Assert.Equal(new[] { "2022-2023", "2023-2024" }, all.Select(r => r.Exercice).Distinct());
        Assert.Equal(new[] { 20L, 10L }, all.Where(r => r.RegionCode == "05").Select(r => r.Totals.FqisAmountCents));
        var huge = new SubmissionTotals(1, 0, long.MaxValue, 0, 1);
        Assert.Throws<TotalsOverflowException>(() => Aggregate.AllRegions([Row("longueuil", "16", huge), Row("monteregie-est", "16", huge)], Catalog));
    }

    [Fact]
    public void The_current_submission_of_each_mandataire_and_exercice_is_the_newest_whatever_the_order_they_come_in()
    {
        (string Mandataire, string Exercice, DateTimeOffset At, string Id)[] accepted =
        [
            ("estrie", Exercice, Noon, "20261126T170000000Z-aaaaaaaaaaaa"),
            ("estrie", Exercice, Noon.AddSeconds(1), "20261126T170001000Z-000000000000"),
            ("estrie", Exercice, Noon, "20261126T170000000Z-ffffffffffff"),
            ("estrie", "2023-2024", Noon.AddDays(-1), "20261125T170000000Z-000000000000"),
            ("longueuil", Exercice, Noon, "20261126T170000000Z-bbbbbbbbbbbb"),
        ];

        foreach (var order in new[] { accepted, accepted.Reverse().ToArray() })
        {
            var current = Aggregate.Current(order, a => (a.Mandataire, a.Exercice, a.At, a.Id));

            Assert.Equal(
                new[] { "20261125T170000000Z-000000000000", "20261126T170000000Z-bbbbbbbbbbbb", "20261126T170001000Z-000000000000" },
                current.Select(c => c.Id).Order(StringComparer.Ordinal));
        }
    }
}
