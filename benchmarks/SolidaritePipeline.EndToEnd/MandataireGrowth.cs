using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Compare;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.IntegrationTests.Reliability;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.EndToEnd;

/// <summary>
/// How publishing and reconciling grow with mandataires: for each count, a fresh Azurite, a catalog of
/// that many mandataires (the shipped ones first, then synthetic ones spread over the regions), one
/// accepted submission of <c>projects</c> projects per mandataire, ingested two at a time; then the
/// snapshot published and the totals reconciled <c>repeat</c> times each, timed and counted.
/// </summary>
public static class MandataireGrowth
{
    public static async Task<int> RunAsync(IReadOnlyList<int> counts, int projects, int repeat, string folder, TextWriter output)
    {
        var lines = new List<string>();
        foreach (var count in counts)
        {
            await using var azurite = await Azurite.StartAsync();
            var counter = new StorageCallCounter(azurite.BlobPort);
            var catalog = Catalog(count);
            var services = Pipeline.On(
                StorageClients.FromConnectionString(azurite.ConnectionString, null, counter), new ValidationOptions { MaxRows = 0, MaxBytes = 0 }, catalog);
            await services.Storage.EnsureCreatedAsync();
            var uploads = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.UploadsContainer);

            var path = Path.Combine(folder, "mandataire.csv");
            var clock = Stopwatch.StartNew();
            foreach (var (m, i) in catalog.Mandataires.Select((m, i) => (m, i)))
            {
                SubmissionCsv.Write(path, projects, seed: i, m.RegionCode, string.Create(CultureInfo.InvariantCulture, $"P{i:000}-"));
                await uploads.GetBlobClient($"{m.Code}/rapport.csv").UploadAsync(path, overwrite: true);
            }

            File.Delete(path);
            var uploaded = clock.Elapsed.TotalSeconds;
            counter.Reset();
            clock.Restart();
            var (outcomes, failures) = await services.Pending.ProcessAllAsync(2, null, null, default);
            var ingested = clock.Elapsed.TotalSeconds;
            if (failures.Count > 0 || outcomes.Any(o => o.Result != IngestionResult.Accepted) || outcomes.Count != count)
                throw new InvalidOperationException($"{count} mandataires: {outcomes.Count(o => o.Result == IngestionResult.Accepted)} accepted, {failures.Count} failed.");
            var ingestCalls = counter.Blob + counter.Table;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{count} mandataires: uploaded in {uploaded:F1} s, ingested in {ingested:F1} s ({ingestCalls / (double)count:F1} storage transactions per submission)"));

            var publish = new List<double>();
            string publishCalls = "";
            long publishTotal = 0;
            for (var run = 0; run < repeat; run++)
            {
                counter.Reset();
                clock.Restart();
                await services.Publisher.PublishAsync(new DateOnly(2026, 11, 30), default);
                publish.Add(clock.Elapsed.TotalSeconds);
                (publishCalls, publishTotal) = (counter.Describe(), counter.Blob + counter.Table);
            }

            var reconcile = new List<double>();
            string reconcileCalls = "";
            long reconcileTotal = 0;
            for (var run = 0; run < repeat; run++)
            {
                counter.Reset();
                clock.Restart();
                var result = await services.Reconciler.ReconcileAsync(default);
                reconcile.Add(clock.Elapsed.TotalSeconds);
                if (result.Changes.Count > 0 || result.Problems.Count > 0)
                    throw new InvalidOperationException($"Reconcile found {result.Changes.Count} change(s) and {result.Problems.Count} problem(s) in totals ingestion just wrote.");
                (reconcileCalls, reconcileTotal) = (counter.Describe(), counter.Blob + counter.Table);
            }

            await output.WriteLineAsync($"  publish runs {Figures.Seconds(publish)} s: {publishCalls}");
            await output.WriteLineAsync($"  reconcile runs {Figures.Seconds(reconcile)} s: {reconcileCalls}");
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {count * projects:N0} | {ingested:F1} s | {Figures.Median(publish):F2} s | {publishTotal} | {Figures.Median(reconcile):F2} s | {reconcileTotal} |"));
        }

        Console.WriteLine($"One submission of {projects} projects per mandataire; publish and reconcile: median of {repeat} run(s), storage transactions of one run.");
        Console.WriteLine("| Mandataires | Projects | Ingest all (2 at a time) | Publish | Publish transactions | Reconcile | Reconcile transactions |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in lines) Console.WriteLine(line);
        return 0;
    }

    /// <summary>The shipped mandataires, then synthetic ones (<c>synth-022</c>…) spread over the regions in turn.</summary>
    public static ReferenceCatalog Catalog(int count)
    {
        var shipped = ReferenceCatalog.Default;
        var regions = shipped.Regions;
        var synthetic = Enumerable.Range(shipped.Mandataires.Count, Math.Max(0, count - shipped.Mandataires.Count))
            .Select(i => new Mandataire(string.Create(CultureInfo.InvariantCulture, $"synth-{i:000}"), regions[i % regions.Count].Code, $"Territoire {i}"));
        return new ReferenceCatalog(regions, shipped.Mandataires.Take(count).Concat(synthetic));
    }
}
