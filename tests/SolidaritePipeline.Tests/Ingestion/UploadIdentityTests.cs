using System.Security.Cryptography;
using System.Text;
using Azure;
using SolidaritePipeline.Ingestion;

namespace SolidaritePipeline.Tests.Ingestion;

public sealed class UploadIdentityTests
{
    private static readonly DateTimeOffset Uploaded = new(2026, 11, 26, 9, 3, 11, TimeSpan.FromHours(-5));

    [Fact]
    public void The_submission_id_is_the_UTC_upload_time_then_twelve_hex_digits_of_the_name_and_ETag_hash()
    {
        var identity = UploadIdentity.From("estrie/rapport.csv", Uploaded, new ETag("\"0x8DC1\""));

        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("estrie/rapport.csv\n\"0x8DC1\"")));
        Assert.Equal($"20261126T140311000Z-{hex[..12]}", identity.SubmissionId);
        Assert.Equal("estrie", identity.Mandataire);
        Assert.Equal("rapport.csv", identity.FileName);
        Assert.Equal("uploads/estrie/rapport.csv", identity.Source);
        Assert.True(identity.PathIsValid);
    }

    [Fact]
    public void A_redelivered_event_finds_the_same_id_and_a_new_upload_of_the_same_name_a_different_one()
    {
        var first = UploadIdentity.From("estrie/rapport.csv", Uploaded, new ETag("\"0x1\""));
        var again = UploadIdentity.From("estrie/rapport.csv", Uploaded, new ETag("\"0x1\""));
        var overwritten = UploadIdentity.From("estrie/rapport.csv", Uploaded, new ETag("\"0x2\""));

        Assert.Equal(first.SubmissionId, again.SubmissionId);
        Assert.NotEqual(first.SubmissionId, overwritten.SubmissionId);
    }

    [Theory]
    [InlineData("rapport.csv", "_racine")]
    [InlineData("estrie/2023/rapport.csv", "estrie")]
    [InlineData("estrie/../../opendata/latest.json", "estrie")]
    [InlineData("estrie/%2E%2E/%2E%2E/opendata/latest.json", "estrie")]
    [InlineData("estrie/%2E%2E", "estrie")]
    [InlineData("estrie/%252E%252E", "estrie")]
    [InlineData("estrie/..", "estrie")]
    [InlineData("estrie/.", "estrie")]
    [InlineData("estrie/rapport.", "estrie")]
    [InlineData("estrie/a%2Fb.csv", "estrie")]
    [InlineData("estrie/a%5Cb.csv", "estrie")]
    [InlineData("estrie/a\\b.csv", "estrie")]
    [InlineData("estrie/a%00b.csv", "estrie")]
    [InlineData("estrie/rap\u0007port.csv", "estrie")]
    [InlineData("estrie/rap\u0085port.csv", "estrie")]
    [InlineData("estrie/", "estrie")]
    [InlineData("/rapport.csv", "_invalide")]
    [InlineData("../latest.json", "_invalide")]
    [InlineData("estrie\\..\\..\\opendata/latest.json", "_invalide")]
    [InlineData("est rie/rapport.csv", "_invalide")]
    [InlineData("sher#brooke/rapport.csv", "_invalide")]
    public void A_blob_outside_uploads_mandataire_name_is_a_path_error(string blobName, string reportedUnder)
    {
        var identity = UploadIdentity.From(blobName, Uploaded, new ETag("\"1\""));

        Assert.False(identity.PathIsValid);
        Assert.Equal(reportedUnder, identity.Mandataire);
    }

    [Theory]
    [InlineData("estrie/rapport.csv")]
    [InlineData("Estrie/Rapport final 2022-2023 (v2).xlsx")]
    [InlineData("monteregie-est/rapport 100%.csv")]
    [InlineData("estrie/rapport%20final.csv")]
    [InlineData("estrie/.rapport.csv")]
    [InlineData("sherbrooke/rapport.csv")]
    public void A_file_directly_in_a_plain_folder_is_a_valid_path(string blobName)
    {
        var identity = UploadIdentity.From(blobName, Uploaded, new ETag("\"1\""));

        Assert.True(identity.PathIsValid);
        // The folder is read in lower case (codes are case-insensitive); the file name is kept as sent.
        Assert.Equal($"{identity.Mandataire}/{identity.FileName}", blobName.Split('/')[0].ToLowerInvariant() + "/" + blobName.Split('/')[1]);
        Assert.Equal(blobName, identity.BlobName);
    }

    [Fact]
    public void A_name_whose_archive_name_would_pass_1024_characters_is_a_path_error_filed_under_a_short_name()
    {
        var longest = "estrie/" + new string('r', UploadName.MaxFileNameLength("estrie"));
        var tooLong = longest + "r";
        var hugeFolder = new string('m', 64) + "/r.csv";

        var fits = UploadIdentity.From(longest, Uploaded, new ETag("\"1\""));
        var over = UploadIdentity.From(tooLong, Uploaded, new ETag("\"1\""));
        var huge = UploadIdentity.From(hugeFolder, Uploaded, new ETag("\"1\""));

        Assert.True(fits.PathIsValid);
        Assert.Equal(1024, fits.ArchiveBlob.Length);
        Assert.False(over.PathIsValid);
        Assert.Equal($"estrie/{over.SubmissionId}/nom-invalide", over.ArchiveBlob);
        Assert.False(huge.PathIsValid);
        Assert.Equal(("_invalide", "r.csv"), (huge.Mandataire, huge.FileName));
    }

    [Theory]
    [InlineData("../../opendata/latest.json")]
    [InlineData("estrie\\..\\..\\opendata/x.csv")]
    [InlineData("a/b/c/../../../../reports/x")]
    [InlineData("%2E%2E/%2E%2E/x")]
    public void Whatever_the_name_the_archive_and_report_names_hold_no_dot_segment_or_backslash(string blobName)
    {
        var identity = UploadIdentity.From(blobName, Uploaded, new ETag("\"1\""));

        foreach (var name in new[] { identity.ArchiveBlob, identity.ReportBlob(".json"), identity.NormalizedBlob("2022-2023") })
        {
            Assert.DoesNotContain(name.Split('/'), s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal) || s.Length == 0);
            Assert.True(name.Length <= UploadName.MaxBlobNameLength);
        }
    }
}
