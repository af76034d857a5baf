using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolidaritePipeline.Submissions;

/// <summary>
/// The canonical form of accepted data in the <c>normalized</c> container: JSON Lines, one
/// <see cref="Project"/> per line, schema v1 field names, money as exact JSON decimals, dates as
/// <c>AAAA-MM-JJ</c>. Ingestion writes it; publication and reconciliation read it back.
/// </summary>
public static class NormalizedProjects
{
    public const string ContentType = "application/x-ndjson; charset=utf-8";
    public const string Extension = ".jsonl";

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>Writes one project as one line.</summary>
    public static void Write(Utf8JsonWriter writer, Stream output, Project project)
    {
        writer.Reset(output);
        JsonSerializer.Serialize(writer, project, Options);
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>Reads every project of a canonical stream, in order.</summary>
    public static async IAsyncEnumerable<Project> ReadAsync(
        Stream input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) continue;
            yield return JsonSerializer.Deserialize<Project>(line, Options)
                ?? throw new InvalidDataException("A normalized line holds null.");
        }
    }
}

/// <summary>Streams projects into a canonical JSON Lines stream.</summary>
public sealed class NormalizedProjectWriter(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    public int Count { get; private set; }

    public void Write(Project project)
    {
        NormalizedProjects.Write(_writer, output, project);
        Count++;
    }

    public void Dispose() => _writer.Dispose();
}
