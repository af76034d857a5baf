using System.Text;
using SolidaritePipeline.Output;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Tests.Publishing;

public sealed class OpenDataCsvTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1 514 555-0100", "'+1 514 555-0100")]
    [InlineData("-5", "'-5")]
    [InlineData("@Organisme", "'@Organisme")]
    [InlineData("\tcaché", "'\tcaché")]
    [InlineData("\rretour", "'\rretour")]
    [InlineData("'déjà", "''déjà")]
    [InlineData("Cuisine = plaisir", "Cuisine = plaisir")]
    [InlineData("", "")]
    public void Text_that_a_spreadsheet_would_evaluate_gets_an_apostrophe(string value, string expected)
    {
        Assert.Equal(expected, CsvOutput.Neutralise(value));
    }

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(1250050L, "12500.50")]
    [InlineData(500000000L, "5000000.00")]
    [InlineData(-199L, "-1.99")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    public void Amounts_have_two_decimals_and_a_dot(long cents, string expected)
    {
        Assert.Equal(expected, OpenDataFormat.Amount(cents));
    }

    [Fact]
    public async Task A_row_is_quoted_only_where_RFC_4180_needs_it_and_numbers_are_never_neutralised()
    {
        using var output = new MemoryStream();
        await using (var csv = new CsvOutput(output, CsvDialect.OpenData))
        {
            csv.Row(["a", "b", "c", "d", "e"]);
            csv.Text("-moins, plus");
            csv.Text("dit \"bonjour\"");
            csv.Text("deux\nlignes");
            OpenDataCell.Dollars(-150).WriteCsv(csv);
            OpenDataCell.Integer(-3).WriteCsv(csv);
            csv.EndRow();
        }

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("a,b,c,d,e\r\n\"'-moins, plus\",\"dit \"\"bonjour\"\"\",\"deux\nlignes\",-1.50,-3\r\n",
            Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Page_amounts_use_French_grouping_without_culture_data()
    {
        Assert.Equal("1\u202F234\u202F567,08\u00A0$", FrenchNumbers.Dollars(123456708));
        Assert.Equal("999,99\u00A0$", FrenchNumbers.Dollars(99999));
        Assert.Equal("1\u202F000", FrenchNumbers.Whole(1000));
    }
}
