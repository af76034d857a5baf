using System.Diagnostics;

namespace SolidaritePipeline.Infra.Tests;

/// <summary>
/// azure.yaml and infra/scripts/postdeploy.sh, the third deployment step, run with a stand-in `az`
/// that records each call and answers like Azure would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentHookTests : IDisposable
{
    private const string BlobsExtensionKey = "k3y-that-must-never-be-printed";

    private readonly DirectoryInfo _fakeBin = Directory.CreateTempSubdirectory("solidarite-fake-az-");

    public DeploymentHookTests()
    {
        // Answers `functionapp show` with a host name and `functionapp keys list` with the key;
        // records every call, one per line.
        var az = $$"""
            #!/bin/sh
            echo "$*" >> "$(dirname "$0")/az-calls"
            case "$1 $2" in
              "functionapp show") echo "func-solidarite-test.azurewebsites.net" ;;
              "functionapp keys") echo "{{BlobsExtensionKey}}" ;;
            esac
            """;
        Write("az", az);
        Write("curl", "#!/bin/sh\nexit 0\n");
    }

    private string[] Calls => File.ReadAllLines(Path.Combine(_fakeBin.FullName, "az-calls"));

    [Fact]
    public void Azd_deploys_the_functions_project_then_runs_the_subscription_hook()
    {
        var yaml = File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "azure.yaml"));

        Assert.Contains("  functions:\n    project: ./src/SolidaritePipeline.Functions\n    language: dotnet\n    host: function\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  postdeploy:\n", yaml, StringComparison.Ordinal);
        Assert.Contains("run: ./infra/scripts/postdeploy.sh\n", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(InfraFiles.RepositoryRoot, "src/SolidaritePipeline.Functions/SolidaritePipeline.Functions.csproj")));
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(InfraFiles.PathOf("scripts/postdeploy.sh")) & UnixFileMode.UserExecute);
    }

    [Fact]
    public void The_hook_deploys_the_subscription_template_with_main_outputs_and_never_shows_the_key()
    {
        var (exitCode, output, error) = RunHook();

        Assert.True(exitCode == 0, error);
        var deployment = Assert.Single(Calls, call => call.StartsWith("deployment group create", StringComparison.Ordinal));
        Assert.Contains("--resource-group rg-solidarite-test", deployment, StringComparison.Ordinal);
        Assert.Contains("--template-file " + InfraFiles.PathOf("eventgrid.bicep"), deployment, StringComparison.Ordinal);
        Assert.Contains("functionAppName=func-solidarite-test", deployment, StringComparison.Ordinal);
        Assert.Contains("storageAccountName=stsolidaritetest", deployment, StringComparison.Ordinal);
        Assert.Contains("systemTopicName=evgt-solidarite-test", deployment, StringComparison.Ordinal);
        Assert.Contains("deadLetterContainerName=eventgrid-deadletter", deployment, StringComparison.Ordinal);
        Assert.DoesNotContain(BlobsExtensionKey, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(BlobsExtensionKey, deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hook_fails_when_the_key_never_appears()
    {
        Write("az", "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/az-calls\"\n[ \"$1\" = functionapp ] && [ \"$2\" = show ] && echo host.example\nexit 0\n");

        var (exitCode, _, error) = RunHook(("SOLIDARITE_KEY_WAIT_ATTEMPTS", "1"));

        Assert.Equal(1, exitCode);
        Assert.Contains("blobs_extension", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Calls, call => call.StartsWith("deployment", StringComparison.Ordinal));
    }

    public void Dispose() => _fakeBin.Delete(recursive: true);

    private void Write(string name, string content)
    {
        var path = Path.Combine(_fakeBin.FullName, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int ExitCode, string Output, string Error) RunHook(params (string Name, string Value)[] extra)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(InfraFiles.PathOf("scripts/postdeploy.sh"));
        start.Environment["PATH"] = _fakeBin.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-solidarite-test";
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-solidarite-test";
        start.Environment["AZURE_STORAGE_ACCOUNT_NAME"] = "stsolidaritetest";
        start.Environment["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-solidarite-test";
        start.Environment["AZURE_EVENTGRID_DEADLETTER_CONTAINER"] = "eventgrid-deadletter";
        foreach (var (name, value) in extra)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
