using System.Globalization;
using CsCheck;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// The hand-written span parsers accept exactly what the framework parsers they replaced accept,
/// and give the same value: checked on random strings built from the characters that matter.
/// </summary>
public sealed class SpanParserPropertyTests
{
    // Digits, the separators of both formats, white space, a null, a non-ASCII digit and a letter.
    private static readonly Gen<string> DateLike = Gen.OneOf(
        Gen.Char["0123456789-/ T:\0\u0663xZ"].Array[0, 14].Select(c => new string(c)),
        // Shapes near the accepted ones: digit runs of 0 to 5 joined by one separator.
        Gen.Select(Gen.Int[0, 99999], Gen.Int[0, 5], Gen.Char["-/"], Gen.Int[0, 999], Gen.Char["-/"], Gen.Int[0, 99999], Gen.Int[0, 5])
            .Select(p => Pad(p.Item1, p.Item2) + p.Item3 + p.Item4 + p.Item5 + Pad(p.Item6, p.Item7)),
        Gen.Date.Select(d => d.ToString(Gen.Bool.Single() ? "yyyy-MM-dd" : "d/M/yyyy", CultureInfo.InvariantCulture)));

    private static string Pad(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    [Fact]
    public void The_date_parser_accepts_what_TryParseExact_accepts_and_reads_the_same_date()
    {
        DateLike.Sample(text =>
        {
            var expectedOk = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected)
                || DateOnly.TryParseExact(text.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out expected);
            var ok = ValueParsers.TryParseDate(text, typed: false, out var date);
            return ok == expectedOk && (!ok || date == expected);
        }, iter: 200_000);
    }

    [Theory]
    [InlineData("2022-02-29", false)]
    [InlineData("2024-02-29", true)]
    [InlineData("0000-01-01", false)]
    [InlineData("9999-12-31", true)]
    [InlineData("1/1/2022", true)]
    [InlineData("01/01/2022", true)]
    [InlineData("001/01/2022", false)]
    [InlineData("1/1/22", false)]
    [InlineData("2022-1-01", false)]
    [InlineData("31/04/2022", false)]
    public void The_date_parser_holds_the_edges_of_both_formats(string text, bool accepted) =>
        Assert.Equal(accepted, ValueParsers.TryParseDate(text, typed: false, out _));

    [Fact]
    public void A_text_that_is_its_own_key_normalises_to_itself()
    {
        Gen.Char["abcxyz09_-AÉé "].Array[0, 8].Select(c => new string(c)).Sample(
            text => !TextKey.IsKey(text) || TextKey.Normalize(text) == text, iter: 100_000);
        Assert.True(TextKey.IsKey("reussite_educative"));
        Assert.False(TextKey.IsKey("Reussite_educative"));
    }

    [Fact]
    public void Any_amount_reads_the_same_through_the_plain_path_as_the_long_way()
    {
        Gen.OneOf(
                Gen.Char["0123456789., \u00A0$-"].Array[0, 20].Select(c => new string(c)),
                Gen.Char["0123456789."].Array[1, 22].Select(c => new string(c)))
            .Sample(text =>
            {
                var plain = ValueParsers.ParseMoney(text, typed: false, out var amount);
                var longWay = ValueParsers.ParseMoneyTheLongWay(text.Trim(), typed: false, out var expected);
                return plain == longWay && amount == expected && amount.Scale == expected.Scale;
            }, iter: 200_000);
    }

    [Fact]
    public void Any_whole_number_reads_the_same_through_the_plain_path_as_the_long_way()
    {
        Gen.OneOf(
                Gen.Char["0123456789 \u00A0-.,"].Array[0, 22].Select(c => new string(c)),
                Gen.Char["0123456789"].Array[1, 22].Select(c => new string(c)))
            .Sample(text =>
            {
                var plain = ValueParsers.ParseInteger(text, typed: false, out var number);
                var longWay = ValueParsers.ParseIntegerTheLongWay(text.Trim(), typed: false, out var expected);
                return plain == longWay && number == expected;
            }, iter: 200_000);
    }

    [Fact]
    public void A_plain_amount_reads_as_decimal_parse_reads_it_with_the_same_scale()
    {
        Gen.Select(Gen.Long[0, 9_999_999_999_999_999], Gen.Int[0, 3], Gen.Int[0, 99]).Select(p => p.Item2 switch
        {
            0 => p.Item1.ToString(CultureInfo.InvariantCulture),
            1 => $"{p.Item1}.{p.Item3 % 10}",
            _ => $"{p.Item1}.{p.Item3:00}",
        }).Sample(text =>
        {
            var outcome = ValueParsers.ParseMoney(text, typed: false, out var amount);
            var expected = decimal.Parse(text, CultureInfo.InvariantCulture);
            return outcome == ParseOutcome.Ok && amount == expected
                && amount.ToString(CultureInfo.InvariantCulture) == expected.ToString(CultureInfo.InvariantCulture);
        }, iter: 100_000);
    }
}
