using System.Globalization;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>
/// One line per finished stage on standard error, with its counts and its time. In a terminal, a
/// counter shows the files of a long stage as they go, then the finished line replaces it.
/// </summary>
internal sealed class DemoProgress(TextWriter error, TimeProvider time, int stages, bool interactive)
{
    private readonly long _start = time.GetTimestamp();
    private long _stageStart;
    private string _stage = "";
    private int _number;

    public TimeSpan Elapsed => time.GetElapsedTime(_start);

    public void Begin(string stage)
    {
        _stage = stage;
        _stageStart = time.GetTimestamp();
        _number++;
    }

    public void Tick(int done, int total)
    {
        if (interactive) error.Write($"\r[{_number}/{stages}] {_stage}: {done}/{total}…");
    }

    public void Done(string details)
    {
        if (interactive) error.Write("\r\u001b[K"); // clear the counter line
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{_number}/{stages}] {_stage}: {details} ({time.GetElapsedTime(_stageStart).TotalSeconds:0.0} s)"));
    }
}
