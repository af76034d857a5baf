using System.Diagnostics;

namespace SolidaritePipeline.Infra.Tests;

/// <summary>
/// infra/scripts/new-mandataire-sas.sh, run with a stand-in `az` on the PATH that records the
/// arguments it receives: the script's checks and the exact SAS it asks Azure for.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MandataireSasScriptTests : IDisposable
{
    private readonly DirectoryInfo _fakeBin = Directory.CreateTempSubdirectory("solidarite-fake-az-");

    public MandataireSasScriptTests()
    {
        var az = Path.Combine(_fakeBin.FullName, "az");
        File.WriteAllText(az, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/az-arguments\"\necho 'sv=2024-08-04&sr=b&sp=cw&sig=signature'\n");
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string RecordedArguments => File.ReadAllText(Path.Combine(_fakeBin.FullName, "az-arguments"));

    [Fact]
    public void It_asks_for_a_create_write_https_user_delegation_sas_on_one_blob_of_uploads()
    {
        var (exitCode, output, error) = Run("--account", "stsolidariteprod", "--mandataire", "estrie", "--file", "rapport 2022.csv", "--hours", "6");

        Assert.True(exitCode == 0, error);
        var arguments = RecordedArguments.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["storage", "blob", "generate-sas"], arguments[..3]);
        Assert.Equal("uploads", ValueOf(arguments, "--container-name"));
        Assert.Equal("estrie/rapport 2022.csv", ValueOf(arguments, "--name"));
        Assert.Equal("cw", ValueOf(arguments, "--permissions"));
        Assert.Equal("login", ValueOf(arguments, "--auth-mode"));
        Assert.Contains("--as-user", arguments);
        Assert.Contains("--https-only", arguments);
        var expiry = DateTimeOffset.Parse(ValueOf(arguments, "--expiry"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromHours(5.9), TimeSpan.FromHours(6.1));
        Assert.Equal(
            "https://stsolidariteprod.blob.core.windows.net/uploads/estrie/rapport%202022.csv?sv=2024-08-04&sr=b&sp=cw&sig=signature",
            output.Trim());
    }

    [Theory]
    [InlineData("quebec", "rapport.csv", "24")]
    [InlineData("estrie", "../montreal/rapport.csv", "24")]
    [InlineData("estrie", "dossier/rapport.csv", "24")]
    [InlineData("estrie", "rapport.csv", "73")]
    [InlineData("estrie", "rapport.csv", "0")]
    public void It_refuses_what_would_reach_beyond_one_file_or_three_days(string mandataire, string file, string hours)
    {
        var (exitCode, _, error) = Run("--account", "stsolidariteprod", "--mandataire", mandataire, "--file", file, "--hours", hours);

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(error);
        Assert.False(File.Exists(Path.Combine(_fakeBin.FullName, "az-arguments")), "az was called");
    }

    public void Dispose() => _fakeBin.Delete(recursive: true);

    private static string ValueOf(string[] arguments, string option) => arguments[Array.IndexOf(arguments, option) + 1];

    private (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(InfraFiles.PathOf("scripts/new-mandataire-sas.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = _fakeBin.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
