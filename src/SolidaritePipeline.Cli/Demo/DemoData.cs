using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>The synthetic files the demo uploads: one place, so its test generates exactly the same ones.</summary>
internal static class DemoData
{
    public static SyntheticSubmissions Generate(ReferenceCatalog catalog, int seed) =>
        SyntheticSubmissions.Generate(catalog, seed);
}
