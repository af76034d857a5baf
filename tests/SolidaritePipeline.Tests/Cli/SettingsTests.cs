using SolidaritePipeline.Cli;

namespace SolidaritePipeline.Tests.Cli;

/// <summary>Every command reads the settings through the composition root, which checks them once and strictly.</summary>
public sealed class SettingsTests
{
    // Nothing listens on port 1: a command that got as far as the storage would fail with exit 3, not 2.
    private const string UnreachableStorage = "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:1";

    [Theory]
    [InlineData("Validation__MaxRows", "beaucoup", "status")]
    [InlineData("Validation__MaxBytes", "-5", "reconcile")]
    [InlineData("Ingestion__MaxAttempts", "0", "run", "--once")]
    public async Task A_malformed_setting_is_a_usage_error_naming_it_before_storage_is_reached(string setting, string value, params string[] command)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, name => name == setting ? value : null, CancellationToken.None);

        var exit = await CliApp.RunAsync([.. command, "--storage", UnreachableStorage], context);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains($"Setting {setting}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
