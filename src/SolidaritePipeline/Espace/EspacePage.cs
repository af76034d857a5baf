using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;

namespace SolidaritePipeline.Espace;

/// <summary>
/// The Espace mandataire's page: static HTML, CSS and plain JavaScript embedded in the library
/// (<c>Espace/wwwroot</c>), so the Functions app and <c>solidarite serve</c> serve the same bytes.
/// </summary>
public static class EspacePage
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["espace.css"] = "text/css; charset=utf-8",
        ["espace.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>The file at <paramref name="path"/> (empty for the page itself), or 404.</summary>
    public static BiReadResponse Get(string? path)
    {
        var name = string.IsNullOrEmpty(path) || path == "/" ? "index.html" : path.TrimStart('/');
        if (!Types.TryGetValue(name, out var type))
            return new BiReadResponse(404, "text/plain; charset=utf-8", "Introuvable. / Not found."u8.ToArray());
        using var stream = typeof(EspacePage).Assembly.GetManifestResourceStream($"SolidaritePipeline.Espace.wwwroot.{name}")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new BiReadResponse(200, type, buffer.ToArray());
    }
}
