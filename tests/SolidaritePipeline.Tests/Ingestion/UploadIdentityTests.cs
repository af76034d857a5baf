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
    public void A_blob_outside_uploads_mandataire_name_is_a_path_error(string blobName, string reportedUnder)
    {
        var identity = UploadIdentity.From(blobName, Uploaded, new ETag("\"1\""));

        Assert.False(identity.PathIsValid);
        Assert.Equal(reportedUnder, identity.Mandataire);
    }
}
