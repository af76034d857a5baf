using System.Text;
using SolidaritePipeline.Output;

namespace SolidaritePipeline.Tests.Output;

public sealed class CsvOutputTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void A_French_Excel_dialect_keeps_its_semicolons_decimal_commas_and_single_byte_accents()
    {
        var dialect = new CsvDialect(';', "\r\n", Windows1252, ByteOrderMark: false);

        var bytes = CsvOutput.ToBytes(dialect, csv =>
        {
            csv.Row(["titre_projet", "montant_fqis"]);
            csv.Row(["Café; thé", "12\u00A0500,50 $"]);
        });

        Assert.Equal(Windows1252.GetBytes("titre_projet;montant_fqis\r\n\"Café; thé\";12\u00A0500,50 $\r\n"), bytes);
        Assert.Equal(0xE9, bytes[Array.IndexOf(bytes, (byte)'C') + 3]);
    }

    [Fact]
    public void A_UTF8_dialect_with_a_BOM_writes_it_once_and_ends_lines_as_told()
    {
        var bytes = CsvOutput.ToBytes(CsvDialect.Utf8Of('\t', "\n", byteOrderMark: true), csv =>
        {
            csv.Row(["a", "b"]);
            csv.Row(["1,5", "deux\tcolonnes"]);
        });

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("a\tb\n1,5\t\"deux\tcolonnes\"\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Text_cells_are_neutralised_and_raw_cells_are_written_as_the_caller_spelled_them()
    {
        var bytes = CsvOutput.ToBytes(CsvDialect.OpenData, csv =>
        {
            csv.Text("-5");
            csv.Raw("-5");
            csv.Text(null);
            csv.EndRow();
        });

        Assert.Equal("'-5,-5,\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }
}
