using CsCheck;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// The lookup table of codes and regions answers exactly as the dictionary it replaced: every key
/// finds its value, and nothing else finds anything, whatever its length or characters.
/// </summary>
public sealed class KeyTableTests
{
    private static readonly Dictionary<string, string>[] CodeLists = [.. SchemaIndex.AllowedByKey.OfType<Dictionary<string, string>>()];

    [Fact]
    public void Every_accepted_spelling_of_every_code_list_finds_its_code()
    {
        foreach (var codes in CodeLists)
        {
            var table = new KeyTable<string>(codes);
            foreach (var (key, code) in codes) Assert.Same(code, table.Find(key));
        }
    }

    [Fact]
    public void A_text_finds_a_code_only_when_the_dictionary_holds_it()
    {
        var keys = CodeLists.SelectMany(c => c.Keys).ToArray();
        // Keys, keys cut or lengthened by a character, and random text of the characters keys are made of.
        var key = Gen.Int[0, keys.Length - 1].Select(i => keys[i]);
        var texts = Gen.OneOf(
            key,
            Gen.Select(key, Gen.Char["abz_0 "], (k, c) => k + c),
            key.Select(k => k[..^1]),
            Gen.Char["abcdefghijklmnopqrstuvwxyz_0123456789 é"].Array[0, 40].Select(c => new string(c)));
        var tables = CodeLists.Select(c => (Codes: c, Table: new KeyTable<string>(c))).ToArray();

        texts.Sample(text =>
        {
            foreach (var (codes, table) in tables)
            {
                var expected = codes.GetValueOrDefault(text);
                if (!ReferenceEquals(expected, table.Find(text))) return false;
            }

            return true;
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("05", "05")]
    [InlineData("5", "05")]
    [InlineData("Estrie", "05")]
    [InlineData("ESTRIE", "05")]
    [InlineData("Côte-Nord", "09")]
    [InlineData("cote nord", "09")]
    [InlineData("Saguenay Lac-Saint-Jean", "02")]
    public void A_region_is_found_by_its_number_or_its_name_written_any_way(string text, string code)
    {
        Assert.Equal(code, new RegionLookup(ReferenceCatalog.Default).Find(text)?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("005")]
    [InlineData("18")]
    [InlineData("Estri")]
    [InlineData("0")]
    public void A_text_that_names_no_region_finds_none(string text)
    {
        Assert.Null(new RegionLookup(ReferenceCatalog.Default).Find(text));
    }

    [Fact]
    public void A_key_given_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KeyTable<string>([new("logement", "a"), new("logement", "b")]));
    }
}
