using System.Text;
using CsCheck;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Whatever bytes arrive, the validator answers with a coherent report and never throws: random
/// bytes, and valid fixtures cut, duplicated, swapped or with cells changed.
/// </summary>
public sealed class RobustnessPropertyTests
{
    private static readonly HashSet<string> KnownCodes = typeof(IssueCodes).GetFields()
        .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    // Fragments that trip parsers: quotes, separators, line ends, ambiguous money, JSON structure, bytes of other encodings.
    private static readonly byte[][] Fragments =
    [
        .. new[] { "\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r", "1,500", "12 500,50 $", "-1", "99999999999999999999999999999",
                   "{", "}", "[", "]", ":", "null", "true", "1e999", "\\u0000", "\\", "2022-2024", "31/02/2023", "P-001", "06" }
            .Select(Encoding.UTF8.GetBytes),
        [0xE9], [0xC3], [0xA0], [0x00], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0x81], [0xE2, 0x80, 0xAF],
    ];

    private static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Int[1, 4].SelectMany(count => Gen.Select(Mutation(valid.Length * 2 + 16).Array[count], Gen.Const(valid)))
            .Select((mutations, original) => mutations.Aggregate(original, (bytes, mutate) => mutate(bytes)));

    private static Gen<Func<byte[], byte[]>> Mutation(int span) => Gen.OneOf(
        // Cut the file short.
        Gen.Int[0, span].Select<int, Func<byte[], byte[]>>(at => b => b[..Math.Min(at, b.Length)]),
        // Duplicate a slice somewhere else.
        Gen.Select(Gen.Int[0, span], Gen.Int[0, 64], Gen.Int[0, span]).Select<(int, int, int), Func<byte[], byte[]>>(p => b =>
        {
            if (b.Length == 0) return b;
            var from = p.Item1 % b.Length;
            var slice = b.AsSpan(from, Math.Min(p.Item2, b.Length - from)).ToArray();
            var at = p.Item3 % (b.Length + 1);
            return [.. b[..at], .. slice, .. b[at..]];
        }),
        // Swap two bytes.
        Gen.Select(Gen.Int[0, span], Gen.Int[0, span]).Select<(int, int), Func<byte[], byte[]>>(p => b =>
        {
            if (b.Length == 0) return b;
            var copy = (byte[])b.Clone();
            (copy[p.Item1 % b.Length], copy[p.Item2 % b.Length]) = (copy[p.Item2 % b.Length], copy[p.Item1 % b.Length]);
            return copy;
        }),
        // Change a cell: replace a few bytes with a troublesome fragment.
        Gen.Select(Gen.Int[0, span], Gen.Int[0, 8], Gen.Int[0, Fragments.Length - 1]).Select<(int, int, int), Func<byte[], byte[]>>(p => b =>
        {
            var at = b.Length == 0 ? 0 : p.Item1 % b.Length;
            var end = Math.Min(b.Length, at + p.Item2);
            return [.. b[..at], .. Fragments[p.Item3], .. b[end..]];
        }),
        // Set one byte to anything.
        Gen.Select(Gen.Int[0, span], Gen.Byte).Select<(int, byte), Func<byte[], byte[]>>(p => b =>
        {
            if (b.Length == 0) return b;
            var copy = (byte[])b.Clone();
            copy[p.Item1 % b.Length] = p.Item2;
            return copy;
        }));

    private static async Task AssertCoherentReportAsync(byte[] bytes, string fileName, bool everyFailureForeseen = true)
    {
        var projects = new List<Project>();
        var validator = new SubmissionValidator(ReferenceCatalog.Default, new ValidationOptions { MaxBytes = 1_000_000, MaxRows = 500 });
        var file = new SubmissionFile("estrie", "uploads/estrie/" + fileName, fileName, "p", Fixture.ReceivedAt);

        var report = await validator.ValidateAsync(new MemoryStream(bytes), file, projects.Add);

        Assert.Equal(report.ErrorCount == 0, report.IsAccepted);
        Assert.All(report.Errors.Concat(report.Warnings), issue =>
        {
            Assert.Contains(issue.Code, KnownCodes);
            Assert.True(issue.Row is null or >= 1, $"row {issue.Row}");
            Assert.False(string.IsNullOrWhiteSpace(issue.Message.Fr));
            Assert.False(string.IsNullOrWhiteSpace(issue.Message.En));
            // The catch-all for exceptions no reader foresaw would mean a bug, not a bad file.
            if (everyFailureForeseen) Assert.DoesNotContain("could not be read (", issue.Message.En);
        });
        Assert.InRange(projects.Count, 0, report.RowCount);
        if (report.IsAccepted) Assert.Equal(report.RowCount, projects.Count);
        Assert.NotEmpty(ReportJson.Serialize(report));
        Assert.NotEmpty(ReportHtml.Render(report));
    }

    [Theory]
    [InlineData("rapport.csv")]
    [InlineData("rapport.json")]
    [InlineData("rapport.xlsx")]
    public async Task Random_bytes_always_give_a_report(string fileName)
    {
        await Gen.Byte.Array[0, 2048].SampleAsync(bytes => AssertCoherentReportAsync(bytes, fileName, everyFailureForeseen: !fileName.EndsWith(".xlsx")), iter: 200);
    }

    [Theory]
    [InlineData("accepted/utf8-comma.csv")]
    [InlineData("accepted/windows1252-semicolon.csv")]
    [InlineData("accepted/quoted-newlines.csv")]
    [InlineData("accepted/envelope.json")]
    [InlineData("accepted/array.json")]
    public async Task Mutations_of_a_valid_file_always_give_a_report(string fixture)
    {
        var valid = Fixture.Bytes(fixture);
        var fileName = Path.GetFileName(fixture);

        await Mutated(valid).SampleAsync(bytes => AssertCoherentReportAsync(bytes, fileName), iter: 250);
    }

    [Fact]
    public async Task Mutations_of_a_workbook_always_give_a_report()
    {
        var workbook = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "xlsx", "rapport-types.xlsx"));

        // The OpenXml SDK still throws InvalidOperationException for a relationship to a missing part;
        // the validator's safety net turns it into format-error, so only coherence is asserted here.
        await Mutated(workbook).SampleAsync(bytes => AssertCoherentReportAsync(bytes, "rapport.xlsx", everyFailureForeseen: false), iter: 150);
    }
}
