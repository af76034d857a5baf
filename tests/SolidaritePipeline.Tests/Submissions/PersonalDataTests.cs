using System.Diagnostics;
using CsCheck;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tests.Submissions;

public sealed class PersonalDataTests
{
    [Fact]
    public void A_text_said_to_hold_no_personal_data_holds_none()
    {
        // Digits, separators, the signs of an address and of a phone, a letter or two: texts near the found shapes.
        var texts = Gen.OneOf(
            Gen.Char["0123456789 -.()+@ax\u00A0"].Array[0, 30].Select(c => new string(c)),
            Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 9999], Gen.Char[" -."]).Select(p => $"Tél. {p.Item1} {p.Item2}{p.Item4}{p.Item3}"));

        texts.Sample(text => PersonalData.MayHold(text) || PersonalData.FindFirst(text) is null, iter: 100_000);
    }

    [Theory]
    [InlineData("Projet 12", false)]
    [InlineData("Projet 2022-2023, volet 3", false)]
    [InlineData("514-555-1234", true)]
    [InlineData("a@b", true)]
    public void A_text_with_fewer_than_ten_digits_and_no_at_sign_is_settled_without_the_scanner(string text, bool mayHold)
    {
        Assert.Equal(mayHold, PersonalData.MayHold(text));
    }

    [Theory]
    [InlineData("Écrire à marie.tremblay@organisme.qc.ca pour s'inscrire", "marie.tremblay@organisme.qc.ca")]
    [InlineData("Contact : j-p_o'neil+fqis@exemple.com.", "j-p_o'neil+fqis@exemple.com")]
    [InlineData("(info@cuisine-collective.org)", "info@cuisine-collective.org")]
    [InlineData("Écrivez à élise@café-rencontre.ca", "élise@café-rencontre.ca")]
    [InlineData("marie514@videotron.ca", "marie514@videotron.ca")]
    public void An_email_address_in_free_text_is_found_whole(string text, string address)
    {
        var match = PersonalData.FindFirst(text);

        Assert.Equal(PersonalDataKind.Email, match!.Value.Kind);
        Assert.Equal(address, text.Substring(match.Value.Start, match.Value.Length));
    }

    [Theory]
    [InlineData("Info : 514-555-1234", "514-555-1234")]
    [InlineData("Tél. (418) 555 1234, poste 2", "(418) 555 1234")]
    [InlineData("(418)555-1234", "(418)555-1234")]
    [InlineData("Appelez le +1 819 555 1234 !", "+1 819 555 1234")]
    [InlineData("Ligne sans frais 1-800-555-1234.", "1-800-555-1234")]
    [InlineData("514.555.1234", "514.555.1234")]
    [InlineData("1 (450) 555-0199", "1 (450) 555-0199")]
    [InlineData("819\u00A0555\u00A01234", "819\u00A0555\u00A01234")]
    public void A_quebec_phone_number_is_found_in_its_usual_forms(string text, string phone)
    {
        var match = PersonalData.FindFirst(text);

        Assert.Equal(PersonalDataKind.Phone, match!.Value.Kind);
        Assert.Equal(phone, text.Substring(match.Value.Start, match.Value.Length));
    }

    [Theory]
    [InlineData("Cuisine collective du quartier")]
    [InlineData("Projet 2022-2023 : 12 500,50 $ pour 1 200 personnes")]
    [InlineData("Du 2022-04-01 au 2023-03-31")]
    [InlineData("Budget de 1 500 000 $ (5 000 000 $ au plus)")]
    [InlineData("NEQ 1141234567")]
    [InlineData("NEQ 1141 234 567")]
    [InlineData("Projet EST-2022-514-555-1234")]
    [InlineData("Projet 2022-514-555-1234")]
    [InlineData("Numéro 123-456-7890")]
    [InlineData("Numéro 514-155-1234")]
    [InlineData("Code 5145551234")]
    [InlineData("Suivi au 555-1234")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("Organisme @ Montréal")]
    [InlineData("courriel: marie@localhost")]
    [InlineData("Le 12 mars @ 14 h")]
    [InlineData("Ref514-555-1234")]
    public void Amounts_dates_enterprise_and_project_numbers_and_plain_text_are_not_personal_data(string text)
    {
        Assert.Null(PersonalData.FindFirst(text));
    }

    [Fact]
    public void Redaction_replaces_every_address_and_number_and_keeps_the_rest()
    {
        var redacted = PersonalData.Redact("Marie (marie@ex.ca, 514-555-1234) ou Paul: paul@ex.ca / +1 418 555 9876.");

        Assert.Equal("Marie ([courriel retiré], [téléphone retiré]) ou Paul: [courriel retiré] / [téléphone retiré].", redacted);
        Assert.Equal("Rien à retirer", PersonalData.Redact("Rien à retirer"));
        Assert.Null(PersonalData.Redact(null));
    }

    [Fact]
    public void A_number_glued_to_an_address_is_redacted_without_overlap()
    {
        Assert.Equal("[téléphone retiré]@sms.ca", PersonalData.Redact("514-555-1234@sms.ca"));
    }

    [Fact]
    public void The_hint_never_shows_the_whole_value()
    {
        const string text = "Écrire à marie.tremblay@organisme.qc.ca ou au 514-555-1234";
        var email = PersonalData.FindFirst(text)!.Value;
        var phone = PersonalData.FindFirst(text.AsSpan(email.Start + email.Length))!.Value;

        Assert.Equal("m…@…", PersonalData.Hint(text, email));
        Assert.Equal("…-…-…34", PersonalData.Hint(text.AsSpan(email.Start + email.Length), phone));
    }

    [Theory]
    [InlineData('@')]
    [InlineData('a')]
    [InlineData('1')]
    [InlineData('.')]
    public void Hostile_thousand_character_cells_are_scanned_in_linear_time(char filler)
    {
        // Shapes that make a backtracking pattern blow up: long runs before an '@', digit chains, dots.
        var cells = new[]
        {
            new string(filler, 1000),
            string.Concat(Enumerable.Repeat("a@", 500)),
            string.Concat(Enumerable.Repeat("a.", 499)) + "@",
            "@" + string.Concat(Enumerable.Repeat("a.", 499)),
            string.Concat(Enumerable.Repeat("1-", 500)),
            string.Concat(Enumerable.Repeat("(1) ", 250)),
            string.Concat(Enumerable.Repeat("x@y.", 250)),
        };
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            foreach (var cell in cells) PersonalData.Redact(cell);
        }

        // 1,400 hostile cells; a linear scan takes milliseconds, a quadratic one seconds. Generous bound.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
    }
}
