using System.Diagnostics;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>
/// The built <c>solidarite</c> command run as a child process, as a person or a service manager
/// would run it, so that it can be killed for real (SIGKILL: no cleanup, no <c>finally</c>).
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _error = new();
    private readonly TaskCompletionSource _firstOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outcomes;

    private LocalHostProcess(Process process) => _process = process;

    /// <summary>Uploads this run reported as accepted or rejected so far.</summary>
    public int Outcomes => Volatile.Read(ref _outcomes);

    /// <summary>Completes when the run reports its first accepted or rejected upload: from then on, other uploads are in flight.</summary>
    public Task FirstOutcome => _firstOutcome.Task;

    /// <summary>What it wrote to standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error) return _error.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>solidarite {arguments}</c> from the build beside the tests; its temp files go to <paramref name="tempDirectory"/>.</summary>
    public static LocalHostProcess Start(string tempDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "solidarite.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["TMPDIR"] = tempDirectory;
        start.Environment.Remove("AzureWebJobsStorage");

        var process = Process.Start(start) ?? throw new InvalidOperationException("solidarite did not start.");
        var host = new LocalHostProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (host._error) host._error.AppendLine(e.Data);
            if (e.Data is { } line && (line.StartsWith("accepted ", StringComparison.Ordinal) || line.StartsWith("rejected ", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref host._outcomes);
                host._firstOutcome.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return host;
    }

    /// <summary>Waits for the process to end by itself, up to <paramref name="timeout"/>; returns whether it did.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
