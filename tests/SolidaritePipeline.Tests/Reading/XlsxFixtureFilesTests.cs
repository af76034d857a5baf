using System.IO.Compression;

namespace SolidaritePipeline.Tests.Reading;

public sealed class XlsxFixtureFilesTests
{
    public static TheoryData<string> ZipFixtures() =>
        [.. XlsxFixtureFiles.Workbooks.Keys.Where(name => name != XlsxFixtureFiles.LyingHeader)];

    [Theory]
    [MemberData(nameof(ZipFixtures))]
    public void The_committed_fixture_holds_what_its_generator_writes(string name)
    {
        if (Environment.GetEnvironmentVariable("SOLIDARITE_REGENERATE_FIXTURES") == "1")
        {
            XlsxFixtureFiles.WriteAll();
            return;
        }

        using var committed = new ZipArchive(File.OpenRead(XlsxFixtureFiles.Path(name)), ZipArchiveMode.Read);
        using var generated = new ZipArchive(new MemoryStream(XlsxFixtureFiles.Build(name)), ZipArchiveMode.Read);

        Assert.Equal(generated.Entries.Select(e => e.FullName), committed.Entries.Select(e => e.FullName));
        foreach (var entry in generated.Entries)
            Assert.True(Inflate(entry).SequenceEqual(Inflate(committed.GetEntry(entry.FullName)!)), $"{name}: {entry.FullName} differs");
    }

    [Fact]
    public void The_lying_header_fixture_declares_its_worksheet_no_larger_than_its_compressed_bytes()
    {
        using var zip = new ZipArchive(File.OpenRead(XlsxFixtureFiles.Path(XlsxFixtureFiles.LyingHeader)), ZipArchiveMode.Read);
        var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!;

        Assert.Equal(sheet.CompressedLength, sheet.Length);
        Assert.True(sheet.Length < XlsxFixtureFiles.BombInflatedBytes / 100);
    }

    [Fact]
    public void The_non_zip_fixture_is_a_renamed_csv()
    {
        Assert.Equal(XlsxFixtureFiles.NotAZipBytes(), File.ReadAllBytes(XlsxFixtureFiles.Path(XlsxFixtureFiles.NotAZip)));
    }

    private static byte[] Inflate(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
