using Azure.Storage.Blobs.Models;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Ingestion;

/// <summary>Writes a validation report to <c>reports/{mandataire}/{submissionId}.json</c> and its readable <c>.html</c> twin.</summary>
internal static class ReportBlobs
{
    /// <summary>Returns the JSON report's name with its container, as the <c>Submissions</c> row stores it.</summary>
    public static async Task<string> WriteAsync(StorageClients storage, UploadIdentity upload, ValidationReport report, CancellationToken ct)
    {
        var container = storage.Container(StorageNames.ReportsContainer);
        var jsonName = upload.ReportBlob(".json");
        await container.GetBlobClient(jsonName).UploadAsync(
            BinaryData.FromString(ReportJson.Serialize(report)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ReportJson.ContentType } },
            ct);
        await container.GetBlobClient(upload.ReportBlob(".html")).UploadAsync(
            BinaryData.FromString(ReportHtml.Render(report)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ReportHtml.ContentType } },
            ct);
        return $"{StorageNames.ReportsContainer}/{jsonName}";
    }
}
