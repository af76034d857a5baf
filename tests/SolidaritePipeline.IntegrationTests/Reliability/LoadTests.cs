using System.Diagnostics;
using System.Globalization;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Storage;
using Xunit.Abstractions;

namespace SolidaritePipeline.IntegrationTests.Reliability;

public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_mandataire_resubmitting_several_times_at_once_processed_in_parallel_keeps_its_newest_upload_with_exact_totals()
    {
        var settings = ReliabilitySettings.FromEnvironment();
        var plan = new UploadWaves(settings.LoadVersions, settings.Seed);
        await using var azurite = await Azurite.StartAsync();
        var counter = new StorageCallCounter(azurite.BlobPort);
        // The production pipeline (production retries and pauses), with every storage call counted.
        var services = TestPipeline.On(StorageClients.FromConnectionString(azurite.ConnectionString, null, counter));
        await services.Storage.EnsureCreatedAsync();
        var state = new PipelineState(azurite.ConnectionString);
        for (var wave = 0; wave < plan.Waves.Count; wave++)
            await plan.UploadAsync([state.Uploads], wave);

        // First one accepted and one rejected upload alone: what an upload costs when nothing competes.
        var accepted = plan.Waves[0].First(u => u.File.ShouldBeAccepted);
        var rejected = plan.Waves[0].First(u => !u.File.ShouldBeAccepted);
        counter.Reset();
        Assert.Equal(IngestionResult.Accepted, (await services.Processor.ProcessAsync(accepted.BlobName, default)).Result);
        var acceptedAlone = counter.ByKind;
        counter.Reset();
        Assert.Equal(IngestionResult.Rejected, (await services.Processor.ProcessAsync(rejected.BlobName, default)).Result);
        var rejectedAlone = counter.ByKind;

        // Then every other upload, every version of every mandataire, all at once.
        counter.Reset();
        var clock = Stopwatch.StartNew();
        var (outcomes, failures) = await services.Pending.ProcessAllAsync(settings.Parallelism, null, null, default);
        clock.Stop();
        var underLoad = counter.ByKind;
        // An upload that failed stays in uploads, recorded failed; the host would redeliver it, and so does the test.
        var redelivered = failures.Select(f => f.BlobName).ToList();
        foreach (var failure in failures)
            output.WriteLine($"  failed under load, then redelivered: {failure.BlobName}: {failure.Error.GetType().Name}: {failure.Error.Message.Split('\n')[0]}");
        var (retried, stillFailing) = await services.Pending.ProcessAllAsync(1, null, null, default);

        var uploads = plan.All.Count();
        var perUpload = (double)underLoad.Values.Sum() / (outcomes.Count + failures.Count);
        Assert.Empty(stillFailing);
        Assert.Equal(redelivered.Order(StringComparer.Ordinal), retried.Select(o => o.BlobName).Order(StringComparer.Ordinal));
        Assert.Equal(uploads - 2, outcomes.Count + retried.Count);
        await state.AssertCompleteAsync(plan, plan.Waves.Count);
        // A generous bound: contention may cost a few re-reads, never a retry storm.
        Assert.True(perUpload < 3 * acceptedAlone.Values.Sum(), $"{perUpload:0.0} storage transactions per upload under load");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FIGURES load: seed {settings.Seed}, {uploads} uploads ({settings.LoadVersions} versions of {plan.Waves[0].Count} mandataires' files), {outcomes.Count + failures.Count} processed {settings.Parallelism} at once in {clock.Elapsed.TotalSeconds:0.0} s ({(outcomes.Count + failures.Count) / clock.Elapsed.TotalSeconds:0.0} uploads/s), {failures.Count} failed and were redelivered; storage transactions per upload: {acceptedAlone.Values.Sum()} for an accepted upload alone, {rejectedAlone.Values.Sum()} for a rejected one, {perUpload:0.0} on average under load"));
        foreach (var (name, calls) in new[] { ("accepted alone", acceptedAlone), ("rejected alone", rejectedAlone), ("under load, all uploads", underLoad) })
            output.WriteLine($"  {name}: " + string.Join(", ", calls.Select(c => $"{c.Key} ×{c.Value}")));
    }
}
