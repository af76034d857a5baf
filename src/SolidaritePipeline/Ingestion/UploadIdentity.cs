using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Ingestion;

/// <summary>
/// Who an upload is, decided from the blob alone so that every delivery of the same event finds the
/// same answer. <see cref="UploadedAt"/> is the blob's <c>LastModified</c>: the time its content was
/// committed. (<c>CreatedOn</c> is not used: it can survive an overwrite of the same name, which
/// would make a corrected <c>rapport.csv</c> look as old as the file it corrects.)
/// </summary>
public sealed record UploadIdentity(
    string BlobName,
    string Mandataire,
    string FileName,
    bool PathIsValid,
    DateTimeOffset UploadedAt,
    ETag ETag,
    string SubmissionId)
{
    /// <summary>The upload as the report shows it: <c>uploads/estrie/rapport.csv</c>.</summary>
    public string Source => $"{StorageNames.UploadsContainer}/{BlobName}";

    /// <summary>
    /// <c>{upload time, UTC, yyyyMMddTHHmmssfffZ}-{first 12 hex digits of SHA-256(blob name, newline, ETag)}</c>:
    /// the same for every delivery of one upload, different for a new upload of the same name (new ETag),
    /// and ordered by upload time when compared ordinally.
    /// </summary>
    public static UploadIdentity From(string blobName, DateTimeOffset lastModified, ETag etag)
    {
        var uploadedAt = lastModified.ToUniversalTime();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{blobName}\n{etag}"));
        var id = uploadedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(hash)[..12];

        // Anything but uploads/{mandataire}/{file} is a path-error, filed under names safe for blobs and table keys.
        var name = UploadName.Check(blobName);
        return new UploadIdentity(blobName, name.Folder, name.FileName, name.IsValid, uploadedAt, etag, id);
    }

    /// <summary>The <c>Submissions</c> row of this upload when processing failed before any outcome.</summary>
    public SubmissionRecord FailedRecord(DateTimeOffset at) =>
        new(Mandataire, SubmissionId, LedgerStatus.Failed, null, 0, 0, 0, null, Source, null, null, null, UploadedAt, at, null);

    public string ArchiveBlob => $"{Mandataire}/{SubmissionId}/{FileName}";

    public string NormalizedBlob(string exercice) => $"{Mandataire}/{exercice}/{SubmissionId}.jsonl";

    public string ReportBlob(string extension) => $"{Mandataire}/{SubmissionId}{extension}";
}
