using System.Text;
using CsCheck;
using nietras.SeparatedValues;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Tests.Validation;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>
/// A thread reads piece after piece of a file through one <see cref="PieceText"/>: each piece must
/// read as a <see cref="StreamReader"/> of its own would read it (one that drops no byte order mark),
/// whatever came before it, however its bytes arrive and however much is asked at a time.
/// </summary>
public sealed class PieceTextPropertyTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    // Text near the edges of the decoders: multi-byte and four-byte characters, a byte order mark's
    // character, and (through windows-1252) bytes that UTF-8 would reject.
    private static readonly Gen<string> Texts = Gen.OneOf("a", "xyz", "é", "€", "😀", "\uFEFF", "\r\n", ",", "\"").Array[0, 4_000].Select(string.Concat);

    private static readonly Gen<(string Text, bool Utf8, int BytesPerRead, int CharsPerRead)> Pieces =
        Gen.Select(Texts, Gen.Bool, Gen.Int[1, 40_000], Gen.Int[2, 20_000]);

    [Fact]
    public void Piece_after_piece_reads_as_a_stream_reader_of_its_own()
    {
        Pieces.Array[1, 5].Sample(pieces =>
        {
            var text = new PieceText();
            foreach (var (value, utf8, bytesPerRead, charsPerRead) in pieces)
            {
                var encoding = utf8 ? new UTF8Encoding(false) : Windows1252;
                var bytes = encoding.GetBytes(value);
                var expected = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: false).ReadToEnd();

                var read = new StringBuilder();
                var buffer = new char[charsPerRead];
                text.Start(new Fixture.TrickleStream(bytes, bytesPerRead), encoding);
                int count;
                while ((count = text.Read(buffer)) > 0) read.Append(buffer, 0, count);

                Assert.Equal(expected, read.ToString());
            }
        });
    }

    [Fact]
    public void A_piece_that_starts_with_the_bytes_of_a_byte_order_mark_keeps_them()
    {
        // A piece starts where a record starts: a BOM there is a character of the record, not a mark.
        var bytes = Encoding.UTF8.GetBytes("\uFEFFa,b\n");

        var read = new PieceText().Start(new MemoryStream(bytes), new UTF8Encoding(true)).ReadToEnd();

        Assert.Equal("\uFEFFa,b\n", read);
    }

    [Fact]
    public void Sep_reads_the_records_of_a_piece_through_it_as_through_a_stream_reader()
    {
        var csv = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"P-{i},\"Projet {i}, volet é€😀\",{i * 7}\r\n"));
        var bytes = Encoding.UTF8.GetBytes(csv);

        Assert.Equal(Records(new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false))),
            Records(new PieceText().Start(new Fixture.TrickleStream(bytes, 1_000), new UTF8Encoding(false))));
    }

    private static List<string> Records(TextReader text)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = false }).From(text);
        var records = new List<string>();
        foreach (var row in reader) records.Add(row.Span.ToString());
        return records;
    }
}
