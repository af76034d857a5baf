using System.Security.Cryptography;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

public sealed class AcceptedFileTests
{
    [Fact]
    public async Task A_plain_utf8_csv_is_accepted_and_normalised()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/utf8-comma.csv");

        Assert.Empty(report.Errors);
        Assert.Equal(SubmissionStatus.Accepted, report.Status);
        Assert.Equal(("csv", "utf-8", ","), (report.Format, report.Encoding, report.Delimiter));
        Assert.Equal("2022-2023", report.Exercice);
        Assert.Equal(3, report.RowCount);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Fixture.Bytes("accepted/utf8-comma.csv"))), report.Sha256);

        Assert.Equal(["EST-001", "EST-002", "EST-003"], projects.Select(p => p.NoProjet));
        var first = projects[0];
        Assert.Equal(12500.50m, first.MontantFqis);
        Assert.Equal(3000m, first.MontantAutresSources);
        Assert.Equal("1143456789", first.Neq);
        Assert.Equal("05", first.RegionCode);
        Assert.Equal(new DateOnly(2022, 4, 1), first.DateDebut);
        Assert.Equal(new DateOnly(2023, 3, 31), first.DateFin);
        Assert.Equal(1200, first.PersonnesRejointes);
        Assert.Equal("info@moisson-estrie.example", first.CourrielContact);
        Assert.Null(projects[1].Neq);
        Assert.Null(projects[1].CourrielContact);
        Assert.Equal(0m, projects[2].MontantAutresSources);
        Assert.Null(projects[2].Municipalite);
        Assert.True(projects[2].IsCancelled);
    }

    [Fact]
    public async Task A_windows_1252_file_with_semicolons_french_labels_and_dollar_amounts_is_accepted()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/windows1252-semicolon.csv");

        Assert.Empty(report.Errors);
        Assert.Equal(("windows-1252", ";"), (report.Encoding, report.Delimiter));
        Assert.Equal(3, projects.Count);

        var (a, b, c) = (projects[0], projects[1], projects[2]);
        Assert.Equal("Épicerie solidaire", a.TitreProjet);
        Assert.Equal("Centre d'entraide de Coaticook", a.OrganismePromoteur);
        Assert.Equal(12500.00m, a.MontantFqis);
        Assert.Equal(1250.75m, a.MontantAutresSources); // U+00A0 between thousands
        Assert.Equal(("05", "securite_alimentaire", "aines", "en_cours"), (a.RegionCode, a.AxeIntervention, a.ClienteleCible, a.Statut));
        Assert.Equal((new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), 1200), (a.DateDebut, a.DateFin, a.PersonnesRejointes));

        Assert.Equal(125000m, b.MontantFqis);
        Assert.Equal(("05", "logement", "personnes_immigrantes", "termine"), (b.RegionCode, b.AxeIntervention, b.ClienteleCible, b.Statut));
        Assert.Equal("rené.côté@acces.example", b.CourrielContact);

        Assert.Equal(8000.5m, c.MontantFqis);
        Assert.Equal(("05", "sante_bien_etre", "personnes_handicapees", "annule"), (c.RegionCode, c.AxeIntervention, c.ClienteleCible, c.Statut));
    }

    [Fact]
    public async Task A_utf8_file_with_byte_order_mark_and_tabs_is_accepted()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/utf8-bom-tab.txt");

        Assert.Empty(report.Errors);
        Assert.Equal(("utf-8", "\t"), (report.Encoding, report.Delimiter));
        Assert.Equal("2022-2023", projects[0].Exercice); // the BOM is not part of the first label or value
        Assert.Equal("1143456789", projects[0].Neq);
        Assert.Equal(12500.50m, projects[0].MontantFqis);
        Assert.Equal(1000m, projects[0].MontantAutresSources); // U+202F between thousands
        Assert.Equal(1200, projects[0].PersonnesRejointes);
        Assert.Equal(1250000.00m, projects[1].MontantFqis);
    }

    [Fact]
    public async Task Quoted_cells_keep_their_newlines_separators_and_quotes()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/quoted-newlines.csv");

        Assert.Empty(report.Errors);
        Assert.Equal(3, report.RowCount);
        Assert.Equal("Repas communautaires\r\net livraison", projects[0].TitreProjet);
        Assert.Equal("Moisson \"Estrie\", inc.", projects[0].OrganismePromoteur);
        Assert.Equal(12500.50m, projects[0].MontantFqis);
        Assert.Equal(1200, projects[0].PersonnesRejointes);
        Assert.Equal("Titre sur\ntrois\nlignes", projects[1].TitreProjet);
        Assert.Equal("Magog, secteur est", projects[1].Municipalite);
    }

    [Fact]
    public async Task Row_numbers_count_records_not_lines_when_cells_span_lines()
    {
        var text = "exercice,no_projet,titre_projet,organisme_promoteur,region_code,axe_intervention,clientele_cible,montant_fqis,date_debut,date_fin,personnes_rejointes,statut\n"
                   + "2022-2023,A,\"deux\nlignes\",Org,05,autre,autre,10,2022-04-01,2023-03-31,1,en_cours\n"
                   + "2022-2023,B,Titre,Org,05,autre,autre,oups,2022-04-01,2023-03-31,1,en_cours\n";

        var (report, _) = await Fixture.ValidateTextAsync(text);

        Assert.Equal([("type-error", (int?)3, (string?)"montant_fqis")], Fixture.Issues(report.Errors));
    }

    [Fact]
    public async Task Header_labels_match_whatever_their_case_accents_spaces_and_hyphens()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/header-labels.csv");

        Assert.Empty(report.Errors);
        Assert.Equal(SubmissionStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowCount);
        Assert.Equal(["EST-401", "EST-402"], projects.Select(p => p.NoProjet));
        Assert.Equal(1500.00m, projects[1].MontantFqis);
        Assert.Equal(
            [("extra-label", (int?)1, (string?)"Commentaire"), ("blank-row", 3, null)],
            Fixture.Issues(report.Warnings));
    }

    [Fact]
    public async Task A_json_envelope_gives_its_exercice_to_projects_that_omit_it()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/envelope.json");

        Assert.Empty(report.Errors);
        Assert.Equal(("json", "utf-8", "2022-2023", 2), (report.Format, report.Encoding, report.Exercice, report.RowCount));
        Assert.All(projects, p => Assert.Equal("2022-2023", p.Exercice));
        Assert.Equal(12500.50m, projects[0].MontantFqis);
        Assert.Equal("1143456789", projects[0].Neq);
        var second = projects[1];
        Assert.Equal(("05", "transport", "aines", "termine"), (second.RegionCode, second.AxeIntervention, second.ClienteleCible, second.Statut));
        Assert.Equal(48000.00m, second.MontantFqis);
        Assert.Equal(new DateOnly(2022, 5, 1), second.DateDebut);
        Assert.Equal(1000, second.PersonnesRejointes);
        Assert.Null(second.Neq);
        Assert.Null(second.Municipalite);
    }

    [Fact]
    public async Task A_json_array_accepts_numbers_and_strings()
    {
        var (report, projects) = await Fixture.ValidateAsync("accepted/array.json");

        Assert.Empty(report.Errors);
        Assert.Equal(12500.50m, projects[0].MontantFqis);
        Assert.Equal(1000.25m, projects[0].MontantAutresSources);
        Assert.Equal("05", projects[0].RegionCode);
        Assert.Equal(3000m, projects[1].MontantFqis);
        Assert.Equal(10, projects[1].PersonnesRejointes);
    }

    [Theory]
    [InlineData("accepted/utf8-comma.csv")]
    [InlineData("accepted/windows1252-semicolon.csv")]
    [InlineData("accepted/envelope.json")]
    [InlineData("rejected/cell-errors.csv")]
    public async Task A_forward_only_stream_gives_the_same_report_as_a_seekable_one(string name)
    {
        var (seekable, fromSeekable) = await Fixture.ValidateAsync(name);
        var (forwardOnly, fromForwardOnly) = await Fixture.ValidateAsync(name, seekable: false);

        Assert.Equal(SolidaritePipeline.Reports.ReportJson.Serialize(seekable), SolidaritePipeline.Reports.ReportJson.Serialize(forwardOnly));
        Assert.Equal(fromSeekable, fromForwardOnly);
    }
}
