using System.Text.Json;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// <c>latest.json</c> (design.md section 6): <c>{ "date", "path", "generatedAt", "files": [ { "name",
/// "bytes", "sha256" } ] }</c>, the one file a portal reads first to find the current snapshot.
/// </summary>
public static class SnapshotManifest
{
    public static byte[] Write(DateOnly date, string path, DateTimeOffset generatedAt, IEnumerable<PublishedFile> files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, OpenDataFormat.JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("date", OpenDataFormat.Date(date));
            json.WriteString("path", path);
            json.WriteString("generatedAt", generatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("files");
            foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
