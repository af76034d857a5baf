using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Tests.Aggregation;

public sealed class SubmissionOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_later_upload_is_newer_whatever_its_id()
    {
        Assert.True(SubmissionOrder.IsNewer(Noon.AddSeconds(1), "20261126T170001000Z-000000000000", Noon, "20261126T170000000Z-ffffffffffff"));
        Assert.False(SubmissionOrder.IsNewer(Noon, "20261126T170000000Z-ffffffffffff", Noon.AddSeconds(1), "20261126T170001000Z-000000000000"));
    }

    [Fact]
    public void On_equal_upload_times_the_ordinally_greater_id_wins_and_exactly_one_of_two_does()
    {
        const string a = "20261126T170000000Z-0a1b2c3d4e5f";
        const string b = "20261126T170000000Z-9a1b2c3d4e5f";

        Assert.True(SubmissionOrder.IsNewer(Noon, b, Noon, a));
        Assert.False(SubmissionOrder.IsNewer(Noon, a, Noon, b));
    }

    [Fact]
    public void A_submission_is_not_newer_than_itself_so_a_redelivery_changes_nothing()
    {
        Assert.False(SubmissionOrder.IsNewer(Noon, "20261126T170000000Z-0a1b2c3d4e5f", Noon, "20261126T170000000Z-0a1b2c3d4e5f"));
    }

    [Fact]
    public void The_same_instant_in_another_offset_is_the_same_time()
    {
        var montreal = Noon.ToOffset(TimeSpan.FromHours(-5));

        Assert.True(SubmissionOrder.IsNewer(montreal, "b", Noon, "a"));
        Assert.False(SubmissionOrder.IsNewer(montreal, "a", Noon, "b"));
    }
}
