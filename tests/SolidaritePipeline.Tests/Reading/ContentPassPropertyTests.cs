using System.Text;
using CsCheck;
using nietras.SeparatedValues;
using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>
/// The one pass over a submission's bytes learns what a decoder or a reading of the whole file would,
/// however the bytes arrive: UTF-8 validity as a strict decoder judges it, and where CSV records start.
/// </summary>
public sealed class ContentPassPropertyTests
{
    // Bytes near the edges of UTF-8: ASCII, continuation bytes, every kind of lead, overlong and surrogate forms, and what cannot appear.
    private static readonly Gen<byte> Utf8ishByte = Gen.OneOf(
        Gen.Byte[0x20, 0x7E], Gen.Byte[0x80, 0xBF], Gen.Byte[0xC0, 0xDF], Gen.Byte[0xE0, 0xEF], Gen.Byte[0xF0, 0xFF],
        Gen.OneOf<byte>(0xE0, 0xED, 0xF0, 0xF4, 0xA0, 0x9F, 0x90, 0x8F));

    // Mostly valid text with a few hostile bytes spliced in, so that both verdicts come up often.
    private static readonly Gen<byte[]> Utf8ishBytes = Gen.Select(
        Gen.OneOf("a", "xyz", "é", "€", "😀", "\n").Array[0, 30].Select(string.Concat),
        Gen.Select(Gen.Int[0, 200], Utf8ishByte.Array[0, 4]).Array[0, 3],
        (text, splices) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            foreach (var (at, inserted) in splices) bytes.InsertRange(Math.Min(at, bytes.Count), inserted);
            return bytes.ToArray();
        });

    private static readonly Gen<int[]> Splits = Gen.Int[1, 9].Array[0, 40];

    [Fact]
    public void Utf8_validity_read_in_pieces_is_the_strict_decoders_verdict_on_the_whole()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Gen.Select(Utf8ishBytes, Splits).Sample((bytes, splits) =>
        {
            bool decodes;
            try
            {
                strict.GetCharCount(bytes);
                decodes = true;
            }
            catch (DecoderFallbackException)
            {
                decodes = false;
            }

            var validity = new Utf8Validity();
            foreach (var piece in Pieces(bytes, splits)) validity.Append(piece);
            validity.End();

            Assert.Equal(decodes, validity.IsValid);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 }, false)] // a file ending inside a sequence
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC }, true)] // €
    [InlineData(new byte[] { 0xC0, 0xAF }, false)] // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, false)] // a surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, false)] // past U+10FFFF
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, true)] // a byte order mark
    public void Utf8_validity_split_after_every_byte_judges_the_edges_of_utf8(byte[] bytes, bool valid)
    {
        var validity = new Utf8Validity();
        foreach (var b in bytes) validity.Append([b]);
        validity.End();

        Assert.Equal(valid, validity.IsValid);
    }

    // Records of one to three cells, some quoted around line ends, quotes and separators, ended every way Sep knows.
    private static readonly Gen<string> CsvText = Gen.OneOf(
            Gen.Const("a"), Gen.Const("bé"), Gen.Const(","), Gen.Const("\"x\r\ny,\""), Gen.Const("\"\"\"q\"\"\""), Gen.Const("5\"x\""),
            Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\"\n\r\""), Gen.Const(""))
        .Array[0, 200].Select(string.Concat);

    [Fact]
    public void Record_starts_do_not_depend_on_how_the_bytes_arrive_and_each_starts_after_as_many_records_as_sep_reads_before_it()
    {
        Gen.Select(CsvText, Splits, Gen.Int[1, 64], Gen.Int[1, 12]).Sample((text, splits, every, maxRecords) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var whole = new CsvRecordCuts(every, maxRecords);
            whole.Append(bytes);
            var pieces = new CsvRecordCuts(every, maxRecords);
            foreach (var piece in Pieces(bytes, splits)) pieces.Append(piece);

            Assert.Equal(whole.Cuts, pieces.Cuts);
            foreach (var cut in whole.Cuts)
            {
                Assert.Equal(SepRecords(bytes[..(int)cut.Offset]), cut.RecordsBefore);
            }

            // However short the records, no piece between two cuts, nor after the last, holds more than maxRecords.
            var starts = whole.Cuts.Select(c => c.RecordsBefore).Append(SepRecords(bytes)).ToList();
            for (var i = 1; i < starts.Count; i++) Assert.InRange(starts[i] - starts[i - 1], 0, maxRecords);
        }, iter: 5_000);
    }

    [Fact]
    public void A_file_of_blank_lines_is_cut_every_batch_of_records_not_every_64_kib()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n" + new string('\n', 100_000));
        var cuts = new CsvRecordCuts(64 * 1024);
        foreach (var piece in Pieces(bytes, [4_096, 65_536, 7])) cuts.Append(piece);

        // The header's end, then a cut every 2 048 records: 100 001 records in all.
        Assert.Equal(1 + (100_000 / CsvRecordCuts.MaxRecordsBetweenCuts), cuts.Cuts.Count);
        Assert.All(cuts.Cuts.Skip(1), (cut, i) => Assert.Equal(1 + ((i + 1) * CsvRecordCuts.MaxRecordsBetweenCuts), cut.RecordsBefore));
    }

    public enum Arrival { MemoryBuffer, File, ForwardOnly }

    // Long runs of text, "Á" (0xC3 0x81: an undefined Windows-1252 byte inside valid UTF-8), undefined and
    // Windows-1252 bytes, spread over several of the pass's 64 KiB reads.
    private static readonly Gen<byte[]> Windows1252ishBytes = Gen.Select(
        Gen.Int[0, 200_000],
        Gen.Select(Gen.Int[0, 200_000], Gen.OneOf<byte[]>([0xC3, 0x81], [0xE9], [0x81], [0x9D], [0xC3], [0xE2, 0x82, 0xAC])).Array[0, 4],
        (length, splices) =>
        {
            var bytes = Enumerable.Repeat((byte)'a', length).ToList();
            foreach (var (at, inserted) in splices) bytes.InsertRange(Math.Min(at, bytes.Count), inserted);
            return bytes.ToArray();
        });

    [Fact]
    public async Task Undefined_windows_1252_bytes_are_found_in_content_that_is_not_utf8_however_it_arrives()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        await Gen.Select(Windows1252ishBytes, Gen.Enum<Arrival>()).SampleAsync(async (bytes, arrival) =>
        {
            var path = Path.Combine(Path.GetTempPath(), "pass-" + Path.GetRandomFileName());
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                await using Stream source = arrival switch
                {
                    Arrival.MemoryBuffer => new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true),
                    Arrival.File => new FileStream(path, FileMode.Open, FileAccess.Read),
                    _ => new Validation.Fixture.NonSeekableStream(bytes),
                };
                await using var content = await SubmissionContent.LoadAsync(source, keep: true, maxBytes: 0, CancellationToken.None);

                var decodes = true;
                try
                {
                    strict.GetCharCount(bytes);
                }
                catch (DecoderFallbackException)
                {
                    decodes = false;
                }

                Assert.Equal(decodes, content.IsValidUtf8);
                if (!decodes)
                    Assert.Equal(bytes.Any(b => b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D), content.HasUndefinedWindows1252Byte);
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 300);
    }

    // Records Sep reads in the bytes (each of these prefixes ends where a record ends).
    private static int SepRecords(byte[] bytes)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Sep = new(',') })
            .From(new MemoryStream(bytes));
        var count = 0;
        foreach (var _ in reader) count++;
        return count;
    }

    private static IEnumerable<byte[]> Pieces(byte[] bytes, int[] splits)
    {
        var at = 0;
        foreach (var length in splits)
        {
            if (at >= bytes.Length) break;
            var n = Math.Min(length, bytes.Length - at);
            yield return bytes[at..(at + n)];
            at += n;
        }

        if (at < bytes.Length) yield return bytes[at..];
    }
}
