using System.Security.Cryptography;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Tests.Validation;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Ingestion;

/// <summary>An upload is staged once and hashed once, on the way to disk, and the validator reuses that hash.</summary>
public sealed class StagedFileTests
{
    [Fact]
    public async Task Staging_keeps_every_byte_and_its_SHA256_taken_on_the_way_to_disk()
    {
        var bytes = Fixture.Bytes("accepted/utf8-comma.csv");
        var large = Enumerable.Repeat(bytes, 2_000).SelectMany(b => b).ToArray(); // past any one buffer
        using var staged = StagedFile.Create();

        await staged.WriteAsync((stream, ct) => new MemoryStream(large).CopyToAsync(stream, 4096, ct), CancellationToken.None);

        Assert.Equal(large, await File.ReadAllBytesAsync(staged.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(large)), staged.Sha256);
    }

    [Fact]
    public async Task The_validator_reports_the_hash_it_is_given_and_does_not_hash_the_file_again()
    {
        var bytes = Fixture.Bytes("accepted/utf8-comma.csv");
        var given = new string('a', 64); // not the file's hash: only a validator that trusts its caller reports it
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.csv", "rapport.csv", "test-submission", Fixture.ReceivedAt, given);

        var report = await new SubmissionValidator(ReferenceCatalog.Default).ValidateAsync(new MemoryStream(bytes), file);

        Assert.Equal((SubmissionStatus.Accepted, given), (report.Status, report.Sha256));
        var unhashed = await new SubmissionValidator(ReferenceCatalog.Default).ValidateAsync(new MemoryStream(bytes), file with { Sha256 = null });
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), unhashed.Sha256);
    }
}
