using SolidaritePipeline.Hosting;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Tests.Storage;

public sealed class StorageClientsTests
{
    private static Func<string, string?> Settings(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_connection_string_setting_wins_over_identity_based_settings()
    {
        var clients = StorageClients.FromSettings(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("AzureWebJobsStorage__accountName", "solidariteprod")));

        Assert.Equal("devstoreaccount1", clients.Blobs.AccountName);
        Assert.Equal(10002, clients.Tables.Uri.Port);
    }

    [Fact]
    public void An_account_name_alone_gives_the_public_cloud_blob_and_table_endpoints()
    {
        var clients = StorageClients.FromSettings(Settings(("AzureWebJobsStorage__accountName", "solidariteprod")));

        Assert.Equal(new Uri("https://solidariteprod.blob.core.windows.net/"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://solidariteprod.table.core.windows.net/"), clients.Tables.Uri);
    }

    [Fact]
    public void Explicit_service_uris_are_used_as_given()
    {
        var clients = StorageClients.FromSettings(Settings(
            ("AzureWebJobsStorage__blobServiceUri", "https://example.blob.core.usgovcloudapi.net"),
            ("AzureWebJobsStorage__tableServiceUri", "https://example.table.core.usgovcloudapi.net")));

        Assert.Equal("example.blob.core.usgovcloudapi.net", clients.Blobs.Uri.Host);
        Assert.Equal("example.table.core.usgovcloudapi.net", clients.Tables.Uri.Host);
    }

    [Fact]
    public void No_storage_setting_is_an_error_that_names_the_settings_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromSettings(Settings()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    [Fact]
    public void Validation_limits_come_from_their_settings_and_default_to_the_design()
    {
        var defaults = PipelineSettings.Validation(Settings());
        var set = PipelineSettings.Validation(Settings(("Validation__MaxBytes", "1024"), ("Validation__MaxRows", "0")));

        Assert.Equal((52_428_800L, 200_000), (defaults.MaxBytes, defaults.MaxRows));
        Assert.Equal((1024L, 0), (set.MaxBytes, set.MaxRows));
        Assert.Throws<InvalidOperationException>(() => PipelineSettings.Validation(Settings(("Validation__MaxRows", "-1"))));
    }

    [Fact]
    public void The_attempts_before_giving_up_on_an_upload_come_from_their_setting_and_default_to_five()
    {
        Assert.Equal(5, PipelineSettings.IngestionMaxAttempts(Settings()));
        Assert.Equal(3, PipelineSettings.IngestionMaxAttempts(Settings(("Ingestion__MaxAttempts", "3"))));
        Assert.Throws<InvalidOperationException>(() => PipelineSettings.IngestionMaxAttempts(Settings(("Ingestion__MaxAttempts", "0"))));
        Assert.Throws<InvalidOperationException>(() => PipelineSettings.IngestionMaxAttempts(Settings(("Ingestion__MaxAttempts", "cinq"))));
    }
}
