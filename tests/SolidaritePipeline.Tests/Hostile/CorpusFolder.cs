using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>A folder the corpus is written to: a temporary one deleted on dispose, or one a person asked for.</summary>
internal sealed class CorpusFolder : IDisposable
{
    public CorpusFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "solidarite-hostile-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes the input as <c>{class}/{name}/{file name}</c> and returns its path.</summary>
    public string Write(HostileInput input) => Write(Path, input);

    public string HtmlPath(HostileInput input) => System.IO.Path.Combine(Path, input.Class, input.Name, "rapport.html");

    private static string Write(string root, HostileInput input)
    {
        var directory = System.IO.Path.Combine(root, input.Class, input.Name);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, input.FileName);
        input.WriteTo(path);
        return path;
    }

    /// <summary>Writes every input and <c>manifest.tsv</c> (name, class, file, bytes, mandataire, expected report); returns the manifest's path.</summary>
    public static string WriteAll(string root, IEnumerable<HostileInput> inputs)
    {
        Directory.CreateDirectory(root);
        var manifest = new StringBuilder("name\tclass\tfile\tbytes\tmandataire\texpected\n");
        foreach (var input in inputs)
        {
            var path = Write(root, input);
            var file = System.IO.Path.GetRelativePath(root, path);
            manifest.Append(CultureInfo.InvariantCulture,
                $"{input.Name}\t{input.Class}\t{file}\t{new FileInfo(path).Length}\t{(input.Mandataire.Length > 40 ? input.Mandataire[..40] + "…" : input.Mandataire)}\t{input.Expected}\n");
        }

        var manifestPath = System.IO.Path.Combine(root, "manifest.tsv");
        File.WriteAllText(manifestPath, manifest.ToString());
        return manifestPath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary folder is cleaned by the system.
        }
    }
}
