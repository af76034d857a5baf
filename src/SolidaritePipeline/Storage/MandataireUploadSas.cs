using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Storage;

/// <summary>How long an upload grant lives.</summary>
public sealed record MandataireUploadSasOptions
{
    /// <summary>The longest grant this issuer signs: a few days covers a weekend, not a season.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(72);

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The grant starts this much in the past, so a client clock slightly behind is not refused.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>The right to upload one file: a URL that carries its SAS.</summary>
public sealed record MandataireUploadGrant(string Mandataire, string BlobName, Uri UploadUri, DateTimeOffset ExpiresOn);

/// <summary>
/// Issues a mandataire the right to write exactly one blob, <c>uploads/{mandataire}/{file}</c>: a
/// blob-scoped SAS with create and write permissions only (no read, list or delete). In Azure, where
/// shared keys are off, it is a user-delegation SAS signed with the caller's identity; against a
/// shared-key account (Azurite) it is a service SAS with the same scope.
/// </summary>
public sealed partial class MandataireUploadSas(BlobServiceClient service, ReferenceCatalog catalog, TimeProvider time)
{
    public async Task<MandataireUploadGrant> IssueAsync(
        string mandataire, string fileName, MandataireUploadSasOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Codes are case-insensitive: the grant is for the canonical (lower-case) folder.
        mandataire = catalog.FindMandataire(mandataire)?.Code
            ?? throw new ArgumentException($"Unknown mandataire code: '{mandataire}'.", nameof(mandataire));
        if (!PlainFileName().IsMatch(fileName) || fileName.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Invalid file name '{fileName}': letters, digits, '.', '_', '-' and spaces only, no folder.", nameof(fileName));
        }
        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > MandataireUploadSasOptions.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Lifetime, $"Lifetime must be positive and at most {MandataireUploadSasOptions.MaxLifetime}.");
        }

        var blobName = $"{mandataire}/{fileName}";
        var blob = service.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(blobName);
        var now = time.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, now + options.Lifetime)
        {
            BlobContainerName = StorageNames.UploadsContainer,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - options.ClockSkew,
            // Azure endpoints are HTTPS, so the grant is HTTPS-only there; Azurite serves plain HTTP.
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

        Uri uploadUri;
        if (blob.CanGenerateSasUri)
        {
            uploadUri = blob.GenerateSasUri(sas);
        }
        else
        {
            var key = await service.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, cancellationToken).ConfigureAwait(false);
            uploadUri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, service.AccountName) }.ToUri();
        }
        return new MandataireUploadGrant(mandataire, blobName, uploadUri, sas.ExpiresOn);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$")]
    private static partial Regex PlainFileName();
}
