using System.Diagnostics;

namespace SolidaritePipeline.IntegrationTests.Cli;

/// <summary>
/// The README's install lines: <c>dotnet pack</c>, then <c>dotnet tool install</c> from the packed
/// folder, then <c>solidarite --version</c>. With <c>--tool-path</c> instead of <c>--global</c>, and a
/// NuGet configuration that names the packed folder only, so it runs offline.
/// </summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_that_installs_from_a_local_folder_and_answers_version()
    {
        var root = RepositoryRoot();
        // bin/{Configuration}/net10.0/: pack what the tests were built with, without building again.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var work = Directory.CreateTempSubdirectory("solidarite-tool-");
        try
        {
            var pack = Path.Combine(work.FullName, "pack");
            var tools = Path.Combine(work.FullName, "tools");
            var config = Path.Combine(work.FullName, "nuget.config");
            await File.WriteAllTextAsync(config,
                $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="pack" value="{pack}" /></packageSources></configuration>""");

            await DotnetAsync(root, "pack", Path.Combine(root, "src", "SolidaritePipeline.Cli"), "-c", configuration, "--no-build", "-o", pack);
            await DotnetAsync(work.FullName, "tool", "install", "--tool-path", tools, "--configfile", config, "SolidaritePipeline.Cli");
            var version = await RunAsync(work.FullName, Path.Combine(tools, OperatingSystem.IsWindows() ? "solidarite.exe" : "solidarite"), "--version");

            Assert.Equal(0, version.Exit);
            Assert.Matches(@"^solidarite \d+\.\d+\.\d+", version.Out.Trim());
            Assert.Equal($"solidarite {SolidaritePipeline.Cli.CliApp.Version}", version.Out.Trim());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SolidaritePipeline.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("SolidaritePipeline.sln not found above the tests.");
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await RunAsync(workingDirectory, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments);
        Assert.True(result.Exit == 0, $"dotnet {string.Join(' ', arguments)} exited {result.Exit}:\n{result.Out}\n{result.Error}");
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
