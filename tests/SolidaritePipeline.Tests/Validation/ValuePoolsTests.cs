using SolidaritePipeline.Validation;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// A column's values are pooled while they repeat; a column that does not repeat stops being looked
/// up once its pool is full and a pool's worth of values missed it. Either way a value reads the same.
/// </summary>
public sealed class ValuePoolsTests
{
    private const int Pool = ValuePools.MaxValues;

    [Fact]
    public void A_column_of_a_new_value_a_row_stops_being_looked_up_after_a_full_pool_of_misses()
    {
        var pools = new ValuePools();
        for (var i = 0; i < 2 * Pool; i++) pools.Get(S.CourrielContact, $"contact{i}@organisme.example");

        var first = pools.Get(S.CourrielContact, "contact0@organisme.example");
        var again = pools.Get(S.CourrielContact, "contact0@organisme.example");

        Assert.Equal("contact0@organisme.example", again);
        Assert.NotSame(first, again);
    }

    [Fact]
    public void A_column_whose_values_repeat_stays_pooled_past_a_full_pool_of_misses()
    {
        var pools = new ValuePools();
        for (var i = 0; i < 2 * Pool; i++)
        {
            pools.Get(S.OrganismePromoteur, $"Organisme {i}");
            pools.Get(S.OrganismePromoteur, $"Organisme {i % 10}");
        }

        var first = pools.Get(S.OrganismePromoteur, "Organisme 3");
        var again = pools.Get(S.OrganismePromoteur, "Organisme 3");

        Assert.Same(first, again);
    }

    [Fact]
    public void Before_its_pool_is_full_a_column_of_new_values_is_still_looked_up()
    {
        var pools = new ValuePools();
        for (var i = 0; i < Pool - 1; i++) pools.Get(S.CourrielContact, $"contact{i}@organisme.example");

        Assert.Same(pools.Get(S.CourrielContact, "contact7@organisme.example"), pools.Get(S.CourrielContact, "contact7@organisme.example"));
    }
}
