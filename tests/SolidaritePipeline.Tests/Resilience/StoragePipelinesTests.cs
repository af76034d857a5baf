using System.Net.Http;
using Azure;
using Polly;
using SolidaritePipeline.Resilience;

namespace SolidaritePipeline.Tests.Resilience;

public sealed class StoragePipelinesTests
{
    private static readonly ResilienceOptions NoWait = new() { ConflictDelay = TimeSpan.Zero, TransientDelay = TimeSpan.Zero };

    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(412, false)]
    public void Only_storage_failures_that_may_pass_are_transient(int status, bool transient) =>
        Assert.Equal(transient, StoragePipelines.IsTransient(new RequestFailedException(status, "x")));

    [Fact]
    public void The_SDKs_exhausted_retries_are_transient_only_when_every_attempt_was()
    {
        Assert.True(StoragePipelines.IsTransient(new AggregateException(new RequestFailedException(0, "refused"), new HttpRequestException("reset"))));
        Assert.False(StoragePipelines.IsTransient(new AggregateException(new RequestFailedException(503, "busy"), new InvalidOperationException("bug"))));
    }

    [Fact]
    public async Task A_lost_race_is_retried_until_it_wins()
    {
        var pipelines = new StoragePipelines(NoWait);
        var attempts = 0;

        var result = await pipelines.Conflicts.ExecuteAsync(_ =>
            ++attempts < 4 ? throw new RequestFailedException(412, "moved") : ValueTask.FromResult(attempts));

        Assert.Equal(4, result);
    }

    [Fact]
    public async Task An_upload_is_retried_twice_after_a_transient_failure_then_fails_with_it()
    {
        var pipelines = new StoragePipelines(NoWait);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
            await pipelines.Upload.ExecuteAsync(_ => { attempts++; throw new RequestFailedException(503, "busy"); }, CancellationToken.None));

        Assert.Equal((3, 503), (attempts, error.Status));
    }

    [Fact]
    public async Task A_bug_is_not_retried()
    {
        var pipelines = new StoragePipelines(NoWait);
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await pipelines.Upload.ExecuteAsync(_ => { attempts++; throw new InvalidOperationException("bug"); }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }
}
