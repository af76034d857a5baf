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
    public async Task A_storage_request_that_timed_out_is_retried_like_any_transient_failure()
    {
        var pipelines = new StoragePipelines(NoWait);
        var attempts = 0;

        // What the Azure SDK throws when a request exceeds its NetworkTimeout (after its own retries: in an AggregateException).
        var result = await pipelines.Upload.ExecuteAsync(_ => ++attempts switch
        {
            1 => throw new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:01:40."),
            2 => throw new AggregateException(new TaskCanceledException("timeout"), new IOException("reset")),
            _ => ValueTask.FromResult(attempts),
        }, CancellationToken.None);

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task An_upload_its_caller_cancelled_is_not_retried()
    {
        var pipelines = new StoragePipelines(NoWait);
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await pipelines.Upload.ExecuteAsync(ct =>
            {
                attempts++;
                cancel.Cancel();
                ct.ThrowIfCancellationRequested();
                return ValueTask.CompletedTask;
            }, cancel.Token));

        Assert.Equal(1, attempts);
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
