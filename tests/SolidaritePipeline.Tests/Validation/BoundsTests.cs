using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// The ceilings of amounts and people, and the window of dates around the exercice: the same rule
/// for every format, so that <c>validate</c> and ingestion (one code path) agree on every file.
/// </summary>
public sealed class BoundsTests
{
    private const string Header =
        "exercice;no_projet;titre_projet;organisme_promoteur;region_code;axe_intervention;clientele_cible;" +
        "montant_fqis;montant_autres_sources;date_debut;date_fin;personnes_rejointes;statut\n";

    private static string Row(string number, string fqis = "1000", string other = "0", string start = "2022-04-01", string end = "2023-03-31",
        string people = "10", string exercice = "2022-2023") =>
        $"{exercice};{number};Projet;Organisme;05;logement;familles;{fqis};{other};{start};{end};{people};en_cours\n";

    private static string Json(string fqis, string other) =>
        "{ \"exercice\": \"2022-2023\", \"projets\": [ { \"no_projet\": \"J-1\", \"titre_projet\": \"Projet\", \"organisme_promoteur\": \"Organisme\", " +
        "\"region_code\": \"05\", \"axe_intervention\": \"logement\", \"clientele_cible\": \"familles\", " +
        $"\"montant_fqis\": {fqis}, \"montant_autres_sources\": {other}, \"date_debut\": \"2022-04-01\", \"date_fin\": \"2023-03-31\", " +
        "\"personnes_rejointes\": 10, \"statut\": \"en_cours\" } ] }";

    [Fact]
    public async Task Fifty_quadrillion_dollars_from_other_sources_in_a_csv_is_a_constraint_error_that_names_the_field_and_the_ceiling()
    {
        var (report, projects) = await Fixture.ValidateTextAsync(Header + Row("E-1", other: "50 000 000 000 000 000,00 $"));

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        Assert.Empty(projects);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("constraint-error", (int?)2, "montant_autres_sources"), (error.Code, error.Row, error.Field));
        Assert.Equal("Le montant « 50 000 000 000 000 000,00 $ » de « montant_autres_sources » (Montant d'autres sources ($)) dépasse le maximum de 100 000 000 $.",
            error.Message.Fr.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal("The amount “50 000 000 000 000 000,00 $” of “montant_autres_sources” is over the maximum of $100,000,000.", error.Message.En);
    }

    [Fact]
    public async Task Fifty_quadrillion_dollars_from_other_sources_in_json_is_the_same_constraint_error()
    {
        var (report, _) = await Fixture.ValidateTextAsync(Json("1000", "50000000000000000"), "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal(("constraint-error", (int?)1, "montant_autres_sources"), (error.Code, error.Row, error.Field));
        Assert.Contains("100 000 000", error.Message.Fr.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Contains("$100,000,000", error.Message.En);
    }

    [Fact]
    public async Task Fifty_quadrillion_dollars_from_other_sources_in_an_excel_number_cell_is_the_same_constraint_error()
    {
        var bytes = XlsxSubmissionTests.Workbook(
            ["2022-2023", "X-1", "Projet", "Organisme", null, "05", null, "logement", "familles",
             1000d, 5e16d, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), 10d, "en_cours", null]);

        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal(("constraint-error", (int?)2, "montant_autres_sources"), (error.Code, error.Row, error.Field));
        Assert.Contains("$100,000,000", error.Message.En);
    }

    [Fact]
    public async Task Amounts_and_people_exactly_at_their_ceilings_are_accepted_and_one_cent_or_one_person_more_is_not()
    {
        var (accepted, projects) = await Fixture.ValidateTextAsync(
            Header + Row("E-1", fqis: "5 000 000,00", other: "100 000 000,00", people: "1 000 000"));
        var (rejected, _) = await Fixture.ValidateTextAsync(Header
            + Row("E-1", fqis: "5 000 000,01")
            + Row("E-2", other: "100 000 000,01")
            + Row("E-3", people: "1 000 001"));

        Assert.Empty(accepted.Errors);
        Assert.Equal((5_000_000m, 100_000_000m, 1_000_000), (projects[0].MontantFqis, projects[0].MontantAutresSources, projects[0].PersonnesRejointes));
        Assert.Equal(
            [
                ("constraint-error", (int?)2, (string?)"montant_fqis"),
                ("constraint-error", 3, "montant_autres_sources"),
                ("constraint-error", 4, "personnes_rejointes"),
            ],
            Fixture.Issues(rejected.Errors));
    }

    [Theory]
    [InlineData("1850-04-01", "2023-03-31", "date_debut", "1850-04-01")]
    [InlineData("2022-04-01", "9999-12-31", "date_fin", "9999-12-31")]
    [InlineData("0001-01-01", "2023-03-31", "date_debut", "0001-01-01")]
    [InlineData("31/03/2012", "2023-03-31", "date_debut", "2012-03-31")]
    [InlineData("2022-04-01", "01/04/2033", "date_fin", "2033-04-01")]
    public async Task A_date_more_than_ten_years_away_from_the_exercice_is_a_constraint_error(string start, string end, string field, string iso)
    {
        var (report, projects) = await Fixture.ValidateTextAsync(Header + Row("E-1", start: start, end: end));

        Assert.Empty(projects);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("constraint-error", (int?)2, field), (error.Code, error.Row, error.Field));
        Assert.Equal(
            $"La date « {iso} » de « {field} » ({(field == "date_debut" ? "Date de début" : "Date de fin")}) est trop loin de l'exercice 2022-2023 : " +
            "elle doit être entre le 2012-04-01 et le 2033-03-31 (10 ans avant ou après l'exercice). Vérifiez l'année.",
            error.Message.Fr);
        Assert.Equal(
            $"The date “{iso}” of “{field}” is too far from fiscal year 2022-2023: it must be between 2012-04-01 and 2033-03-31 " +
            "(10 years before or after the fiscal year). Check the year.",
            error.Message.En);
    }

    [Fact]
    public async Task Dates_on_the_edges_of_the_ten_year_window_are_accepted()
    {
        var (report, projects) = await Fixture.ValidateTextAsync(Header
            + Row("E-1", start: "2012-04-01", end: "2033-03-31")
            + Row("E-2", start: "2024-01-01", end: "2025-12-31", exercice: "2023-2024"), "rapport.csv");

        Assert.Equal(["exercice-mismatch"], report.Errors.Select(e => e.Code)); // the second row's window is its own exercice's
        Assert.Equal(["E-1"], projects.Select(p => p.NoProjet));
    }

    [Fact]
    public async Task An_envelope_exercice_sets_the_window_of_projects_that_omit_theirs()
    {
        var json = "{ \"exercice\": \"2022-2023\", \"projets\": [ { \"no_projet\": \"J-1\", \"titre_projet\": \"Projet\", \"organisme_promoteur\": \"Organisme\", " +
            "\"region_code\": \"05\", \"axe_intervention\": \"logement\", \"clientele_cible\": \"familles\", " +
            "\"montant_fqis\": 10, \"date_debut\": \"2022-04-01\", \"date_fin\": \"2099-03-31\", " +
            "\"personnes_rejointes\": 10, \"statut\": \"en_cours\" } ] }";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal(("constraint-error", (int?)1, "date_fin"), (error.Code, error.Row, error.Field));
    }
}
