using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Compare;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.IntegrationTests.Reliability;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.EndToEnd;

/// <summary>
/// Upload-to-totals on Azurite: for each size, a valid submission of the <c>estrie</c> mandataire is
/// uploaded to <c>uploads/estrie/</c> (the mandataire's own client, not counted), ingested by
/// <see cref="SubmissionProcessor.ProcessAsync(string, CancellationToken)"/> (the call the blob trigger
/// makes) with every storage request of the pipeline counted, and its region's totals read back and
/// checked. Each run is a new upload (a resubmission), so each replaces the totals of the one before.
/// </summary>
public static class IngestLatency
{
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, int repeat, string folder, TextWriter output)
    {
        await using var azurite = await Azurite.StartAsync();
        var counter = new StorageCallCounter(azurite.BlobPort);
        // Production retries and pauses; the file limits off, as for the comparison harness.
        var services = Pipeline.On(
            StorageClients.FromConnectionString(azurite.ConnectionString, null, counter), new ValidationOptions { MaxRows = 0, MaxBytes = 0 });
        await services.Storage.EnsureCreatedAsync();
        var mandataire = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.UploadsContainer);
        var region = services.Catalog.FindMandataire(SubmissionCsv.Mandataire)!.RegionCode;

        var lines = new List<string>();
        foreach (var rows in sizes)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"ingest-{rows}.csv"));
            SubmissionCsv.Write(path, rows, seed: 11);
            var bytes = new FileInfo(path).Length;
            var upload = new List<double>();
            var ingest = new List<double>();
            var total = new List<double>();
            string? transactions = null;
            long blobCalls = 0, tableCalls = 0, normalizedBytes = 0;
            for (var run = 0; run < repeat; run++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{SubmissionCsv.Mandataire}/rapport-{rows}-{run}.csv");
                var clock = Stopwatch.StartNew();
                await mandataire.GetBlobClient(name).UploadAsync(path, overwrite: true);
                var uploaded = clock.Elapsed.TotalSeconds;
                counter.Reset();
                var outcome = await services.Processor.ProcessAsync(name, default);
                var done = clock.Elapsed.TotalSeconds;
                var calls = counter.ByKind;
                (blobCalls, tableCalls, transactions) = (counter.Blob, counter.Table, counter.Describe());

                if (outcome.Result != IngestionResult.Accepted)
                    throw new InvalidOperationException($"{name} was {outcome.Result} with {outcome.ErrorCount} error(s).");
                var totals = (await services.Totals.ReadRegionsAsync(SubmissionCsv.Exercice, default)).Single(r => r.RegionCode == region).Totals;
                if (totals.ProjectCount + totals.CancelledProjectCount != rows)
                    throw new InvalidOperationException($"Region {region} holds {totals.ProjectCount + totals.CancelledProjectCount} projects after {name}, not {rows}.");
                var record = await services.Ledger.FindAsync(SubmissionCsv.Mandataire, outcome.SubmissionId!, default);
                normalizedBytes = (await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.NormalizedContainer)
                    .GetBlobClient(record!.NormalizedBlob).GetPropertiesAsync()).Value.ContentLength;

                upload.Add(uploaded);
                ingest.Add(done - uploaded);
                total.Add(done);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{rows:N0} projects, run {run + 1}: upload {uploaded:F2} s, ingest {done - uploaded:F2} s; {calls.Values.Sum()} storage transactions: {transactions}"));
            }

            File.Delete(path);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {bytes / 1e6:F1} MB | {Figures.Median(upload):F2} s | {Figures.Median(ingest):F2} s | {Figures.Median(total):F2} s | {rows / Figures.Median(ingest):N0} | {blobCalls} | {tableCalls} | {normalizedBytes / 1e6:F1} MB | {Figures.PeakResident()} |"));
            await output.WriteLineAsync($"  runs: upload {Figures.Seconds(upload)} s; ingest {Figures.Seconds(ingest)} s; per-kind transactions of the last run: {transactions}");
        }

        Console.WriteLine($"Upload to totals on Azurite; median of {repeat} run(s); storage transactions of the pipeline for one submission (the mandataire's upload not counted).");
        Console.WriteLine("| Projects | File | Upload | Ingest | Upload to totals | Projects/s (ingest) | Blob transactions | Table transactions | Normalised blob | Peak memory (so far) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in lines) Console.WriteLine(line);
        return 0;
    }
}
