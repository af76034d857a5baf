using SolidaritePipeline.Cli;

namespace SolidaritePipeline.Tests.Cli;

public sealed class RunCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("quatre")]
    public async Task Run_refuses_a_parallelism_outside_1_to_64_before_touching_storage(string parallel)
    {
        // A storage that cannot be reached: a usage error must come first, with exit 2.
        var (exit, _, error) = await CliRun.RunAsync("run", "--once", "--parallel", parallel, "--storage", "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:1");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("--parallel", error, StringComparison.Ordinal);
        Assert.Contains("usage: solidarite run [--once] [--parallel N]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_help_names_the_parallelism_and_its_default()
    {
        var (exit, output, _) = await CliRun.RunAsync("run", "--help");

        Assert.Equal(CliApp.ExitOk, exit);
        Assert.Contains("--parallel N", output, StringComparison.Ordinal);
        Assert.Contains("N at once (default 4)", output, StringComparison.Ordinal);
    }
}
