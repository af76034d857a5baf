namespace SolidaritePipeline.Infra.Tests;

/// <summary>The repository's infra folder and its Bicep files, found from the test assembly upwards.</summary>
public static class InfraFiles
{
    private static readonly Lazy<string> Infra = new(Find);

    public static string InfraDirectory => Infra.Value;

    public static string RepositoryRoot => Path.GetDirectoryName(InfraDirectory)!;

    /// <summary>Every .bicep file under infra/, relative to it, in a stable order.</summary>
    public static IReadOnlyList<string> BicepFiles() => Relative("*.bicep");

    /// <summary>Every .bicepparam file under infra/, relative to it.</summary>
    public static IReadOnlyList<string> ParameterFiles() => Relative("*.bicepparam");

    public static string PathOf(string relative) => Path.Combine(InfraDirectory, relative);

    private static List<string> Relative(string pattern) =>
        Directory.EnumerateFiles(InfraDirectory, pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(InfraDirectory, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "infra");
            if (File.Exists(Path.Combine(candidate, "main.bicep")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No infra/main.bicep above " + AppContext.BaseDirectory);
    }
}
