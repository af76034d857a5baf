namespace SolidaritePipeline.Cli;

/// <summary>
/// Everything a command may reach outside itself: its output streams, the clock, the environment
/// and cancellation. Tests build one with string writers and a fake clock.
/// </summary>
public sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time,
    Func<string, string?> GetEnvironmentVariable,
    CancellationToken CancellationToken)
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static CliContext FromConsole(CancellationToken cancellationToken) =>
        new(Console.Out, Console.Error, TimeProvider.System, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>Storage from <c>--storage</c>, else <c>AzureWebJobsStorage</c>, else Azurite's default (design.md section 7).</summary>
    public string ResolveStorage(string? connectionString) =>
        connectionString
        ?? (GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } fromSetting ? fromSetting : DevelopmentStorage);
}
