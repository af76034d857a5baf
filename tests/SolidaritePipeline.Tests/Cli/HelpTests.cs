using SolidaritePipeline.Cli;

namespace SolidaritePipeline.Tests.Cli;

/// <summary>design.md section 7: every command's --help lists its options, its exit codes and an example; usage errors are exit 2.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands() => new(CliApp.CreateCommands().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_command_help_lists_every_option_with_its_description_the_exit_codes_and_an_example(string name)
    {
        var command = CliApp.CreateCommands().Single(c => c.Name == name);

        var (exit, output, error) = await CliRun.RunAsync([.. name.Split(' '), "--help"]);

        Assert.Equal(CliApp.ExitOk, exit);
        Assert.Equal("", error);
        Assert.Contains($"Usage:\n  solidarite {command.Usage}", output, StringComparison.Ordinal);
        foreach (var option in command.Command.Options.Where(o => o.Name != "--help"))
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{name} {option.Name} has no description");
            Assert.Contains(option.Name, output, StringComparison.Ordinal);
            Assert.Contains(option.Description!, output, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes:\n  0  ", output, StringComparison.Ordinal);
        Assert.Contains($"  2  {CliApp.UsageMeaning}", output, StringComparison.Ordinal);
        Assert.Contains($"Example:\n  solidarite {name}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_value_is_shown_beside_its_option()
    {
        var (_, output, _) = await CliRun.RunAsync("serve", "--help");

        Assert.Matches(@"--port <N>\s+The local port to listen on, 1 to 65535\. \[default: 8080\]", output);
    }

    [Fact]
    public async Task The_top_level_help_lists_every_command_and_the_exit_codes()
    {
        var (exit, output, _) = await CliRun.RunAsync("--help");

        Assert.Equal(CliApp.ExitOk, exit);
        foreach (var command in CliApp.CreateCommands().Where(c => c.Parent is null))
            Assert.Contains($"  {command.Name}", output, StringComparison.Ordinal);
        Assert.Contains("3  environment error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_prints_the_help_on_standard_error_and_exits_2()
    {
        var (exit, output, error) = await CliRun.RunAsync();

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Equal("", output);
        Assert.Contains("mandataires", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_is_a_usage_error_naming_it_before_anything_runs(string name)
    {
        var (exit, output, error) = await CliRun.RunAsync([.. name.Split(' '), "--colour", "rouge"]);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Equal("", output);
        Assert.Contains("'--colour'", error, StringComparison.Ordinal);
        Assert.Contains($"usage: solidarite {name}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "--exercice")]
    [InlineData("publish", "--date")]
    [InlineData("run", "--parallel")]
    public async Task An_option_without_its_value_is_a_usage_error(string name, string option)
    {
        var (exit, _, error) = await CliRun.RunAsync(name, option);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (exit, _, error) = await CliRun.RunAsync("valider");

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("'valider'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var (exit, output, _) = await CliRun.RunAsync("--version");

        Assert.Equal(CliApp.ExitOk, exit);
        Assert.Equal($"solidarite {CliApp.Version}", output.Trim());
    }
}
