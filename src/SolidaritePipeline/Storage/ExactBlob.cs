using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SolidaritePipeline.Storage;

/// <summary>
/// A blob addressed by its exact name, whatever the name holds. The SDK builds a blob's URI with
/// <see cref="Uri"/>, which resolves <c>.</c> and <c>..</c> segments: a client for
/// <c>uploads/estrie/../../opendata/latest.json</c> addresses <c>opendata/latest.json</c>. With
/// <paramref name="escapeSeparators"/>, requests go out with every <c>/</c> of the name escaped as
/// <c>%2F</c>: <see cref="Uri"/> then sees one segment and resolves nothing, and the service decodes
/// it back to the stored name. Only the names <c>.</c> and <c>..</c> cannot be addressed at all.
/// </summary>
public sealed class ExactBlob(BlobContainerClient container, string name, bool escapeSeparators)
{
    internal const string PathProperty = "SolidaritePipeline.ExactBlobPath";

    private readonly BlobClient _client = container.GetBlobClient(name);

    public string Name => name;

    public bool IsAddressable => name is not ("." or "..");

    public async Task<BlobProperties> GetPropertiesAsync(CancellationToken cancellationToken)
    {
        using var _ = Scope();
        return (await _client.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
    }

    public async Task DownloadToAsync(Stream destination, BlobDownloadToOptions options, CancellationToken cancellationToken)
    {
        using var _ = Scope();
        await _client.DownloadToAsync(destination, options, cancellationToken);
    }

    public async Task<bool> DeleteIfExistsAsync(BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        using var _ = Scope();
        return (await _client.DeleteIfExistsAsync(conditions: conditions, cancellationToken: cancellationToken)).Value;
    }

    private IDisposable? Scope()
    {
        if (!IsAddressable) throw new InvalidOperationException($"The blob name '{name}' cannot be addressed.");
        return escapeSeparators
            ? HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?>
            {
                [PathProperty] = container.Uri.AbsolutePath.TrimEnd('/') + "/" + Uri.EscapeDataString(name),
            })
            : null;
    }
}

/// <summary>Sends the requests of an <see cref="ExactBlob"/> scope to its escaped path; before signing, so a shared key signs that path.</summary>
internal sealed class ExactBlobPathPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.TryGetProperty(ExactBlob.PathProperty, out var path) && path is string exact)
            message.Request.Uri.Path = exact;
    }
}
