using System.Diagnostics;

namespace SolidaritePipeline.IntegrationTests.Cli;

/// <summary>
/// design.md section 7: an environment error (storage unreachable, malformed connection string,
/// unwritable path) is exit code 3 and one line in French and English on standard error, never a
/// stack trace. Run as a real process, since an unhandled exception only shows as one there.
/// </summary>
public sealed class EnvironmentErrorTests
{
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    private const string UnreachableStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1";

    [Theory]
    [InlineData("status")]
    [InlineData("reconcile")]
    [InlineData("publish")]
    [InlineData("run", "--once")]
    public async Task A_command_against_unreachable_storage_exits_3_with_one_bilingual_line_within_seconds(params string[] command)
    {
        var clock = Stopwatch.StartNew();
        var result = await SolidariteProcess.RunAsync([.. command, "--storage", UnreachableStorage]);

        AssertEnvironmentError(result, "stockage injoignable / storage unreachable");
        // The probe does not retry: far below the minutes the SDK's default retries would take.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_malformed_connection_string_exits_3_without_echoing_it()
    {
        var result = await SolidariteProcess.RunAsync(["status", "--storage", "AccountKey=secret-looking-value;not a setting"]);

        AssertEnvironmentError(result, "chaîne de connexion au stockage mal formée / malformed storage connection string");
        Assert.DoesNotContain("secret-looking-value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_output_under_proc_exits_3()
    {
        var result = await SolidariteProcess.RunAsync(["template", "--out", "/proc/x"]);

        AssertEnvironmentError(result, "chemin de sortie impossible à écrire / output path not writable");
    }

    [Fact]
    public async Task A_template_output_under_a_file_exits_3()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await SolidariteProcess.RunAsync(["template", "--out", Path.Combine(file, "modele")]);

            AssertEnvironmentError(result, "chemin de sortie impossible à écrire / output path not writable");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertEnvironmentError(SolidariteProcess.Result result, string bilingual)
    {
        Assert.Equal(3, result.Exit);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(bilingual, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}

/// <summary>Runs <c>solidarite</c> from the build beside the tests, with no storage setting inherited.</summary>
internal static class SolidariteProcess
{
    public sealed record Result(int Exit, string Out, string Error);

    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "solidarite.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("AzureWebJobsStorage");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("solidarite did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new(process.ExitCode, await output, await error);
    }
}
