using SolidaritePipeline.Reading.Xlsx;

namespace SolidaritePipeline.Tests.Reading;

public sealed class XlsxValuesTests
{
    [Theory]
    [InlineData("12500.5", "12500.5")]
    [InlineData("12500", "12500")]
    [InlineData("1.2E-3", "0.0012")]
    [InlineData("1.5E+6", "1500000")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("4999999.9900000002", "4999999.99")]
    [InlineData("0.1", "0.1")]
    [InlineData("-0", "0")]
    [InlineData("123456789012345678", "123456789012346000")]
    [InlineData("1E-7", "0.0000001")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("0.05", "0.05")]
    [InlineData("1.50", "1.5")]
    [InlineData("007", "7")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("1234567890123456", "1234567890123460")]
    [InlineData("12345678901234.56", "12345678901234.6")]
    [InlineData(" 12", "12")]
    public void Numbers_read_as_exact_decimals_with_excel_precision(string raw, string expected)
    {
        Assert.Equal(expected, XlsxValues.NumberText(raw));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1E+40")]
    public void Values_no_decimal_holds_are_not_numbers(string raw)
    {
        Assert.Null(XlsxValues.NumberText(raw));
    }

    [Theory]
    [InlineData("1", false, "1900-01-01")]
    [InlineData("59", false, "1900-02-28")]
    [InlineData("60", false, null)]
    [InlineData("61", false, "1900-03-01")]
    [InlineData("44652", false, "2022-04-01")]
    [InlineData("44651.999", false, "2022-03-31")]
    [InlineData("0", true, "1904-01-01")]
    [InlineData("43190", true, "2022-04-01")]
    [InlineData("-1", false, null)]
    [InlineData("2958465", false, "9999-12-31")]
    [InlineData("2958466", false, null)]
    [InlineData("2999999", false, null)]
    [InlineData("2999999.5", false, null)]
    [InlineData("2957003", true, "9999-12-31")]
    [InlineData("2957004", true, null)]
    public void Date_serials_become_calendar_days(string raw, bool date1904, string? expected)
    {
        Assert.Equal(expected, XlsxValues.DateText(raw, date1904));
    }

    [Theory]
    [InlineData(14, null, true)]
    [InlineData(17, null, true)]
    [InlineData(22, null, true)]
    [InlineData(46, null, true)]
    [InlineData(4, null, false)]
    [InlineData(44, null, false)]
    [InlineData(164, "yyyy-mm-dd", true)]
    [InlineData(164, "[$-fr-CA]d\\ mmmm\\ yyyy;@", true)]
    [InlineData(164, "mmm", true)]
    [InlineData(164, "#,##0.00\\ \"$ (dollars)\"", false)]
    [InlineData(164, "[Red]0.00", false)]
    [InlineData(164, "h:mm", false)]
    [InlineData(164, "General", false)]
    [InlineData(164, "0.00_d", false)]
    public void Date_formats_are_recognised_by_their_day_month_and_year_tokens(int id, string? code, bool isDate)
    {
        Assert.Equal(isDate, XlsxValues.IsDateFormat(id, code));
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1048576", 16383)]
    [InlineData("12", -1)]
    public void Cell_references_give_their_column(string reference, int column)
    {
        Assert.Equal(column, XlsxValues.ColumnIndex(reference));
    }

    [Fact]
    public void Escaped_characters_are_decoded_and_other_underscores_kept()
    {
        Assert.Equal("a\rb_x_c", XlsxValues.DecodeEscapes("a_x000D_b_x_c"));
        Assert.Equal("_x000D_", XlsxValues.DecodeEscapes("_x005F_x000D_"));
    }
}
