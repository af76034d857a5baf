namespace SolidaritePipeline.Cli;

/// <summary>
/// The machine, not the command line, is in the way: storage unreachable or refused, a malformed
/// connection string, an output path that cannot be written. Exit code 3, one line in French and
/// English, never a stack trace (design.md section 7).
/// </summary>
public sealed class EnvironmentException(string french, string english, string detail, Exception? inner = null)
    : Exception($"{french} / {english}: {detail}", inner)
{
    /// <summary>The message on one line: the detail of an SDK error may span several.</summary>
    public string OneLine => string.Join(' ', Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Creates <paramref name="directory"/>, or says in one line why it cannot be.</summary>
    public static string CreateOutputDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw Unwritable(directory, e);
        }
    }

    public static EnvironmentException Unwritable(string path, Exception e) =>
        new("chemin de sortie impossible à écrire", "output path not writable", $"{path} ({e.GetType().Name}: {e.Message})", e);
}
