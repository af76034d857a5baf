using System.Globalization;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

public sealed class ValueParserTests
{
    [Theory]
    [InlineData("12500", "12500")]
    [InlineData("12500.5", "12500.5")]
    [InlineData("12500,5", "12500.5")]
    [InlineData("12 500,50 $", "12500.50")]
    [InlineData("12\u00a0500,50\u00a0$", "12500.50")]
    [InlineData("12\u202f500,50", "12500.50")]
    [InlineData("12,500.50", "12500.50")]
    [InlineData("12.500,50", "12500.50")]
    [InlineData("$12,500.50", "12500.50")]
    [InlineData("1,250,000", "1250000")]
    [InlineData("1 250 000", "1250000")]
    [InlineData("12 500,500", "12500.500")] // spaces group the thousands, so the comma is the decimal mark
    [InlineData("0,05", "0.05")]
    [InlineData("-100", "-100")]
    public void Money_is_read_exactly_in_the_ways_people_write_it(string text, string expected)
    {
        Assert.Equal(ParseOutcome.Ok, ValueParsers.ParseMoney(text, typed: false, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1,500")]
    [InlineData("1.500")]
    [InlineData("250,000 $")]
    public void One_mark_followed_by_three_digits_is_ambiguous(string text)
    {
        Assert.Equal(ParseOutcome.Ambiguous, ValueParsers.ParseMoney(text, typed: false, out _));
    }

    [Theory]
    [InlineData("12,5,0")]
    [InlineData("1 2")]
    [InlineData("12 500.000,5")]
    [InlineData("12.500.50")]
    [InlineData("abc")]
    [InlineData("12 $ 50")]
    [InlineData(",50")]
    [InlineData("5.")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999999999999999999")]
    public void Anything_else_is_not_money(string text)
    {
        Assert.Equal(ParseOutcome.Invalid, ValueParsers.ParseMoney(text, typed: false, out _));
    }

    [Fact]
    public void Typed_numbers_are_invariant_and_never_ambiguous()
    {
        Assert.Equal(ParseOutcome.Ok, ValueParsers.ParseMoney("1.500", typed: true, out var value));
        Assert.Equal(1.5m, value);
        Assert.Equal(ParseOutcome.Ok, ValueParsers.ParseMoney("1.25E4", typed: true, out value));
        Assert.Equal(12500m, value);
    }

    [Theory]
    [InlineData("1200", 1200L)]
    [InlineData("1 200", 1200L)]
    [InlineData("1\u202f000\u202f000", 1000000L)]
    [InlineData(" 7 ", 7L)]
    public void Whole_numbers_accept_spaces_between_thousands(string text, long expected)
    {
        Assert.Equal(ParseOutcome.Ok, ValueParsers.ParseInteger(text, typed: false, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,200")]
    [InlineData("12.5")]
    [InlineData("12 00")]
    [InlineData("beaucoup")]
    public void Whole_numbers_refuse_marks_and_words(string text)
    {
        Assert.Equal(ParseOutcome.Invalid, ValueParsers.ParseInteger(text, typed: false, out _));
    }

    [Theory]
    [InlineData("2022-04-01", false)]
    [InlineData("01/04/2022", false)]
    [InlineData("1/4/2022", false)]
    [InlineData("2022-04-01T00:00:00", true)]
    public void Dates_are_iso_or_day_first(string text, bool typed)
    {
        Assert.True(ValueParsers.TryParseDate(text, typed, out var date));
        Assert.Equal(new DateOnly(2022, 4, 1), date);
    }

    [Theory]
    [InlineData("04/01/2022 extra")]
    [InlineData("2022-02-30")]
    [InlineData("2022/04/01")]
    [InlineData("avril 2022")]
    public void Other_date_forms_are_refused(string text)
    {
        Assert.False(ValueParsers.TryParseDate(text, typed: false, out _));
    }

    [Theory]
    [InlineData("2022-2023", "Ok")]
    [InlineData("2022–2023", "Ok")]
    [InlineData("2022-2024", "OutOfRange")]
    [InlineData("2022", "Invalid")]
    [InlineData("22-23", "Invalid")]
    public void An_exercice_is_two_consecutive_years(string text, string expected)
    {
        Assert.Equal(expected, ValueParsers.ParseExercice(text, out _).ToString());
    }

    [Theory]
    [InlineData("1143456789", true)]
    [InlineData("114 345 6789", true)]
    [InlineData("114345678", false)]
    [InlineData("11434567890", false)]
    [InlineData("114345678A", false)]
    public void A_neq_is_ten_digits_once_spaces_are_removed(string text, bool valid)
    {
        Assert.Equal(valid, ValueParsers.TryParseNeq(text, stackalloc char[10]));
    }

    [Theory]
    [InlineData("info@organisme.org", true)]
    [InlineData("rené.côté@acces.example", true)]
    [InlineData("Nom <info@organisme.org>", false)]
    [InlineData("info@organisme", false)]
    [InlineData("info@@organisme.org", false)]
    [InlineData("info organisme@org.ca", false)]
    public void An_email_is_a_plain_address(string text, bool valid)
    {
        Assert.Equal(valid, ValueParsers.IsEmail(text));
    }

    [Theory]
    [InlineData("1", "01")]
    [InlineData("01", "01")]
    [InlineData("estrie", "05")]
    [InlineData("MONTRÉAL", "06")]
    [InlineData("Saguenay-Lac-Saint-Jean", "02")]
    [InlineData("saguenay lac saint jean", "02")]
    [InlineData("Gaspésie–Îles-de-la-Madeleine", "11")]
    [InlineData("cote-nord", "09")]
    [InlineData("17", "17")]
    public void A_region_is_found_by_code_or_name(string text, string code)
    {
        Assert.Equal(code, new RegionLookup(ReferenceCatalog.Default).Find(text)?.Code);
    }

    [Theory]
    [InlineData("18")]
    [InlineData("0")]
    [InlineData("Ontario")]
    public void Other_regions_are_not_found(string text)
    {
        Assert.Null(new RegionLookup(ReferenceCatalog.Default).Find(text));
    }

    [Theory]
    [InlineData("Montant FQIS", "montant_fqis")]
    [InlineData("  Date   début ", "date_debut")]
    [InlineData("Montant-autres-sources", "montant_autres_sources")]
    [InlineData("CLIENTÈLE_CIBLE", "clientele_cible")]
    [InlineData("Sécurité alimentaire", "securite_alimentaire")]
    public void Labels_compare_without_case_accents_spaces_or_hyphens(string label, string key)
    {
        Assert.Equal(key, TextKey.Normalize(label));
    }
}
