using System.Text;
using System.Text.Json;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tests.Publishing;

public sealed class ProjectsTableTests
{
    private static readonly Project Sample = new(
        "2022-2023", "P-1", "=Cuisine, écrire à info@example.org", "Organisme", null, "05", null, "securite-alimentaire",
        "familles", 12500.50m, 0m, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), 120, "termine", "contact@example.org");

    [Fact]
    public async Task A_project_is_written_to_CSV_and_JSON_under_the_same_names_from_one_definition()
    {
        var table = OpenDataTables.Projects(ReferenceCatalog.Default);
        var row = new PublishedProject("estrie", Sample with
        {
            AxeIntervention = CodeLists.Axes[0].Code, ClienteleCible = CodeLists.Clienteles[0].Code, Statut = CodeLists.Statuts[0].Code,
        });

        var csv = Encoding.UTF8.GetString(await table.ToCsvAsync([row], CancellationToken.None)).TrimStart('\uFEFF').Split("\r\n");
        using var json = JsonDocument.Parse(table.ToJson([row]));

        var names = table.Definition.Fields.Select(f => f.Name).ToArray();
        Assert.Equal(string.Join(',', names), csv[0]);
        Assert.Equal(names, json.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("courriel_contact", names);
        var project = json.RootElement[0];
        Assert.Equal("Estrie", project.GetProperty("region_nom").GetString());
        Assert.Equal("12500.50", project.GetProperty("montant_fqis").GetRawText());
        Assert.Equal(1250050L, project.GetProperty("montant_fqis_cents").GetInt64());
        Assert.Equal(JsonValueKind.Null, project.GetProperty("neq").ValueKind);
        Assert.DoesNotContain("info@example.org", csv[1]);
        Assert.StartsWith("2022-2023,estrie,05,Estrie,P-1,\"'=Cuisine, écrire à ", csv[1]);
        Assert.EndsWith(",12500.50,0.00,2022-04-01,2023-03-31,120," + CodeLists.Statuts[0].Code + ",1250050,0", csv[1]);
    }
}
