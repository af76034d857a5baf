namespace SolidaritePipeline.Infra.Tests;

public class EventGridSubscriptionTests
{
    private static readonly ArmTemplate Subscription = InfraBuild.Current.Template("eventgrid.bicep");

    private static ArmResource EventSubscription =>
        Assert.Single(Subscription.ResourcesOfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));

    [Fact]
    public void Only_blobs_created_under_uploads_reach_the_blob_trigger()
    {
        var filter = EventSubscription.Properties["filter"]!;

        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(type => type!.GetValue<string>()));
        var prefix = filter["subjectBeginsWith"]!.GetValue<string>();
        Assert.StartsWith("/blobServices/default/containers/uploads/", prefix, StringComparison.Ordinal);
        Assert.Equal("/blobServices/default/containers/uploads/blobs/", prefix);
        Assert.Null(filter["subjectEndsWith"]);
    }

    [Fact]
    public void The_webhook_is_the_ingest_submission_blob_endpoint_keyed_at_deployment_time()
    {
        var destination = EventSubscription.Properties["destination"]!;
        var url = destination["properties"]!["endpointUrl"]!.ToString();

        Assert.Equal("WebHook", destination["endpointType"]!.GetValue<string>());
        Assert.StartsWith("[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.IngestSubmission&code={1}', ", url, StringComparison.Ordinal);
        Assert.Contains("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName')))", url, StringComparison.Ordinal);
        Assert.EndsWith(".systemKeys.blobs_extension)]", url, StringComparison.Ordinal);
        Assert.Equal(1, destination["properties"]!["maxEventsPerBatch"]!.GetValue<int>());
    }

    [Fact]
    public void The_key_never_leaves_the_deployment()
    {
        Assert.DoesNotContain(Subscription.Parameters, parameter =>
            parameter.Key.Contains("key", StringComparison.OrdinalIgnoreCase)
            || parameter.Key.Contains("url", StringComparison.OrdinalIgnoreCase)
            || parameter.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase));
        var outputs = Subscription.Root["outputs"]!.ToJsonString();
        Assert.DoesNotContain("listKeys", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("endpointUrl", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeliverable_events_are_retried_then_dead_lettered_by_the_topic_identity()
    {
        var properties = EventSubscription.Properties;
        var deadLetter = properties["deadLetterWithResourceIdentity"]!;

        Assert.Equal("SystemAssigned", deadLetter["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("StorageBlob", deadLetter["deadLetterDestination"]!["endpointType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", deadLetter["deadLetterDestination"]!["properties"]!["resourceId"]!.ToString());
        Assert.Equal("[parameters('deadLetterContainerName')]", deadLetter["deadLetterDestination"]!["properties"]!["blobContainerName"]!.ToString());
        Assert.Equal("eventgrid-deadletter", Subscription.Parameters["deadLetterContainerName"]!["defaultValue"]!.GetValue<string>());
        // A dead-letter destination reached with a key would be a secret in the template.
        Assert.Null(properties["deadLetterDestination"]);

        Assert.Equal("[parameters('maxDeliveryAttempts')]", properties["retryPolicy"]!["maxDeliveryAttempts"]!.ToString());
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", properties["retryPolicy"]!["eventTimeToLiveInMinutes"]!.ToString());
        Assert.Equal(30, Subscription.Parameters["maxDeliveryAttempts"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(1440, Subscription.Parameters["eventTimeToLiveInMinutes"]!["defaultValue"]!.GetValue<int>());
    }
}
