using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Infra.Tests;

/// <summary>What a mandataire can do with its upload grant, checked against real storage (Azurite).</summary>
public sealed class MandataireUploadSasTests
{
    private static readonly MandataireUploadSasOptions Options = new();

    [Fact]
    public async Task A_grant_lets_the_mandataire_create_and_replace_its_one_file()
    {
        await using var azurite = await Azurite.StartAsync();
        var service = await PreparedStorageAsync(azurite);
        var grant = await Issuer(service, TimeProvider.System).IssueAsync("estrie", "rapport 2022-2023.csv", Options, CancellationToken.None);

        await new BlobClient(grant.UploadUri).UploadAsync(BinaryData.FromString("premier"), overwrite: true);
        await new BlobClient(grant.UploadUri).UploadAsync(BinaryData.FromString("second"), overwrite: true);

        var stored = await service.GetBlobContainerClient("uploads").GetBlobClient("estrie/rapport 2022-2023.csv").DownloadContentAsync();
        Assert.Equal("second", stored.Value.Content.ToString());
        Assert.Equal("estrie/rapport 2022-2023.csv", grant.BlobName);
        var query = System.Web.HttpUtility.ParseQueryString(grant.UploadUri.Query);
        Assert.Equal("cw", query["sp"]);
        Assert.Equal("b", query["sr"]);
    }

    [Theory]
    [InlineData("uploads/estrie/autre-fichier.csv")]
    [InlineData("uploads/montreal/rapport.csv")]
    [InlineData("uploads/rapport.csv")]
    [InlineData("archive/estrie/rapport.csv")]
    [InlineData("opendata/latest.json")]
    public async Task The_same_signature_cannot_write_any_other_blob(string otherBlob)
    {
        await using var azurite = await Azurite.StartAsync();
        var service = await PreparedStorageAsync(azurite);
        var grant = await Issuer(service, TimeProvider.System).IssueAsync("estrie", "rapport.csv", Options, CancellationToken.None);
        var elsewhere = new UriBuilder(grant.UploadUri) { Path = $"/{Azurite.AccountName}/{otherBlob}" }.Uri;

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new BlobClient(elsewhere).UploadAsync(BinaryData.FromString("intrus"), overwrite: true));

        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        var container = otherBlob.Split('/')[0];
        Assert.False(await service.GetBlobContainerClient(container).GetBlobClient(otherBlob[(container.Length + 1)..]).ExistsAsync());
    }

    [Fact]
    public async Task A_grant_cannot_read_list_or_delete_even_its_own_file()
    {
        await using var azurite = await Azurite.StartAsync();
        var service = await PreparedStorageAsync(azurite);
        var grant = await Issuer(service, TimeProvider.System).IssueAsync("estrie", "rapport.csv", Options, CancellationToken.None);
        var own = new BlobClient(grant.UploadUri);
        await own.UploadAsync(BinaryData.FromString("contenu"), overwrite: true);
        var containerWithSas = new BlobContainerClient(new UriBuilder(grant.UploadUri) { Path = $"/{Azurite.AccountName}/uploads" }.Uri);

        var read = await Assert.ThrowsAsync<RequestFailedException>(() => own.DownloadContentAsync());
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => own.DeleteAsync());
        var list = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var item in containerWithSas.GetBlobsAsync())
            {
                Assert.Fail($"Listed {item.Name}");
            }
        });

        Assert.Equal((int)HttpStatusCode.Forbidden, read.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, delete.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, list.Status);
        Assert.True(await service.GetBlobContainerClient("uploads").GetBlobClient("estrie/rapport.csv").ExistsAsync());
    }

    [Fact]
    public async Task An_expired_grant_writes_nothing()
    {
        await using var azurite = await Azurite.StartAsync();
        var service = await PreparedStorageAsync(azurite);
        var twoDaysAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var grant = await Issuer(service, twoDaysAgo).IssueAsync("estrie", "rapport.csv", new MandataireUploadSasOptions { Lifetime = TimeSpan.FromHours(1) }, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new BlobClient(grant.UploadUri).UploadAsync(BinaryData.FromString("en retard"), overwrite: true));

        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(twoDaysAgo.GetUtcNow().AddHours(1), grant.ExpiresOn);
    }

    [Theory]
    [InlineData("quebec", "rapport.csv")]
    [InlineData("estrie", "../montreal/rapport.csv")]
    [InlineData("estrie", "sous-dossier/rapport.csv")]
    [InlineData("estrie", "rapport..csv")]
    [InlineData("estrie", ".cache")]
    [InlineData("estrie", "")]
    public async Task Unknown_mandataires_and_names_that_leave_the_folder_are_refused(string mandataire, string fileName)
    {
        var service = new BlobServiceClient(Azurite.ConnectionStringFor(1, 2, 3));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Issuer(service, TimeProvider.System).IssueAsync(mandataire, fileName, Options, CancellationToken.None));
    }

    [Fact]
    public async Task A_grant_for_an_upper_case_code_is_for_the_canonical_lower_case_folder()
    {
        var service = new BlobServiceClient(Azurite.ConnectionStringFor(1, 2, 3));

        var grant = await Issuer(service, TimeProvider.System).IssueAsync("ESTRIE", "rapport.csv", Options, CancellationToken.None);

        Assert.Equal(("estrie", "estrie/rapport.csv"), (grant.Mandataire, grant.BlobName));
    }

    [Fact]
    public async Task A_grant_longer_than_three_days_is_refused()
    {
        var service = new BlobServiceClient(Azurite.ConnectionStringFor(1, 2, 3));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Issuer(service, TimeProvider.System).IssueAsync("estrie", "rapport.csv", new MandataireUploadSasOptions { Lifetime = TimeSpan.FromHours(73) }, CancellationToken.None));
    }

    private static MandataireUploadSas Issuer(BlobServiceClient service, TimeProvider time) =>
        new(service, ReferenceCatalog.Default, time);

    private static async Task<BlobServiceClient> PreparedStorageAsync(Azurite azurite)
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        foreach (var container in StorageNames.Containers)
        {
            await service.GetBlobContainerClient(container).CreateIfNotExistsAsync();
        }
        return service;
    }
}
