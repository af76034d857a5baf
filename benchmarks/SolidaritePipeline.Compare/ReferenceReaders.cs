using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExcelDataReader;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace SolidaritePipeline.Compare;

/// <summary>
/// What a reference reader does with each project, whatever the library: the same measures as DuckDB's
/// query (projects and cancelled projects counted, money and people summed over the projects not
/// cancelled, by region), the project numbers checked distinct and the dates ordered (two of our rules),
/// and every text cell touched. Money is summed in exact cents.
/// </summary>
internal sealed class ReferenceTotals
{
    private readonly Dictionary<string, long[]> _regions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
    private long _textChars;

    public void Add(string region, string number, string status, decimal fqis, decimal? other, DateTime start, DateTime end, int people, long textChars)
    {
        if (!_numbers.Add(number)) throw new InvalidOperationException($"Project number {number} twice.");
        if (end < start) throw new InvalidOperationException($"Project {number} ends before it starts.");
        _textChars += textChars;
        if (!_regions.TryGetValue(region, out var sums)) _regions[region] = sums = new long[5];
        if (status == "annule")
        {
            sums[1]++;
            return;
        }

        sums[0]++;
        sums[2] += Cents(fqis);
        sums[3] += other is { } o ? Cents(o) : 0;
        sums[4] += people;
    }

    public IReadOnlyList<RegionTotals> ToList() =>
        _textChars < 0 ? [] : [.. _regions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RegionTotals(r.Key, r.Value[0], r.Value[1], r.Value[2], r.Value[3], r.Value[4]))];

    // A spreadsheet's number is a double: 12345.67 comes back as the nearest double, rounded to the cent here.
    private static long Cents(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
}

/// <summary>
/// MiniExcel 1.46 (streaming, SAX over the sheet XML): <c>Query&lt;T&gt;</c> maps each row by header name
/// onto a typed object (decimal, DateTime, int), as an application using it would.
/// </summary>
public sealed class MiniExcelEngine : IEngine
{
    public string Name => "MiniExcel 1.46 (Query<T>)";

    public Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken)
    {
        var totals = new ReferenceTotals();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var p in stream.Query<SpreadsheetProject>(excelType: ExcelType.XLSX))
        {
            totals.Add(p.Region, p.Number, p.Status, p.Fqis, p.Other, p.Start, p.End, p.People, p.TextChars);
        }

        return Task.FromResult(totals.ToList());
    }
}

/// <summary>
/// ExcelDataReader 3.6 (streaming <see cref="IDataReader"/>): every cell read with <c>GetValue</c>
/// (double, DateTime or string, as the sheet types it), then converted to our schema's types.
/// </summary>
public sealed class ExcelDataReaderEngine : IEngine
{
    static ExcelDataReaderEngine() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public string Name => "ExcelDataReader 3.6";

    public Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken)
    {
        var totals = new ReferenceTotals();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var values = new object[16];
        reader.Read(); // the header
        while (reader.Read())
        {
            for (var c = 0; c < values.Length; c++) values[c] = reader.GetValue(c);
            var text = 0L;
            foreach (var c in (int[])[0, 2, 3, 4, 6, 7, 8, 15]) text += values[c] is string s ? s.Length : 0;
            totals.Add(
                (string)values[5], (string)values[1], (string)values[14],
                System.Convert.ToDecimal((double)values[9], CultureInfo.InvariantCulture),
                values[10] is double other ? System.Convert.ToDecimal(other, CultureInfo.InvariantCulture) : null,
                (DateTime)values[11], (DateTime)values[12], (int)(double)values[13], text);
        }

        return Task.FromResult(totals.ToList());
    }
}

/// <summary>
/// System.Text.Json's serializer, streaming the array (<c>DeserializeAsyncEnumerable</c>) into typed
/// objects (decimal, DateOnly, int): what a .NET service reading this JSON would write.
/// </summary>
public sealed class JsonSerializerEngine : IEngine
{
    public string Name => "System.Text.Json (JsonSerializer)";

    public async Task<IReadOnlyList<RegionTotals>> RunAsync(string path, CancellationToken cancellationToken)
    {
        var totals = new ReferenceTotals();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await foreach (var p in JsonSerializer.DeserializeAsyncEnumerable(stream, JsonProjects.Default.JsonProject, cancellationToken))
        {
            if (p is null) throw new InvalidOperationException("A null project.");
            totals.Add(p.Region, p.Number, p.Status, p.Fqis, p.Other, p.Start.ToDateTime(TimeOnly.MinValue), p.End.ToDateTime(TimeOnly.MinValue), p.People, p.TextChars);
        }

        return totals.ToList();
    }
}

/// <summary>One project of the workbook, as MiniExcel maps it by header name.</summary>
public sealed class SpreadsheetProject
{
    [ExcelColumnName("exercice")] public string Exercice { get; set; } = "";
    [ExcelColumnName("no_projet")] public string Number { get; set; } = "";
    [ExcelColumnName("titre_projet")] public string Title { get; set; } = "";
    [ExcelColumnName("organisme_promoteur")] public string Organisme { get; set; } = "";
    [ExcelColumnName("neq")] public string? Neq { get; set; }
    [ExcelColumnName("region_code")] public string Region { get; set; } = "";
    [ExcelColumnName("municipalite")] public string? Municipalite { get; set; }
    [ExcelColumnName("axe_intervention")] public string Axe { get; set; } = "";
    [ExcelColumnName("clientele_cible")] public string Clientele { get; set; } = "";
    [ExcelColumnName("montant_fqis")] public decimal Fqis { get; set; }
    [ExcelColumnName("montant_autres_sources")] public decimal? Other { get; set; }
    [ExcelColumnName("date_debut")] public DateTime Start { get; set; }
    [ExcelColumnName("date_fin")] public DateTime End { get; set; }
    [ExcelColumnName("personnes_rejointes")] public int People { get; set; }
    [ExcelColumnName("statut")] public string Status { get; set; } = "";
    [ExcelColumnName("courriel_contact")] public string? Courriel { get; set; }

    public long TextChars => Exercice.Length + Title.Length + Organisme.Length + (Neq?.Length ?? 0) + (Municipalite?.Length ?? 0)
        + Axe.Length + Clientele.Length + (Courriel?.Length ?? 0);
}

/// <summary>One project of the JSON array, by the schema's field names.</summary>
public sealed class JsonProject
{
    [JsonPropertyName("exercice")] public string Exercice { get; set; } = "";
    [JsonPropertyName("no_projet")] public string Number { get; set; } = "";
    [JsonPropertyName("titre_projet")] public string Title { get; set; } = "";
    [JsonPropertyName("organisme_promoteur")] public string Organisme { get; set; } = "";
    [JsonPropertyName("neq")] public string? Neq { get; set; }
    [JsonPropertyName("region_code")] public string Region { get; set; } = "";
    [JsonPropertyName("municipalite")] public string? Municipalite { get; set; }
    [JsonPropertyName("axe_intervention")] public string Axe { get; set; } = "";
    [JsonPropertyName("clientele_cible")] public string Clientele { get; set; } = "";
    [JsonPropertyName("montant_fqis")] public decimal Fqis { get; set; }
    [JsonPropertyName("montant_autres_sources")] public decimal? Other { get; set; }
    [JsonPropertyName("date_debut")] public DateOnly Start { get; set; }
    [JsonPropertyName("date_fin")] public DateOnly End { get; set; }
    [JsonPropertyName("personnes_rejointes")] public int People { get; set; }
    [JsonPropertyName("statut")] public string Status { get; set; } = "";
    [JsonPropertyName("courriel_contact")] public string? Courriel { get; set; }

    [JsonIgnore]
    public long TextChars => Exercice.Length + Title.Length + Organisme.Length + (Neq?.Length ?? 0) + (Municipalite?.Length ?? 0)
        + Axe.Length + Clientele.Length + (Courriel?.Length ?? 0);
}

/// <summary>Source-generated metadata, the fastest way System.Text.Json offers.</summary>
[JsonSerializable(typeof(JsonProject))]
internal sealed partial class JsonProjects : JsonSerializerContext;
