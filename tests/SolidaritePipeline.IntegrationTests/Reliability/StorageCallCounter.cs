using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SolidaritePipeline.IntegrationTests.Reliability;

/// <summary>
/// Counts storage transactions as Azure bills them: every attempt that goes out, retries included
/// (a per-retry policy). Each is keyed by service, method and container or table, e.g. <c>blob PUT archive</c>.
/// The end-to-end benchmark compiles this same file (linked in its project) to count what it measures.
/// </summary>
public sealed class StorageCallCounter(int blobPort) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public long Blob => _counts.Where(c => c.Key.StartsWith("blob ", StringComparison.Ordinal)).Sum(c => c.Value);

    public long Table => _counts.Where(c => c.Key.StartsWith("table ", StringComparison.Ordinal)).Sum(c => c.Value);

    public IReadOnlyDictionary<string, long> ByKind => _counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary();

    public void Reset() => _counts.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var service = uri.Port == blobPort ? "blob" : "table";
        // Path: /devstoreaccount1/{container or table}/… ; a table batch is /devstoreaccount1/$batch.
        var segments = uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = segments.Length > 1 ? segments[1] : "(account)";
        var paren = target.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) target = target[..paren];
        _counts.AddOrUpdate($"{service} {message.Request.Method} {target}", 1, (_, n) => n + 1);
    }

    public string Describe() => string.Join(", ", ByKind.Select(c => $"{c.Key} ×{c.Value}"));
}
