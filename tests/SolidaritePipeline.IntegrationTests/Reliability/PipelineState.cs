using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>
/// What a pipeline left in its storage, read with clients of its own (no fault, no counting), and
/// the checks every reliability test ends with.
/// </summary>
public sealed class PipelineState(string connectionString)
{
    // Differ between two runs of the same files by nature: times, and ids derived from each blob's ETag.
    private static readonly HashSet<string> RunSpecific = new(StringComparer.Ordinal)
    {
        "odata.etag", "Timestamp", "UpdatedAt", "SubmissionId", "SubmissionUploadedAt", "NormalizedBlob",
    };

    private readonly BlobServiceClient _blobs = new(connectionString);
    private readonly TableServiceClient _tables = new(connectionString);

    public BlobContainerClient Uploads => _blobs.GetBlobContainerClient(StorageNames.UploadsContainer);

    public async Task<IReadOnlyList<string>> BlobNamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var item in _blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, default))
            names.Add(item.Name);
        return names;
    }

    public async Task<IReadOnlyList<SubmissionRecord>> SubmissionsAsync()
    {
        var rows = new List<SubmissionRecord>();
        await foreach (var e in _tables.GetTableClient(StorageNames.SubmissionsTable).QueryAsync<TableEntity>())
            rows.Add(SubmissionsTable.FromEntity(e));
        return rows;
    }

    public async Task<IReadOnlyList<RegionalTotal>> RegionsAsync(string exercice)
    {
        var rows = new List<RegionalTotal>();
        await foreach (var e in _tables.GetTableClient(StorageNames.RegionalTotalsTable).QueryAsync<TableEntity>(e => e.PartitionKey == exercice))
            rows.Add(TotalsEntities.ToRegionalTotal(e));
        return rows;
    }

    /// <summary>
    /// Every row of <c>RegionalTotals</c> and <c>MandataireTotals</c> as text, without what differs
    /// between two runs by nature; a mandataire row names the upload it came from instead of its id.
    /// </summary>
    public async Task<SortedDictionary<string, string>> TotalsRowsAsync()
    {
        var sources = (await SubmissionsAsync()).ToDictionary(s => (s.Mandataire, s.SubmissionId), s => s.SourceBlob);
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in new[] { StorageNames.RegionalTotalsTable, StorageNames.MandataireTotalsTable })
        {
            await foreach (var e in _tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                var text = string.Join("; ", e.Keys.Where(k => !RunSpecific.Contains(k)).Order(StringComparer.Ordinal).Select(k => $"{k}={e[k]}"));
                if (table == StorageNames.MandataireTotalsTable)
                    text += $"; Source={sources.GetValueOrDefault((e.RowKey, e.GetString("SubmissionId") ?? ""), "(no Submissions row)")}";
                rows[$"{table}/{e.PartitionKey}/{e.RowKey}"] = text;
            }
        }

        return rows;
    }

    /// <summary>
    /// Nothing lost, nothing unexplained, nothing counted twice: every upload of the first
    /// <paramref name="waves"/> waves left <c>uploads</c> and has exactly one <c>Submissions</c> row,
    /// with the verdict its file deserves, its stored original and its report; there is no other row;
    /// each mandataire's current row is its newest accepted upload; the 17 regional rows equal the
    /// sums computed in the test.
    /// </summary>
    public async Task AssertCompleteAsync(UploadWaves plan, int waves)
    {
        Assert.Empty(await BlobNamesAsync(StorageNames.UploadsContainer));

        var uploads = plan.Waves.Take(waves).SelectMany(w => w).ToList();
        var records = await SubmissionsAsync();
        var bySource = records.GroupBy(r => r.SourceBlob, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(uploads.Select(u => $"uploads/{u.BlobName}").Order(StringComparer.Ordinal), bySource.Keys.Order(StringComparer.Ordinal));
        var stored = (await BlobNamesAsync(StorageNames.ArchiveContainer)).Select(n => $"{StorageNames.ArchiveContainer}/{n}")
            .Concat((await BlobNamesAsync(StorageNames.RejectedContainer)).Select(n => $"{StorageNames.RejectedContainer}/{n}"))
            .ToHashSet(StringComparer.Ordinal);
        var reports = (await BlobNamesAsync(StorageNames.ReportsContainer)).Select(n => $"{StorageNames.ReportsContainer}/{n}").ToHashSet(StringComparer.Ordinal);
        foreach (var upload in uploads)
        {
            var record = Assert.Single(bySource[$"uploads/{upload.BlobName}"]);
            Assert.Equal(upload.File.ShouldBeAccepted ? LedgerStatus.Accepted : LedgerStatus.Rejected, record.Status);
            Assert.Contains(record.StoredBlob!, stored);
            Assert.Contains(record.ReportBlob!, reports);
        }

        var current = plan.Current(waves);
        var ids = records.ToDictionary(r => r.SubmissionId, r => r.SourceBlob, StringComparer.Ordinal);
        var mandataireRows = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in _tables.GetTableClient(StorageNames.MandataireTotalsTable).QueryAsync<TableEntity>())
            mandataireRows[e.RowKey] = ids.GetValueOrDefault(e.GetString("SubmissionId") ?? "", "(no Submissions row)");
        Assert.Equal(current.ToDictionary(c => c.Key, c => $"uploads/{c.Value.BlobName}", StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal),
            mandataireRows.OrderBy(p => p.Key, StringComparer.Ordinal));

        plan.AssertRegions(await RegionsAsync(Tools.Demo.SyntheticSubmissions.Exercice), waves);
        Assert.Equal(ReferenceCatalog.Default.Mandataires.Count, plan.Waves[0].Count);
    }
}
