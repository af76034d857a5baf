using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Aggregation;

public sealed class TotalsSumTests
{
    private static Project Largest(int i) => new("2022-2023", $"P-{i}", "Projet", "Organisme", null, "16", null, "logement", "familles",
        SchemaV1.MaxMontantFqis, SchemaV1.MaxMontantAutresSources, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31),
        SchemaV1.MaxPersonnesRejointes, ProjectStatus.EnCours, null);

    [Fact]
    public void Every_row_of_every_mandataire_at_the_ceilings_sums_inside_Int64_with_a_margin_of_two_hundred()
    {
        var rows = new ValidationOptions().MaxRows;
        var file = SubmissionTotals.Of(Enumerable.Range(1, rows).Select(Largest), "one full file");
        var mandataires = ReferenceCatalog.Default.Mandataires.Count;

        var exercice = SubmissionTotals.Of(Enumerable.Repeat(file, mandataires), "every mandataire");

        Assert.Equal((200_000, 21), (rows, mandataires));
        Assert.Equal(new SubmissionTotals(4_200_000, 0, 2_100_000_000_000_000, 42_000_000_000_000_000, 4_200_000_000_000), exercice);
        Assert.True(long.MaxValue / exercice.OtherAmountCents > 200); // 9.22e18 / 4.2e16 = 219
    }

    [Fact]
    public void A_sum_past_Int64_is_a_TotalsOverflowException_that_names_what_was_summed_the_measure_and_the_exact_value()
    {
        var half = new SubmissionTotals(1, 0, 1, 5_000_000_000_000_000_000, 1);

        var e = Assert.Throws<TotalsOverflowException>(() => SubmissionTotals.Of([half, half], "RegionalTotals 2022-2023/16"));

        Assert.Equal(("RegionalTotals 2022-2023/16", "OtherAmountCents", (Int128)10_000_000_000_000_000_000m), (e.Of, e.Measure, e.Value));
        Assert.StartsWith("The sum of RegionalTotals 2022-2023/16 does not fit the totals tables: OtherAmountCents = 10000000000000000000 exceeds Int64.", e.Message);
    }

    [Fact]
    public void The_accumulator_adds_a_thousand_rows_of_Int64_extremes_exactly()
    {
        var extreme = new SubmissionTotals(int.MaxValue, int.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue);

        var sum = Enumerable.Repeat(extreme, 1_000).Aggregate(TotalsSum.Zero, (s, t) => s.Add(t));

        Assert.Equal((Int128)long.MaxValue * 1_000, sum.FqisAmountCents);
        Assert.Equal((Int128)int.MaxValue * 1_000, sum.ProjectCount);
        Assert.Throws<TotalsOverflowException>(() => sum.ToTotals("a thousand extremes"));
    }

    [Fact]
    public void Cancelled_projects_count_apart_and_add_no_money_and_no_people()
    {
        var cancelled = Largest(2) with { Statut = ProjectStatus.Annule };

        var totals = SubmissionTotals.Of([Largest(1), cancelled], "two projects");

        Assert.Equal(new SubmissionTotals(1, 1, 500_000_000, 10_000_000_000, 1_000_000), totals);
    }

    [Fact]
    public void Any_decimal_amount_converts_to_exact_wide_cents_and_a_third_decimal_is_refused()
    {
        Assert.Equal(Int128.Parse("7922816251426433759354395033500"), Money.ToCentsWide(decimal.MaxValue));
        Assert.Equal((Int128)1_250_050, Money.ToCentsWide(12_500.50m));
        Assert.Throws<ArgumentException>(() => Money.ToCentsWide(0.005m));
        Assert.Throws<OverflowException>(() => Money.ToCents(decimal.MaxValue));
    }

    [Fact]
    public void Wide_cents_of_amounts_of_any_sign_and_scale_are_the_amount_written_to_two_decimals_without_its_point()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 20_000; i++)
        {
            var scale = (byte)random.Next(0, 5);
            var amount = new decimal(random.Next(), random.Next(), random.Next(0, 1 << 20), random.Next(2) == 0, scale);
            if (scale > 2) amount = decimal.Round(amount, 2) * 1.000m; // more digits written, still two decimals of value

            var written = amount.ToString("F2", System.Globalization.CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal);
            Assert.Equal(Int128.Parse(written, System.Globalization.CultureInfo.InvariantCulture), Money.ToCentsWide(amount));
        }

        Assert.Equal((Int128)150, Money.ToCentsWide(1.500m));
        Assert.Equal((Int128)(-1_250_050), Money.ToCentsWide(-12_500.5m));
        Assert.Equal(Int128.Zero, Money.ToCentsWide(-0.00m));
    }
}
