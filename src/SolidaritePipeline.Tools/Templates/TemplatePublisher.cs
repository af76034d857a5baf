using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Espace;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Tools.Templates;

/// <summary>
/// Writes every mandataire's template, XLSX and CSV, where the Espace mandataire reads them
/// (<see cref="PublishedTemplates"/>): <c>templates/{code}/modele-rapport-fqis.xlsx|.csv</c>. Run again
/// after the schema or the reference data changed; each file is replaced whole.
/// </summary>
public static class TemplatePublisher
{
    /// <summary>Publishes both files of every mandataire of <paramref name="catalog"/>; returns the number of files written.</summary>
    public static async Task<int> PublishAsync(BlobServiceClient blobs, ReferenceCatalog catalog, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.TemplatesContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var written = 0;
        foreach (var mandataire in catalog.Mandataires)
        {
            await UploadAsync(container, mandataire.Code, PublishedTemplates.XlsxFileName, PublishedTemplates.XlsxContentType,
                stream => SubmissionTemplate.WriteXlsx(stream, catalog, mandataire.Code), cancellationToken);
            await UploadAsync(container, mandataire.Code, PublishedTemplates.CsvFileName, PublishedTemplates.CsvContentType,
                stream => SubmissionTemplate.WriteCsv(stream, catalog, mandataire.Code), cancellationToken);
            written += 2;
        }

        return written;
    }

    private static async Task UploadAsync(
        BlobContainerClient container, string mandataire, string fileName, string contentType, Action<Stream> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        // ToArray, not the stream: a writer may close the stream it was given.
        await container.GetBlobClient(PublishedTemplates.BlobName(mandataire, fileName)).UploadAsync(
            BinaryData.FromBytes(buffer.ToArray()), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }
}
