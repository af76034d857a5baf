using Azure.Storage.Blobs;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>Totals computed in the test, independently of the pipeline's aggregation code.</summary>
public sealed record ExpectedTotals(int Mandataires, int Projects, int Cancelled, long FqisCents, long OtherCents, long People)
{
    public static ExpectedTotals Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public static ExpectedTotals operator +(ExpectedTotals a, ExpectedTotals b) => new(
        a.Mandataires + b.Mandataires, a.Projects + b.Projects, a.Cancelled + b.Cancelled,
        a.FqisCents + b.FqisCents, a.OtherCents + b.OtherCents, a.People + b.People);
}

/// <summary>One file of a wave, under the name it is uploaded as.</summary>
public sealed record WaveUpload(int Wave, string BlobName, SyntheticFile File);

/// <summary>
/// Several versions of the demo's synthetic submissions for all 21 mandataires, as waves of uploads:
/// version 1 round 1, version 1 round 2, version 2 round 1, … Each wave is uploaded at once, on a
/// later second than the one before (the blob clock counts seconds), so "the newest upload wins" has
/// one answer, computed here from the generator's projects with plain decimal sums.
/// </summary>
public sealed class UploadWaves
{
    private readonly ReferenceCatalog _catalog = ReferenceCatalog.Default;
    private DateTimeOffset? _lastUpload;

    public UploadWaves(int versions, int seed)
    {
        var waves = new List<IReadOnlyList<WaveUpload>>();
        for (var v = 1; v <= versions; v++)
        {
            var synthetic = SyntheticSubmissions.Generate(_catalog, seed + v);
            foreach (var round in new[] { 1, 2 })
            {
                var wave = waves.Count;
                waves.Add(synthetic.Round(round)
                    .Select(f => new WaveUpload(wave, $"{f.Mandataire}/v{v:D2}-{f.FileName}", f))
                    .ToArray());
            }
        }

        Waves = waves;
    }

    public IReadOnlyList<IReadOnlyList<WaveUpload>> Waves { get; }

    public IEnumerable<WaveUpload> All => Waves.SelectMany(w => w);

    /// <summary>For each mandataire, its newest accepted upload among the first <paramref name="waves"/> waves.</summary>
    public IReadOnlyDictionary<string, WaveUpload> Current(int waves) =>
        Waves.Take(waves).SelectMany(w => w).Where(u => u.File.ShouldBeAccepted)
            .GroupBy(u => u.File.Mandataire, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>The measures of one file, summed here in decimal dollars, then turned to cents.</summary>
    public static ExpectedTotals TotalsOf(SyntheticFile file)
    {
        var live = file.Projects.Where(p => !p.IsCancelled).ToList();
        return new ExpectedTotals(
            1,
            live.Count,
            file.Projects.Count - live.Count,
            (long)(live.Sum(p => p.MontantFqis) * 100m),
            (long)(live.Sum(p => p.MontantAutresSources) * 100m),
            live.Sum(p => (long)p.PersonnesRejointes));
    }

    /// <summary>The 17 regional rows the pipeline must hold once the first <paramref name="waves"/> waves are processed.</summary>
    public IReadOnlyDictionary<string, ExpectedTotals> ExpectedRegions(int waves)
    {
        var current = Current(waves);
        return _catalog.Regions.ToDictionary(
            r => r.Code,
            r => current.Values.Where(u => _catalog.FindMandataire(u.File.Mandataire)!.RegionCode == r.Code)
                .Select(u => TotalsOf(u.File))
                .Aggregate(ExpectedTotals.Zero, (a, b) => a + b),
            StringComparer.Ordinal);
    }

    /// <summary>Asserts every regional row against <see cref="ExpectedRegions"/>, to the cent.</summary>
    public void AssertRegions(IEnumerable<RegionalTotal> actual, int waves)
    {
        var expected = ExpectedRegions(waves);
        var rows = actual.ToDictionary(r => r.RegionCode, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, want) in expected)
        {
            var row = rows[code];
            var got = new ExpectedTotals(row.MandataireCount, row.Totals.ProjectCount, row.Totals.CancelledProjectCount,
                row.Totals.FqisAmountCents, row.Totals.OtherAmountCents, row.Totals.PeopleReached);
            Assert.True(want == got, $"region {code}: expected {want}, found {got}");
        }
    }

    /// <summary>Uploads one wave to each container, all its files at once, on a later second than the previous wave.</summary>
    public async Task UploadAsync(IReadOnlyList<BlobContainerClient> uploads, int wave, CancellationToken cancellationToken = default)
    {
        if (_lastUpload is { } previous)
        {
            var wait = previous.AddSeconds(1).AddMilliseconds(50) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        }

        var stamps = await Task.WhenAll(uploads.SelectMany(container => Waves[wave].Select(async u =>
            (await container.GetBlobClient(u.BlobName).UploadAsync(BinaryData.FromBytes(u.File.Content), overwrite: true, cancellationToken)).Value.LastModified)));
        // LastModified is truncated to the second: the next wave must start after this one's second ends.
        var latest = stamps.Max().ToUniversalTime();
        _lastUpload = new DateTimeOffset(latest.Year, latest.Month, latest.Day, latest.Hour, latest.Minute, latest.Second, TimeSpan.Zero);
    }
}
