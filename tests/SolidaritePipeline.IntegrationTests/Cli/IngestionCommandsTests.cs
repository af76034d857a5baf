using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.IntegrationTests.Ingestion;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.Storage;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.IntegrationTests.Cli;

public sealed class IngestionCommandsTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(string storage, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _ => null, CancellationToken.None);
        var exit = await CliApp.RunAsync([.. args, "--storage", storage], context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Upload_then_run_once_then_status_shows_the_exact_regional_totals()
    {
        await using var azurite = await Azurite.StartAsync();
        var est = TestSubmission.Of("2022-2023", "16", new TestProject("ME-1", 1_500.25m, 10m, 15), new TestProject("ME-2", 99.75m, 0m, 5, "annule"));
        var longueuil = TestSubmission.Of("2022-2023", "16", new TestProject("L-1", 2_000m, 0.5m, 20));
        var folder = Directory.CreateTempSubdirectory("solidarite-cli-");
        try
        {
            var estFile = Path.Combine(folder.FullName, "est.csv");
            var longueuilFile = Path.Combine(folder.FullName, "longueuil.csv");
            await File.WriteAllTextAsync(estFile, est.Csv());
            await File.WriteAllTextAsync(longueuilFile, longueuil.Csv());

            var upload = await RunAsync(azurite.ConnectionString, "upload", estFile, "--mandataire", "monteregie-est");
            await RunAsync(azurite.ConnectionString, "upload", longueuilFile, "--mandataire", "longueuil");
            var run = await RunAsync(azurite.ConnectionString, "run", "--once");
            var again = await RunAsync(azurite.ConnectionString, "run", "--once");
            var status = await RunAsync(azurite.ConnectionString, "status", "--exercice", "2022-2023", "--json");
            var table = await RunAsync(azurite.ConnectionString, "status");

            Assert.Equal((0, "uploads/monteregie-est/est.csv"), (upload.Exit, upload.Out.Trim()));
            Assert.Equal(0, run.Exit);
            Assert.Contains("2 accepted, 0 rejected, 0 failed", run.Error);
            Assert.Equal((0, ""), (again.Exit, again.Out));
            using var json = JsonDocument.Parse(status.Out);
            var rows = json.RootElement.EnumerateArray().ToArray();
            Assert.Equal(17, rows.Length);
            var monteregie = rows.Single(r => r.GetProperty("region_code").GetString() == "16");
            Assert.Equal(2, monteregie.GetProperty("nb_mandataires").GetInt32());
            Assert.Equal(2, monteregie.GetProperty("nb_projets").GetInt32());
            Assert.Equal(1, monteregie.GetProperty("nb_projets_annules").GetInt32());
            Assert.Equal(est.FqisCents + longueuil.FqisCents, monteregie.GetProperty("montant_fqis_cents").GetInt64());
            Assert.Equal(3_500.25m, monteregie.GetProperty("montant_fqis").GetDecimal());
            Assert.Equal(35L, monteregie.GetProperty("personnes_rejointes").GetInt64());
            Assert.Contains("3500.25", table.Out.Split('\n').Single(l => l.Contains("Montérégie", StringComparison.Ordinal)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Status_json_gives_the_bytes_of_api_totals_named_as_the_totaux_regionaux_columns()
    {
        await using var azurite = await Azurite.StartAsync();
        var submission = TestSubmission.Of("2022-2023", "16", new TestProject("ME-1", 1_500.25m, 10m, 15));
        var folder = Directory.CreateTempSubdirectory("solidarite-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "est.csv");
            await File.WriteAllTextAsync(file, submission.Csv());
            await RunAsync(azurite.ConnectionString, "upload", file, "--mandataire", "monteregie-est");
            await RunAsync(azurite.ConnectionString, "run", "--once");

            var status = await RunAsync(azurite.ConnectionString, "status", "--exercice", "2022-2023", "--json");

            var rows = await new RegionalTotalsQuery(new PublishedDataTables(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString))).ReadAsync("2022-2023", CancellationToken.None);
            Assert.Equal(0, status.Exit);
            Assert.Equal(Encoding.UTF8.GetString(RegionalTotalsQuery.ToJson(rows)), status.Out);
            using var json = JsonDocument.Parse(status.Out);
            Assert.Equal(
                OpenDataTables.RegionalTotals(ReferenceCatalog.Default).Definition.Fields.Select(f => f.Name),
                json.RootElement[0].EnumerateObject().Select(p => p.Name));
            Assert.Contains("\"region_nom\": \"Montérégie\"", status.Out, StringComparison.Ordinal);
            Assert.Contains("\"montant_fqis\": 1500.25,", status.Out, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reconcile_on_consistent_totals_reports_nothing_to_repair()
    {
        await using var azurite = await Azurite.StartAsync();

        var result = await RunAsync(azurite.ConnectionString, "reconcile");

        Assert.Equal((0, ""), (result.Exit, result.Out));
        Assert.Contains("already matched", result.Error);
    }

    [Theory]
    [InlineData(@"estrie\..\..\opendata")]
    [InlineData("..")]
    [InlineData("estrie/../../opendata")]
    [InlineData("estrie%2F..%2F..%2Fopendata")]
    public async Task Upload_refuses_a_mandataire_that_is_not_a_plain_folder_with_exit_2_and_sends_nothing(string mandataire)
    {
        await using var azurite = await Azurite.StartAsync();
        var storage = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString);
        var folder = Directory.CreateTempSubdirectory("solidarite-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "latest.json");
            await File.WriteAllTextAsync(file, "[]");

            var upload = await RunAsync(azurite.ConnectionString, "upload", file, "--mandataire", mandataire);

            Assert.Equal(2, upload.Exit);
            Assert.Equal("", upload.Out);
            var message = upload.Error.Split('\n')[0];
            Assert.Contains("n'est pas un dépôt permis", message, StringComparison.Ordinal);
            Assert.Contains("is not an allowed upload", message, StringComparison.Ordinal);
            var containers = new List<string>();
            await foreach (var c in storage.GetBlobContainersAsync()) containers.Add(c.Name);
            Assert.Empty(containers); // nothing sent, not even a container created
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Upload_refuses_a_mandataire_folder_over_63_characters()
    {
        await using var azurite = await Azurite.StartAsync();
        var folder = Directory.CreateTempSubdirectory("solidarite-cli-");
        try
        {
            var file = Path.Combine(folder.FullName, "r.csv");
            await File.WriteAllTextAsync(file, "x");

            var upload = await RunAsync(azurite.ConnectionString, "upload", file, "--mandataire", new string('m', 64));

            Assert.Equal(2, upload.Exit);
            Assert.Contains("is not an allowed upload", upload.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
