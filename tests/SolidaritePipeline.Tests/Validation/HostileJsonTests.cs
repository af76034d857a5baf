using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>JSON envelopes that say two things, projects of countless properties, names too long to echo.</summary>
public sealed class HostileJsonTests
{
    private const long MiB = HostileRun.MiB;

    [Fact]
    public async Task A_json_envelope_with_projets_twice_is_a_format_error_rather_than_keeping_the_first_list()
    {
        var project = """{"exercice":"2022-2023","no_projet":"EST-001","titre_projet":"Cuisines","organisme_promoteur":"Moisson","region_code":"05","axe_intervention":"logement","clientele_cible":"familles","montant_fqis":100,"date_debut":"2022-04-01","date_fin":"2023-03-31","personnes_rejointes":1,"statut":"en_cours"}""";
        var json = $$"""{"exercice":"2022-2023","projets":[{{project}}],"projets":[]}""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FormatError, error.Code);
        Assert.Contains("“projets” of the JSON object is given twice", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_envelope_with_exercice_twice_is_a_format_error()
    {
        var json = """{"exercice":"2022-2023","exercice":"2023-2024","projets":[]}""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FormatError, error.Code);
        Assert.Contains("« exercice » de l'objet JSON est donnée deux fois", error.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_project_with_more_properties_than_the_column_limit_is_a_format_error_naming_it()
    {
        var properties = string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"\"note_{i}\":{i}"));
        var json = $$"""[{"exercice":"2022-2023"},{{{properties}}}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors, e => e.Code == IssueCodes.FormatError);
        Assert.Equal((int?)2, error.Row);
        Assert.Contains("more than 1,024 properties", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countless_distinct_json_property_names_are_each_warned_of_without_being_remembered_past_the_column_limit()
    {
        var projects = Enumerable.Range(0, 3_000).Select(i => $$"""{"inconnue_{{i}}":1,"inconnue_0":2,"exercice":"2022-2023"}""");
        var json = $"[{string.Join(',', projects)}]";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json", options: new ValidationOptions { MaxColumns = 100 });

        // inconnue_0 is remembered and warned of once; of the others, the first 99 are remembered,
        // the rest warned of each time, as they are all new: 3 000 warnings in all.
        Assert.Equal(3_000, report.WarningCount);
        Assert.All(report.Warnings, w => Assert.Equal(IssueCodes.ExtraLabel, w.Code));
        Assert.Single(report.Warnings, w => w.Field == "inconnue_0");
    }

    [Fact]
    public async Task A_json_property_name_of_a_megabyte_is_echoed_cut_to_200_characters()
    {
        var name = new string('p', 1_000_000);
        var json = $$"""[{"{{name}}":1,"exercice":"2022-2023"}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var warning = Assert.Single(report.Warnings);
        Assert.Equal(IssueCodes.ExtraLabel, warning.Code);
        HostileRun.AssertCut(warning.Field);
        HostileRun.AssertCut(warning.Value);
        Assert.InRange(warning.Message.Fr.Length, 1, 400);
        HostileRun.AssertReportsStaySmall(report);
    }

    [Fact]
    public async Task What_a_json_project_showed_before_the_file_broke_off_inside_it_is_still_reported()
    {
        var tooDeep = new string('[', 40) + new string(']', 40);
        var json = $$"""[{"inconnue":1,"titre_projet":{},"montant_fqis":{{tooDeep}}}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var warning = Assert.Single(report.Warnings);
        Assert.Equal((IssueCodes.ExtraLabel, (int?)1, "inconnue"), (warning.Code, warning.Row, warning.Field));
        Assert.Single(report.Errors, e => e.Code == IssueCodes.TypeError && e.Row == 1 && e.Field == "titre_projet");
        Assert.Single(report.Errors, e => e.Code == IssueCodes.FormatError && e.Message.En.Contains("levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_property_name_holding_half_a_surrogate_pair_is_an_encoding_error_not_an_unreadable_file()
    {
        var json = """[{"exercice":"2022-2023","\ud800":1}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.EncodingError, (int?)null), (error.Code, error.Row));
        Assert.Contains("escape alone, without its other half", error.Message.En, StringComparison.Ordinal);
    }
}
