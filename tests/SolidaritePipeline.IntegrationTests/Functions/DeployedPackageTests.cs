using SolidaritePipeline.Espace;
using SolidaritePipeline.Functions;

namespace SolidaritePipeline.IntegrationTests.Functions;

/// <summary>The Functions app deploys the pipeline and nothing else: the demo's synthetic data and the template writer stay out.</summary>
public sealed class DeployedPackageTests
{
    private const string Tools = "SolidaritePipeline.Tools";

    // This test project is built at tests/{project}/bin/{configuration}/{framework}/; the Functions app
    // at src/SolidaritePipeline.Functions/bin/{configuration}/{framework}/.
    private static string FunctionsBuildOutput()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var root = here;
        while (!File.Exists(Path.Combine(root.FullName, "SolidaritePipeline.sln"))) root = root.Parent ?? throw new DirectoryNotFoundException("SolidaritePipeline.sln");
        return Path.Combine(root.FullName, "src", "SolidaritePipeline.Functions", "bin", configuration, framework);
    }

    [Fact]
    public void The_Functions_build_output_has_the_pipeline_but_not_the_tools_assembly()
    {
        var output = FunctionsBuildOutput();

        Assert.True(File.Exists(Path.Combine(output, "SolidaritePipeline.Functions.dll")), $"{output} holds no Functions build.");
        Assert.True(File.Exists(Path.Combine(output, "SolidaritePipeline.dll")));
        Assert.False(File.Exists(Path.Combine(output, Tools + ".dll")));
        Assert.DoesNotContain(Tools, File.ReadAllText(Path.Combine(output, "SolidaritePipeline.Functions.deps.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_the_Functions_app_nor_the_library_it_deploys_references_the_tools()
    {
        Assert.DoesNotContain(typeof(FunctionsServices).Assembly.GetReferencedAssemblies(), a => a.Name == Tools);
        Assert.DoesNotContain(typeof(EspaceApi).Assembly.GetReferencedAssemblies(), a => a.Name == Tools);
        Assert.DoesNotContain(typeof(EspaceApi).Assembly.GetTypes(), t => t.Namespace?.EndsWith(".Demo", StringComparison.Ordinal) == true
            || t.Namespace?.EndsWith(".Templates", StringComparison.Ordinal) == true);
    }
}
