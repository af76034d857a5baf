using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

public sealed class PersonalDataWarningTests
{
    private const string Header =
        "exercice;no_projet;titre_projet;organisme_promoteur;region_code;municipalite;axe_intervention;clientele_cible;" +
        "montant_fqis;montant_autres_sources;date_debut;date_fin;personnes_rejointes;statut;courriel_contact\n";

    private static string Row(string number, string titre, string organisme, string municipalite, string courriel = "") =>
        $"2022-2023;{number};{titre};{organisme};05;{municipalite};logement;familles;1000;0;2022-04-01;2023-03-31;10;en_cours;{courriel}\n";

    [Fact]
    public async Task An_address_or_phone_in_published_text_is_a_personal_data_warning_that_names_field_and_row_without_the_value()
    {
        var (report, projects) = await Fixture.ValidateTextAsync(Header
            + Row("E-1", "Écrire à marie.tremblay@organisme.qc.ca", "Maison de la famille", "Sherbrooke")
            + Row("E-2", "Halte-garderie", "Info 819-555-1234", "Magog")
            + Row("E-3", "Projet 2022-2023 de 12 500 $", "Organisme NEQ 1141234567", "Granby", courriel: "paul@organisme.qc.ca")
            + Row("E-4", "Transport", "Corporation", "(819) 555 9876"));

        Assert.True(report.IsAccepted); // a warning, not an error: the file is accepted
        Assert.Equal(4, projects.Count);
        Assert.Equal(
            [("personal-data", (int?)2, (string?)"titre_projet"), ("personal-data", 3, "organisme_promoteur"), ("personal-data", 5, "municipalite")],
            Fixture.Issues(report.Warnings));
        var email = report.Warnings[0];
        Assert.Equal("m…@…", email.Value);
        Assert.Contains("Ligne 2", email.Message.Fr, StringComparison.Ordinal);
        Assert.Contains("titre_projet", email.Message.Fr, StringComparison.Ordinal);
        Assert.Contains("adresse courriel", email.Message.Fr, StringComparison.Ordinal);
        Assert.Contains("Row 2", email.Message.En, StringComparison.Ordinal);
        Assert.Contains("e-mail address", email.Message.En, StringComparison.Ordinal);
        Assert.Contains("numéro de téléphone", report.Warnings[1].Message.Fr, StringComparison.Ordinal);
        var json = ReportJson.Serialize(report);
        Assert.DoesNotContain("marie.tremblay", json, StringComparison.Ordinal);
        Assert.DoesNotContain("555-1234", json, StringComparison.Ordinal);
        Assert.DoesNotContain("555 9876", json, StringComparison.Ordinal);
    }
}
