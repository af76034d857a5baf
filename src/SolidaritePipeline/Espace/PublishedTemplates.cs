using Azure;
using Azure.Storage.Blobs;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Espace;

/// <summary>
/// The report templates the Espace mandataire hands out, as files in the <c>templates</c> container:
/// <c>templates/{mandataire}/modele-rapport-fqis.xlsx</c> and <c>.csv</c>, the example row in the
/// mandataire's region. They are written ahead of time, by <c>solidarite template publish</c> (and by
/// <c>serve</c> and <c>demo</c>), so the deployed app carries no template writer; it only reads them.
/// </summary>
public sealed class PublishedTemplates(BlobServiceClient blobs)
{
    public const string XlsxFileName = "modele-rapport-fqis.xlsx";
    public const string CsvFileName = "modele-rapport-fqis.csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The blob name, inside the <c>templates</c> container, of one mandataire's template file.</summary>
    public static string BlobName(string mandataire, string fileName) => $"{mandataire}/{fileName}";

    /// <summary>The file's bytes, or null when it was not published yet.</summary>
    public async Task<byte[]?> ReadAsync(string mandataire, string fileName, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.TemplatesContainer).GetBlobClient(BlobName(mandataire, fileName));
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
