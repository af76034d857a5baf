using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Tests;

public sealed class ReferenceCatalogTests
{
    [Fact]
    public void The_shipped_catalog_has_17_regions_and_21_mandataires()
    {
        var catalog = ReferenceCatalog.Default;

        Assert.Equal(17, catalog.Regions.Count);
        Assert.Equal(21, catalog.Mandataires.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => i.ToString("00")), catalog.Regions.Select(r => r.Code));
    }

    [Theory]
    [InlineData("jamesie", "10")]
    [InlineData("eeyou-istchee", "10")]
    [InlineData("nunavik", "10")]
    [InlineData("longueuil", "16")]
    [InlineData("centre-du-quebec", "17")]
    public void Each_mandataire_belongs_to_its_region(string code, string region)
    {
        Assert.Equal(region, ReferenceCatalog.Default.FindMandataire(code)?.RegionCode);
    }

    [Fact]
    public void Region_names_keep_their_accents_and_dashes()
    {
        Assert.Equal("Saguenay–Lac-Saint-Jean", ReferenceCatalog.Default.FindRegion("02")?.Name);
        Assert.Equal("Côte-Nord", ReferenceCatalog.Default.FindRegion("09")?.Name);
    }

    [Fact]
    public void A_mandataire_in_an_unknown_region_is_refused()
    {
        var regions = new StringReader("code,nom\n01,Bas-Saint-Laurent\n");
        var mandataires = new StringReader("code,region_code,territoire\nailleurs,42,Ailleurs\n");

        Assert.Throws<InvalidDataException>(() => ReferenceCatalog.Load(regions, mandataires));
    }
}

public sealed class CodeListsTests
{
    [Fact]
    public void Schema_v1_takes_its_codes_and_French_labels_from_the_reference_files_with_an_English_label_for_each()
    {
        Assert.Equal(CodeLists.Axes.Select(c => (c.Code, c.LabelFr)), SolidaritePipeline.Submissions.SchemaV1.AxesIntervention.Select(v => (v.Code, v.LabelFr)));
        Assert.Equal(8, CodeLists.Clienteles.Count);
        Assert.Equal("Aînés", CodeLists.Clienteles.Single(c => c.Code == "aines").LabelFr);
        Assert.Equal(["en_cours", "termine", "annule"], CodeLists.Statuts.Select(s => s.Code));
        Assert.All(CodeLists.Axes.Concat(CodeLists.Clienteles).Concat(CodeLists.Statuts), c =>
        {
            Assert.NotEqual("", c.LabelEn);
            Assert.Matches("^[a-z_]+$", c.Code);
        });
    }
}

public sealed class ExerciceDatesTests
{
    [Fact]
    public void An_exercice_runs_from_the_first_of_April_to_the_thirty_first_of_March()
    {
        var exercice = SolidaritePipeline.Publishing.ExerciceDates.FromCode("2023-2024");

        Assert.Equal(new DateOnly(2023, 4, 1), exercice.Start);
        Assert.Equal(new DateOnly(2024, 3, 31), exercice.End);
    }

    [Theory]
    [InlineData(100000L, 125050L, "+25,1\u00A0%")]
    [InlineData(125050L, 62525L, "−50,0\u00A0%")]
    [InlineData(300L, 301L, "+0,3\u00A0%")]
    [InlineData(0L, 5L, "nouveau")]
    [InlineData(0L, 0L, "0,0\u00A0%")]
    [InlineData(100000000000L, 100000000000L, "0,0\u00A0%")]
    [InlineData(1000L, 12345000L, "+1\u202F234\u202F400,0\u00A0%")]
    public void The_change_from_one_exercice_to_the_next_is_a_French_percentage_to_one_decimal(long before, long after, string expected)
    {
        Assert.Equal(expected, SolidaritePipeline.Publishing.SnapshotIndexPage.Change(before, after));
    }
}
