using System.Globalization;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Storage;
using Xunit.Abstractions;

namespace SolidaritePipeline.IntegrationTests.Reliability;

public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    /// <summary>
    /// Short SDK pauses and a short network timeout so that injected timeouts cost a test's time; one
    /// SDK retry instead of production's three, so that faults get past it and exercise the
    /// pipeline's own retries and its failure records too.
    /// </summary>
    public static readonly StorageRetryOptions FaultySdkRetry = new()
    {
        MaxRetries = 1,
        Delay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        NetworkTimeout = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task Uploads_of_all_21_mandataires_under_storage_faults_end_with_the_totals_of_a_fault_free_run_each_upload_with_one_outcome()
    {
        var settings = ReliabilitySettings.FromEnvironment();
        var plan = new UploadWaves(settings.FaultVersions, settings.Seed);
        var azurites = await Task.WhenAll(Azurite.StartAsync(), Azurite.StartAsync());
        await using var faultyAzurite = azurites[0];
        await using var cleanAzurite = azurites[1];
        using var faults = new StorageFaults(settings.FaultRate, settings.Seed);
        var faulty = IngestionHarness.Wire(StorageClients.FromConnectionString(faultyAzurite.ConnectionString, FaultySdkRetry, faults));
        var clean = IngestionHarness.Wire(StorageClients.FromConnectionString(cleanAzurite.ConnectionString, IngestionHarness.FastSdkRetry));
        faults.Enabled = false;
        await Task.WhenAll(faulty.Storage.EnsureCreatedAsync(), clean.Storage.EnsureCreatedAsync());
        var faultyState = new PipelineState(faultyAzurite.ConnectionString);
        var cleanState = new PipelineState(cleanAzurite.ConnectionString);

        var failedAttempts = 0;
        var recorded = 0;
        var causes = new List<string>();
        var rounds = 0;
        var started = DateTimeOffset.UtcNow;
        for (var wave = 0; wave < plan.Waves.Count; wave++)
        {
            // The mandataires' side is not under test: each wave lands in both storages, then each pipeline processes it.
            await plan.UploadAsync([faultyState.Uploads, cleanState.Uploads], wave);
            var (_, cleanFailures) = await clean.Pending.ProcessAllAsync(settings.Parallelism, null, null, default);
            Assert.Empty(cleanFailures);

            faults.Enabled = true;
            // As the host redelivers: what failed stays in uploads and is tried again on the next pass.
            for (var pass = 0; (await faultyState.BlobNamesAsync(StorageNames.UploadsContainer)).Count > 0; pass++)
            {
                Assert.True(pass < 50, "uploads still pending after 50 passes");
                rounds++;
                try
                {
                    var (_, failures) = await faulty.Pending.ProcessAllAsync(settings.Parallelism, null, null, default);
                    failedAttempts += failures.Count;
                    causes.AddRange(failures.Select(f => Cause(f.Error)));
                    faults.Enabled = false;
                    recorded += await CountRecordedAsync(faultyState, failures);
                    faults.Enabled = true;
                }
                catch (Exception e) when (StoragePipelinesIsTransient(e))
                {
                    failedAttempts++; // the listing itself failed: the whole pass is redelivered
                    causes.Add("listing: " + Cause(e));
                }
            }

            faults.Enabled = false;
        }

        var share = (double)faults.Injected / faults.Requests;
        var kinds = string.Join(", ", faults.InjectedByKind.Select(k => $"{k.Value} {k.Key}"));

        foreach (var cause in causes.GroupBy(c => c).OrderByDescending(g => g.Count()))
            output.WriteLine($"  redelivered after: {cause.Key} ×{cause.Count()}");

        Assert.True(share >= 0.10 || settings.FaultRate < 0.10, $"only {share:P1} of storage calls were faults");
        Assert.All(faults.InjectedByKind, k => Assert.True(k.Value > 0, $"no {k.Key} was injected"));
        Assert.Equal(await cleanState.TotalsRowsAsync(), await faultyState.TotalsRowsAsync());
        await cleanState.AssertCompleteAsync(plan, plan.Waves.Count);
        await faultyState.AssertCompleteAsync(plan, plan.Waves.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FIGURES faults: seed {settings.Seed}, {plan.All.Count()} uploads from {plan.Waves[0].Count} mandataires, {faults.Requests} storage calls, {faults.Injected} faults injected ({share:P1}: {kinds}), {failedAttempts} upload attempts failed and were redelivered ({recorded} of them left a Submissions row with their cause; the others failed at the first request, before the upload had an id, or while recording), {rounds} passes, {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s; totals identical to the fault-free run, nothing lost, nothing counted twice"));
    }

    // A failed attempt leaves a trace: a failed row with its cause, or the cause added to the row of an outcome.
    private static async Task<int> CountRecordedAsync(PipelineState state, IReadOnlyList<IngestionFailure> failures)
    {
        if (failures.Count == 0) return 0;
        var rows = await state.SubmissionsAsync();
        return failures.Count(f => rows.Any(r =>
            r.SourceBlob == $"uploads/{f.BlobName}" && r.FailureReason is { Length: > 0 }));
    }

    private static string Cause(Exception e) => e is AggregateException a
        ? $"{e.GetType().Name}({string.Join(", ", a.InnerExceptions.Select(i => i.GetType().Name).Distinct())})"
        : $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";

    private static bool StoragePipelinesIsTransient(Exception e) =>
        Resilience.StoragePipelines.IsTransient(e) || e is OperationCanceledException;
}
