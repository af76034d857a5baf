using System.Text.Json;
using SolidaritePipeline.Cli;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tests.Validation;

namespace SolidaritePipeline.Tests.Cli;

/// <summary>design.md section 7: <c>mandataires</c> lists the codes, and codes are case-insensitive everywhere.</summary>
public sealed class MandataireCodeTests
{
    [Fact]
    public async Task Validate_accepts_an_upper_case_mandataire_and_reports_the_canonical_code()
    {
        var (exit, output, _) = await CliRun.RunAsync("validate", Fixture.PathOf("accepted/utf8-comma.csv"), "--mandataire", "ESTRIE", "--json");

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(output);
        Assert.Equal("estrie", report.RootElement.GetProperty("mandataire").GetString());
    }

    [Fact]
    public async Task Template_accepts_a_mixed_case_mandataire()
    {
        var folder = Directory.CreateTempSubdirectory("solidarite-template-");
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("template", "--out", folder.FullName, "--mandataire", "Estrie");

            Assert.True(exit == 0, error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Mandataires_lists_the_21_codes_with_their_territories_and_region_names()
    {
        var (exit, output, _) = await CliRun.RunAsync("mandataires");

        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("code\tterritoire\tregion_code\tregion_nom", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(21, rows.Length);
        Assert.Equal(ReferenceCatalog.Default.Mandataires.Select(m => m.Code), rows.Select(r => r[0]));
        Assert.Contains(rows, r => r is ["estrie", "Estrie", "05", "Estrie"]);
        Assert.Contains(rows, r => r is ["monteregie-est", _, "16", "Montérégie"]);
        Assert.All(rows, r => Assert.Equal(ReferenceCatalog.Default.FindRegion(r[2])!.Name, r[3]));
    }

    [Fact]
    public void The_catalog_finds_a_code_in_any_case_and_answers_with_the_lower_case_code()
    {
        Assert.Equal("monteregie-est", ReferenceCatalog.Default.FindMandataire("Monteregie-EST")?.Code);
    }

    [Fact]
    public void A_catalog_with_an_upper_case_code_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new ReferenceCatalog([new Region("05", "Estrie")], [new Mandataire("Estrie", "05", "Estrie")]));

        Assert.Contains("lower case", error.Message, StringComparison.Ordinal);
    }
}
