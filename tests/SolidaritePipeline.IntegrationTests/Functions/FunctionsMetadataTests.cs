using System.Text.Json;
using SolidaritePipeline.Functions;

namespace SolidaritePipeline.IntegrationTests.Functions;

/// <summary>
/// The Functions SDK writes <c>functions.metadata</c> at build time; it is what the Azure host reads.
/// These tests hold each binding against what Azure, Event Grid and the Bicep expect.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static JsonElement Function(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions project was not built before the tests.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var function = document.RootElement.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == name);
        Assert.True(function.ValueKind == JsonValueKind.Object, $"functions.metadata has no function '{name}'.");
        return function.Clone();
    }

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() : null;

    [Fact]
    public void IngestSubmission_is_a_blob_trigger_on_uploads_with_the_Event_Grid_source_and_the_AzureWebJobsStorage_connection()
    {
        var function = Function("IngestSubmission");

        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("blobTrigger", Text(binding, "type"));
        Assert.Equal("In", Text(binding, "direction"), ignoreCase: true);
        Assert.Equal("uploads/{mandataire}/{name}", Text(binding, "path"));
        Assert.Equal("EventGrid", Text(binding, "source"));
        Assert.Equal("AzureWebJobsStorage", Text(binding, "connection"));
        Assert.Equal("SolidaritePipeline.Functions.IngestSubmission.Run", Text(function, "entryPoint"));
        Assert.Equal("dotnet-isolated", Text(function, "language"));
    }

    [Fact]
    public void Health_is_an_anonymous_GET_on_api_health()
    {
        var trigger = Function("Health").GetProperty("bindings").EnumerateArray().Single(b => Text(b, "type") == "httpTrigger");

        Assert.Equal("api/health", Text(trigger, "route"));
        Assert.Equal("Anonymous", Text(trigger, "authLevel"), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }

    [Fact]
    public void PublishSnapshotNightly_runs_on_the_PublishSchedule_setting()
    {
        var trigger = Assert.Single(Function("PublishSnapshotNightly").GetProperty("bindings").EnumerateArray());

        Assert.Equal("timerTrigger", Text(trigger, "type"));
        Assert.Equal("%PublishSchedule%", Text(trigger, "schedule"));
    }

    [Fact]
    public void The_on_demand_publication_needs_a_function_key()
    {
        var trigger = Function("PublishSnapshot").GetProperty("bindings").EnumerateArray().Single(b => Text(b, "type") == "httpTrigger");

        Assert.Equal("api/publish", Text(trigger, "route"));
        Assert.Equal("Function", Text(trigger, "authLevel"), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }

    // No function key in a URL a person copies into Power BI: App Service Authentication signs the reader
    // in, and the function checks the role itself (BiReadApi, ReadApiAuthenticationTests for the Bicep side).
    [Theory]
    [InlineData("GetTotals", "api/totals")]
    [InlineData("GetMandataireTotals", "api/mandataire-totals")]
    [InlineData("GetSubmissions", "api/submissions")]
    public void BI_reads_take_no_function_key_and_are_GETs_behind_App_Service_Authentication(string name, string route)
    {
        var trigger = Function(name).GetProperty("bindings").EnumerateArray().Single(b => Text(b, "type") == "httpTrigger");

        Assert.Equal(route, Text(trigger, "route"));
        Assert.Equal("Anonymous", Text(trigger, "authLevel"), ignoreCase: true);
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.StartsWith("SolidaritePipeline.Functions.BiReads.", Text(Function(name), "entryPoint"), StringComparison.Ordinal);
    }

    // The Espace mandataire: signed in by App Service Authentication, so no function key; the library
    // answers 401 without a principal and never takes the mandataire from the browser.
    [Theory]
    [InlineData("GetMe", "api/me", "get")]
    [InlineData("CreateUpload", "api/uploads", "post")]
    [InlineData("GetSubmissionReport", "api/submissions/{id}/report", "get")]
    [InlineData("GetTemplate", "api/template", "get")]
    [InlineData("GetEspacePage", EspaceFunctions.PageRoute, "get")]
    public void Espace_functions_take_no_function_key_and_answer_one_method(string name, string route, string method)
    {
        var trigger = Function(name).GetProperty("bindings").EnumerateArray().Single(b => Text(b, "type") == "httpTrigger");

        Assert.Equal(route, Text(trigger, "route"));
        Assert.Equal("Anonymous", Text(trigger, "authLevel"), ignoreCase: true);
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.StartsWith("SolidaritePipeline.Functions.EspaceFunctions.", Text(Function(name), "entryPoint"), StringComparison.Ordinal);
    }
}
