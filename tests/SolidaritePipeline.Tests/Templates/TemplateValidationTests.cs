using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Tests.Validation;
using SolidaritePipeline.Tools.Templates;

namespace SolidaritePipeline.Tests.Templates;

/// <summary>The template read back by the project's own validator, as a mandataire's upload would be.</summary>
public sealed class TemplateValidationTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.Default;

    public static TheoryData<string> Mandataires() => [.. Catalog.Mandataires.Select(m => m.Code)];

    [Theory]
    [MemberData(nameof(Mandataires))]
    public async Task The_xlsx_template_of_each_mandataire_is_accepted_with_its_example_project(string mandataire)
    {
        using var stream = new MemoryStream();
        SubmissionTemplate.WriteXlsx(stream, Catalog, mandataire);
        stream.Position = 0;

        var (report, projects) = await Fixture.ValidateAsync(stream, SubmissionTemplate.XlsxFileName, mandataire);

        Assert.True(report.IsAccepted, string.Join("; ", report.Errors.Select(e => $"{e.Code} {e.Field} {e.Value}")));
        Assert.Empty(report.Warnings);
        var project = Assert.Single(projects);
        Assert.Equal(Catalog.FindMandataire(mandataire)!.RegionCode, project.RegionCode);
        AssertExample(project);
    }

    [Fact]
    public async Task The_csv_template_is_accepted_with_the_same_example_project()
    {
        using var stream = new MemoryStream();
        SubmissionTemplate.WriteCsv(stream, Catalog, "estrie");
        stream.Position = 0;

        var (report, projects) = await Fixture.ValidateAsync(stream, SubmissionTemplate.CsvFileName, "estrie");

        Assert.True(report.IsAccepted, string.Join("; ", report.Errors.Select(e => $"{e.Code} {e.Field} {e.Value}")));
        Assert.Equal(";", report.Delimiter);
        Assert.Empty(report.Warnings);
        var project = Assert.Single(projects);
        Assert.Equal("05", project.RegionCode);
        AssertExample(project);
    }

    [Fact]
    public async Task Every_value_a_drop_down_offers_is_accepted_as_its_schema_code()
    {
        var axes = SchemaV1.AxesIntervention;
        var clienteles = SchemaV1.ClientelesCibles;
        var statuts = SchemaV1.Statuts;
        var rowCount = Math.Max(axes.Count, clienteles.Count);
        using var stream = new MemoryStream();
        using (var sheet = XlsxSheetWriter.Create(stream, SubmissionTemplate.SheetName, SubmissionTemplate.Columns(Catalog)))
        {
            for (var i = 0; i < rowCount; i++)
            {
                var cells = SubmissionTemplate.ExampleRow(Catalog, "estrie").ToArray();
                cells[Index("no_projet")] = $"P-{i + 1:000}";
                cells[Index("axe_intervention")] = axes[i % axes.Count].LabelFr;
                cells[Index("clientele_cible")] = clienteles[i % clienteles.Count].LabelFr;
                cells[Index("statut")] = statuts[i % statuts.Count].LabelFr;
                sheet.WriteRow(cells);
            }
        }

        stream.Position = 0;
        var (report, projects) = await Fixture.ValidateAsync(stream, "rapport.xlsx", "estrie");

        Assert.True(report.IsAccepted, string.Join("; ", report.Errors.Select(e => $"{e.Code} {e.Row} {e.Field} {e.Value}")));
        Assert.Equal(Enumerable.Range(0, rowCount).Select(i => axes[i % axes.Count].Code), projects.Select(p => p.AxeIntervention));
        Assert.Equal(Enumerable.Range(0, rowCount).Select(i => clienteles[i % clienteles.Count].Code), projects.Select(p => p.ClienteleCible));
        Assert.Equal(Enumerable.Range(0, rowCount).Select(i => statuts[i % statuts.Count].Code), projects.Select(p => p.Statut));
    }

    private static int Index(string field) => SchemaV1.Fields.ToList().FindIndex(f => f.Name == field);

    private static void AssertExample(Project project)
    {
        Assert.Equal("2022-2023", project.Exercice);
        Assert.Equal("EXEMPLE-001", project.NoProjet);
        Assert.Equal("Exemple fictif — à remplacer", project.TitreProjet);
        Assert.Equal("securite_alimentaire", project.AxeIntervention);
        Assert.Equal("familles", project.ClienteleCible);
        Assert.Equal(12500.50m, project.MontantFqis);
        Assert.Equal(2000m, project.MontantAutresSources);
        Assert.Equal(new DateOnly(2022, 4, 1), project.DateDebut);
        Assert.Equal(new DateOnly(2023, 3, 31), project.DateFin);
        Assert.Equal(120, project.PersonnesRejointes);
        Assert.Equal(ProjectStatus.EnCours, project.Statut);
        Assert.Null(project.Neq);
    }
}
