using System.Security.Cryptography;
using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Tests.Validation;

namespace SolidaritePipeline.Tests.Reading;

public sealed class SubmissionContentTests
{
    private static async Task<SubmissionContent> LoadAsync(byte[] bytes, bool seekable, long maxBytes = 0) =>
        await SubmissionContent.LoadAsync(
            seekable ? new MemoryStream(bytes) : new Fixture.NonSeekableStream(bytes), keep: true, maxBytes, CancellationToken.None);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_character_cut_by_a_read_boundary_is_still_utf8(bool seekable)
    {
        // "é" is two bytes; put them on both sides of every plausible buffer boundary.
        var text = new StringBuilder();
        for (var i = 0; i < 70_000; i++) text.Append(i % 997 == 0 ? 'é' : 'a');
        for (var shift = 0; shift < 3; shift++)
        {
            var bytes = Encoding.UTF8.GetBytes(new string('a', shift) + text);
            await using var content = await LoadAsync(bytes, seekable);

            Assert.True(content.IsValidUtf8);
        }
    }

    [Fact]
    public async Task A_windows_1252_byte_deep_in_a_large_file_is_found()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 200_000)).Append((byte)0xE9).ToArray();

        await using var content = await LoadAsync(bytes, seekable: false);

        Assert.False(content.IsValidUtf8);
    }

    [Fact]
    public async Task A_forward_only_stream_is_copied_whole_and_hashed_as_read()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        await using var content = await LoadAsync(bytes, seekable: false);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), content.Sha256);
        Assert.Equal(bytes.Length, content.Length);
        using var copy = new MemoryStream();
        await content.Stream!.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Past_the_limit_the_whole_file_is_still_hashed()
    {
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        await using var content = await LoadAsync(bytes, seekable: false, maxBytes: 1000);

        Assert.True(content.TooLarge);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), content.Sha256);
        Assert.Equal(bytes.Length, content.Length);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 0)]
    [InlineData(true, 1_000)]
    public async Task Content_hashed_alongside_its_reading_has_the_sha256_of_all_its_bytes(bool file, long maxBytes)
    {
        var bytes = RandomNumberGenerator.GetBytes(300_001);
        var path = Path.Combine(Path.GetTempPath(), "alongside-" + Path.GetRandomFileName());
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            await using Stream source = file
                ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4_096, FileOptions.DeleteOnClose)
                : new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
            await using var content = await SubmissionContent.LoadAsync(
                source, keep: true, maxBytes, knownSha256: null, recordCutsEvery: 0, hashAlongside: true, CancellationToken.None);

            await content.WhenHashed;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), content.Sha256);
            Assert.Equal(bytes.Length, content.Length);
            Assert.Equal(maxBytes > 0, content.TooLarge);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
