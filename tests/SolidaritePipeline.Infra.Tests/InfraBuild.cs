namespace SolidaritePipeline.Infra.Tests;

/// <summary>
/// One compilation of the whole infra folder per test run: bicep build, bicep lint and bicep
/// build-params each run once over every file (the compiler takes seconds to start), and the tests
/// read their diagnostics and outputs.
/// </summary>
public sealed class InfraBuild
{
    /// <summary>What main.bicepparam reads from azd's environment, as azd would export it.</summary>
    public static readonly IReadOnlyDictionary<string, string> AzdEnvironment = new Dictionary<string, string>
    {
        ["AZURE_ENV_NAME"] = "test",
        ["AZURE_LOCATION"] = "canadacentral",
    };

    private static readonly Lazy<InfraBuild> Instance = new(() => new InfraBuild());

    private readonly string _templatesDirectory;
    private readonly string _parametersDirectory;

    private InfraBuild()
    {
        var output = Directory.CreateTempSubdirectory("solidarite-infra-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => output.Delete(recursive: true);
        _templatesDirectory = Path.Combine(output.FullName, "templates");
        _parametersDirectory = Path.Combine(output.FullName, "parameters");
        Build = Bicep.Run(["build", "--pattern", "**/*.bicep", "--outdir", _templatesDirectory]);
        Lint = Bicep.Run(["lint", "--pattern", "**/*.bicep*"], AzdEnvironment);
        BuildParams = Bicep.Run(["build-params", "--pattern", "**/*.bicepparam", "--outdir", _parametersDirectory], AzdEnvironment);
    }

    public static InfraBuild Current => Instance.Value;

    public BicepResult Build { get; }

    public BicepResult Lint { get; }

    public BicepResult BuildParams { get; }

    /// <summary>The compiled ARM template of infra/{relativePath} (a .bicep file).</summary>
    public ArmTemplate Template(string relativePath)
    {
        var path = Path.Combine(_templatesDirectory, Path.ChangeExtension(relativePath, ".json"));
        Assert.True(File.Exists(path), $"bicep build wrote no template for {relativePath}: {Build}");
        return ArmTemplate.Parse(File.ReadAllText(path));
    }

    /// <summary>The deployment parameters JSON built from infra/{relativePath} (a .bicepparam file).</summary>
    public string ParametersJson(string relativePath)
    {
        var path = Path.Combine(_parametersDirectory, Path.ChangeExtension(relativePath, ".json"));
        Assert.True(File.Exists(path), $"bicep build-params wrote nothing for {relativePath}: {BuildParams}");
        return File.ReadAllText(path);
    }

    /// <summary>Diagnostic lines (errors, warnings, infos) that a run reported about one file.</summary>
    public static IReadOnlyList<string> DiagnosticsFor(BicepResult result, string relativePath)
    {
        var fullPath = InfraFiles.PathOf(relativePath);
        return (result.StandardError + "\n" + result.StandardOutput)
            .Split('\n')
            .Where(line => line.StartsWith(fullPath + "(", StringComparison.Ordinal))
            .ToList();
    }
}
