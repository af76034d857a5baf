using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SolidaritePipeline.Espace;
using SolidaritePipeline.Hosting;
using SolidaritePipeline.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReadApi;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Resilience;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Hosting;

public sealed class PipelineServicesTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    private static readonly (string, string) DevelopmentStorage = ("AzureWebJobsStorage", "UseDevelopmentStorage=true");

    [Fact]
    public void Every_registered_service_resolves_from_a_connection_string_alone()
    {
        var services = new ServiceCollection().AddSolidaritePipeline(Configuration(DevelopmentStorage));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var descriptor in services)
            Assert.NotNull(provider.GetRequiredService(descriptor.ServiceType));

        Type[] expected =
        [
            typeof(StorageClients), typeof(StoragePipelines), typeof(TimeProvider), typeof(ReferenceCatalog), typeof(ValidationOptions),
            typeof(SubmissionValidator), typeof(TotalsTables), typeof(SubmissionsTable), typeof(SubmissionProcessor), typeof(PendingUploads), typeof(Reconciler), typeof(SnapshotPublisher),
            typeof(RegionalTotalsQuery), typeof(MandataireTotalsQuery), typeof(SubmissionsQuery), typeof(BiReadApi), typeof(EspaceApi),
        ];
        Assert.Empty(expected.Except(services.Select(d => d.ServiceType)));
    }

    [Fact]
    public void Each_service_is_built_once_and_the_processor_gives_up_after_the_configured_attempts()
    {
        using var provider = new ServiceCollection()
            .AddSolidaritePipeline(Configuration(DevelopmentStorage, ("Ingestion:MaxAttempts", "3")))
            .BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<SubmissionProcessor>(), provider.GetRequiredService<SubmissionProcessor>());
        Assert.Same(provider.GetRequiredService<SnapshotPublisher>(), provider.GetRequiredService<SnapshotPublisher>());
        Assert.Same(provider.GetRequiredService<TotalsTables>(), provider.GetRequiredService<TotalsTables>());
        Assert.Equal(3, provider.GetRequiredService<SubmissionProcessor>().MaxAttempts);
    }

    [Fact]
    public void Resilience_options_registered_first_reach_the_storage_pipelines()
    {
        var fast = new ResilienceOptions { ConflictRetries = 2 };
        using var provider = new ServiceCollection()
            .AddSingleton(fast)
            .AddSolidaritePipeline(Configuration(DevelopmentStorage))
            .BuildServiceProvider();

        Assert.Same(fast, provider.GetRequiredService<StoragePipelines>().Options);
    }

    [Fact]
    public void Limits_set_in_configuration_reach_the_validator()
    {
        using var provider = new ServiceCollection()
            .AddSolidaritePipeline(Configuration(DevelopmentStorage, ("Validation:MaxBytes", "1024"), ("Validation:MaxRows", "0")))
            .BuildServiceProvider();

        var options = provider.GetRequiredService<SubmissionValidator>().Options;
        Assert.Equal((1024L, 0), (options.MaxBytes, options.MaxRows));
    }

    [Theory]
    [InlineData("Validation:MaxBytes", "50 Mo", "Validation__MaxBytes")]
    [InlineData("Validation:MaxRows", "-1", "Validation__MaxRows")]
    [InlineData("Validation:MaxRows", "3000000000", "Validation__MaxRows")]
    [InlineData("Ingestion:MaxAttempts", "0", "Ingestion__MaxAttempts")]
    public void A_malformed_setting_fails_at_registration_with_a_message_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddSolidaritePipeline(Configuration(DevelopmentStorage, (key, value))));

        Assert.Contains(named, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void Storage_that_is_not_configured_fails_at_registration_naming_the_settings_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSolidaritePipeline(Configuration()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    [Fact]
    public void An_account_name_alone_gives_identity_based_clients_on_the_account_endpoints()
    {
        using var provider = new ServiceCollection()
            .AddSolidaritePipeline(Configuration(("AzureWebJobsStorage:accountName", "solidaritest")))
            .BuildServiceProvider();

        var storage = provider.GetRequiredService<StorageClients>();
        Assert.Equal(new Uri("https://solidaritest.blob.core.windows.net"), storage.Blobs.Uri);
        Assert.Equal(new Uri("https://solidaritest.table.core.windows.net"), storage.Tables.Uri);
        Assert.NotNull(provider.GetRequiredService<EspaceApi>());
    }

    [Fact]
    public void A_clock_and_storage_registered_first_are_kept()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var storage = StorageClients.FromConnectionString("UseDevelopmentStorage=true");
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(storage)
            .AddSolidaritePipeline(Configuration())
            .BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Same(storage, provider.GetRequiredService<StorageClients>());
    }
}
