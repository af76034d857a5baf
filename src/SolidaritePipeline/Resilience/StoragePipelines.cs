using System.Net.Http;
using Azure;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SolidaritePipeline.Resilience;

/// <summary>How hard the pipelines of <see cref="StoragePipelines"/> try.</summary>
public sealed record ResilienceOptions
{
    /// <summary>Attempts after the first when a conditional write loses a race (409, 412).</summary>
    public int ConflictRetries { get; init; } = 20;
    public TimeSpan ConflictDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Attempts after the first of a whole upload when a request failed even after the SDK's own retries.</summary>
    public int TransientRetries { get; init; } = 2;
    public TimeSpan TransientDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most one upload may take, all attempts included.</summary>
    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The two Polly pipelines of the pipeline, defined once.
/// <para><see cref="Conflicts"/> retries optimistic-concurrency losses (412 on If-Match, 409 on an
/// insert someone else made first). The Azure SDK never retries those: they are answers, not
/// failures, and only the caller can re-read and recompute.</para>
/// <para><see cref="Upload"/> bounds one upload with a timeout and retries it whole after a
/// transient storage failure (5xx, 408, 429, a broken connection, a request that timed out). This does stack on the SDK's
/// per-request retries, on purpose: the SDK retries one request for a few seconds; the upload
/// retry restarts the whole idempotent sequence after a pause long enough to outlive a short
/// outage, and covers what the SDK cannot resend (a download stream that broke half-way). It is
/// small (2 retries) so the worst case stays near (1 + 2) × (1 + SDK retries) requests.</para>
/// </summary>
public sealed class StoragePipelines
{
    public StoragePipelines(ResilienceOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new ResilienceOptions();
        time ??= TimeProvider.System;

        Conflicts = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsConflict),
                MaxRetryAttempts = Options.ConflictRetries,
                Delay = Options.ConflictDelay,
                MaxDelay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true, // racers that lost together must not retry together
            })
            .Build();

        Upload = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(Options.UploadTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                // A cancellation is the caller's to decide: never retried once the caller (or the timeout above) has cancelled.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && IsTransient(e)),
                MaxRetryAttempts = Options.TransientRetries,
                Delay = Options.TransientDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public ResilienceOptions Options { get; }

    public ResiliencePipeline Conflicts { get; }

    public ResiliencePipeline Upload { get; }

    public static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412;

    /// <summary>
    /// Whether a storage failure may pass on a later attempt. An <see cref="OperationCanceledException"/>
    /// counts: it is how the SDK reports a request that exceeded its network timeout; the
    /// <see cref="Upload"/> pipeline tells it apart from its caller's own cancellation.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504,
        HttpRequestException or IOException or OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
