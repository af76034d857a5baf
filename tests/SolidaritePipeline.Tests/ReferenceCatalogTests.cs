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
