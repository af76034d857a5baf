using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Tools.Demo;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>The demo's local folder: the synthetic files as uploaded, and copies of what the pipeline wrote.</summary>
internal static class DemoFolder
{
    private const string Notice =
        "Données synthétiques (fictives) produites par « solidarite demo » : organismes, projets, montants et courriels\n" +
        "sont inventés. Synthetic (fictitious) data made by `solidarite demo`: organisations, projects, amounts and e-mails\n" +
        "are made up.\n";

    /// <summary>A path as the user will type or click it: relative when under the working directory.</summary>
    public static string Show(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>Writes every synthetic file under <c>{folder}/{mandataire}/{file}</c>, replacing a previous demo's files.</summary>
    public static async Task WriteSubmissionsAsync(string folder, SyntheticSubmissions synthetic, CancellationToken ct)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "LISEZMOI.txt"), Notice, Encoding.UTF8, ct);
        foreach (var file in synthetic.Files)
        {
            var path = Path.Combine(folder, file.Mandataire, file.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content, ct);
        }
    }

    /// <summary>Copies every blob under <paramref name="prefix"/> to <paramref name="folder"/> (emptied first); returns how many.</summary>
    public static async Task<int> DownloadAsync(BlobContainerClient container, string prefix, string folder, CancellationToken ct)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var count = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct))
        {
            var local = Path.Combine(folder, blob.Name[prefix.Length..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await container.GetBlobClient(blob.Name).DownloadToAsync(local, ct);
            count++;
        }

        return count;
    }
}
