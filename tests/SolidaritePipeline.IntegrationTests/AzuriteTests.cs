using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidaritePipeline.Cli.Local;

namespace SolidaritePipeline.IntegrationTests;

public sealed class AzuriteTests
{
    [Fact]
    public async Task A_started_Azurite_serves_blobs_and_tables_on_its_own_ports()
    {
        await using var azurite = await Azurite.StartAsync();

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("probe");
        await container.CreateAsync();
        await container.UploadBlobAsync("hello.txt", BinaryData.FromString("bonjour"));
        var content = (await container.GetBlobClient("hello.txt").DownloadContentAsync()).Value.Content.ToString();

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("Probe");
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42L });
        var entity = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal("bonjour", content);
        Assert.Equal(42L, entity.GetInt64("Value"));
        Assert.NotEqual(azurite.BlobPort, azurite.TablePort);
    }
}
