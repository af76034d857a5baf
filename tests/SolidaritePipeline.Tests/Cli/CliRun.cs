using SolidaritePipeline.Cli;

namespace SolidaritePipeline.Tests.Cli;

/// <summary>Runs <c>solidarite</c> in-process with no settings and captures its exit code and both streams.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliContext(output, error, TimeProvider.System, _ => null, CancellationToken.None));
        return (exit, output.ToString(), error.ToString());
    }
}
