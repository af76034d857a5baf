using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class DataPackageTests
{
    private const string Folder = "snapshots/2026-11-26/";

    /// <summary>
    /// The official v1 profiles are draft-04, which JsonSchema.Net does not implement; they use no
    /// keyword whose meaning changed since, so they are evaluated as draft-07 (fixtures README).
    /// </summary>
    private static JsonSchema Profile(string name)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "frictionless", name)))!.AsObject();
        node.Remove("$schema");
        return JsonSchema.Build(JsonSerializer.SerializeToElement(node), new BuildOptions
        {
            Dialect = Dialect.Draft07,
            SchemaRegistry = new SchemaRegistry(),
        }, new Uri($"https://profiles.invalid/{name}"));
    }

    private static IReadOnlyList<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
            .ToArray();
    }

    [Fact]
    public async Task Datapackage_json_satisfies_the_data_package_and_tabular_data_package_profiles()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        using var package = JsonDocument.Parse(await storage.ReadAsync(Folder + "datapackage.json"));
        var root = package.RootElement;

        Assert.Empty(Errors(Profile("data-package.json"), root));
        Assert.Empty(Errors(Profile("tabular-data-package.json"), root));
        var tableSchema = Profile("table-schema.json");
        foreach (var resource in root.GetProperty("resources").EnumerateArray())
            Assert.Empty(Errors(tableSchema, resource.GetProperty("schema")));

        Assert.Equal("tabular-data-package", root.GetProperty("profile").GetString());
        Assert.Equal("CC-BY-4.0", root.GetProperty("licenses")[0].GetProperty("name").GetString());
        Assert.Equal(SnapshotPublisherTests.Tables.Select(t => t + ".csv"),
            root.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task A_descriptor_missing_its_licence_path_or_schema_fields_fails_the_profiles()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        var good = JsonNode.Parse(await storage.ReadAsync(Folder + "datapackage.json"))!;

        // The check can fail: a resource without a path, and a field with an unknown type, are refused.
        var noPath = good.DeepClone();
        noPath["resources"]![0]!.AsObject().Remove("path");
        var badType = good.DeepClone();
        badType["resources"]![0]!["schema"]!["fields"]![0]!["type"] = "texte";

        Assert.NotEmpty(Errors(Profile("data-package.json"), JsonSerializer.SerializeToElement(noPath)));
        Assert.NotEmpty(Errors(Profile("tabular-data-package.json"), JsonSerializer.SerializeToElement(badType)));
    }

    [Fact]
    public async Task Each_csv_satisfies_its_own_table_schema_and_matches_its_declared_size_and_hash()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);

        using var package = JsonDocument.Parse(await storage.ReadAsync(Folder + "datapackage.json"));
        foreach (var resource in package.RootElement.GetProperty("resources").EnumerateArray())
        {
            var csv = await storage.ReadAsync(Folder + resource.GetProperty("path").GetString());
            Assert.Empty(TableSchemaChecker.Check(csv, resource.GetProperty("schema")));
            Assert.Equal(csv.Length, resource.GetProperty("bytes").GetInt64());
            Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv)),
                resource.GetProperty("hash").GetString());
        }

        Assert.Equal(7, TableSchemaChecker.RowCount(await storage.ReadAsync(Folder + "projets.csv")));
        Assert.Equal(34, TableSchemaChecker.RowCount(await storage.ReadAsync(Folder + "totaux-regionaux.csv")));
    }

    [Fact]
    public async Task Every_foreign_key_of_the_facts_resolves_in_its_dimension()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        using var package = JsonDocument.Parse(await storage.ReadAsync(Folder + "datapackage.json"));
        var files = new Dictionary<string, byte[]>();
        foreach (var name in await storage.ListAsync(Folder)) files[name[Folder.Length..]] = await storage.ReadAsync(name);

        Assert.Empty(TableSchemaChecker.CheckForeignKeys(package.RootElement, name => files[name]));

        // The facts do declare their keys: projets names all six dimensions, totaux-mandataires three.
        string[] Keys(string resource) => package.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == resource).GetProperty("schema").GetProperty("foreignKeys").EnumerateArray()
            .Select(k => k.GetProperty("fields").GetString() + "->" + k.GetProperty("reference").GetProperty("resource").GetString()).ToArray();
        Assert.Equal(["exercice->exercices", "mandataire->mandataires", "region_code->regions", "axe_intervention->axes",
            "clientele_cible->clienteles", "statut->statuts"], Keys("projets"));
        Assert.Equal(["exercice->exercices", "mandataire->mandataires", "region_code->regions"], Keys("totaux-mandataires"));
        Assert.Equal(["exercice->exercices", "region_code->regions"], Keys("totaux-regionaux"));
        Assert.Equal(["region_code->regions"], Keys("mandataires"));

        // The check can fail: without the 2023-2024 row of exercices, the facts of that exercice dangle.
        var exercices = System.Text.Encoding.UTF8.GetString(files["exercices.csv"]);
        Assert.Equal("\uFEFFcode,date_debut,date_fin\r\n2022-2023,2022-04-01,2023-03-31\r\n2023-2024,2023-04-01,2024-03-31\r\n", exercices);
        files["exercices.csv"] = System.Text.Encoding.UTF8.GetBytes(exercices.Replace("2023-2024,2023-04-01,2024-03-31\r\n", "", StringComparison.Ordinal));
        var errors = TableSchemaChecker.CheckForeignKeys(package.RootElement, name => files[name]);
        Assert.Contains(errors, e => e.StartsWith("totaux-mandataires row 6: exercice = '2023-2024'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("projets row 8: exercice = '2023-2024'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dimensions_carry_stable_codes_with_names_and_labels_from_the_reference_data()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        string Text(byte[] b) => System.Text.Encoding.UTF8.GetString(b.AsSpan(3));

        var mandataires = Text(await storage.ReadAsync(Folder + "mandataires.csv")).Split("\r\n");
        Assert.Equal("code,nom,region_code", mandataires[0]);
        Assert.Contains("monteregie-est,Montérégie-Est,16", mandataires);
        Assert.Equal(1 + 21 + 1, mandataires.Length);
        var regions = Text(await storage.ReadAsync(Folder + "regions.csv")).Split("\r\n");
        Assert.Equal(["code,nom", "01,Bas-Saint-Laurent"], regions[..2]);
        Assert.Equal(1 + 17 + 1, regions.Length);
        Assert.Contains("\r\nsecurite_alimentaire,Sécurité alimentaire,Food security\r\n", Text(await storage.ReadAsync(Folder + "axes.csv")));
        Assert.Contains("\r\naines,Aînés,Seniors\r\n", Text(await storage.ReadAsync(Folder + "clienteles.csv")));
        Assert.Equal("code,libelle_fr,libelle_en\r\nen_cours,En cours,In progress\r\ntermine,Terminé,Completed\r\nannule,Annulé,Cancelled\r\n",
            Text(await storage.ReadAsync(Folder + "statuts.csv")));
        using var statuts = JsonDocument.Parse(await storage.ReadAsync(Folder + "statuts.json"));
        Assert.Equal("Cancelled", statuts.RootElement[2].GetProperty("libelle_en").GetString());
    }

    [Fact]
    public async Task The_checker_catches_a_csv_that_breaks_its_schema()
    {
        await using var storage = await PublishingStorage.StartAsync();
        await SnapshotPublisherTests.SeedAsync(storage);
        await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        using var package = JsonDocument.Parse(await storage.ReadAsync(Folder + "datapackage.json"));
        var totalsSchema = package.RootElement.GetProperty("resources")[1].GetProperty("schema");
        var good = System.Text.Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "totaux-regionaux.csv"));

        var negative = System.Text.Encoding.UTF8.GetBytes(good.Replace(",19500.50,", ",-19500.50,", StringComparison.Ordinal));
        var duplicate = System.Text.Encoding.UTF8.GetBytes(good.Replace("2022-2023,06,", "2022-2023,05,", StringComparison.Ordinal));
        var comma = System.Text.Encoding.UTF8.GetBytes(good.Replace(",19500.50,", ",\"19500,50\",", StringComparison.Ordinal));

        Assert.Contains(TableSchemaChecker.Check(negative, totalsSchema), e => e.Contains("below minimum"));
        Assert.Contains(TableSchemaChecker.Check(duplicate, totalsSchema), e => e.Contains("repeats"));
        Assert.Contains(TableSchemaChecker.Check(comma, totalsSchema), e => e.Contains("not a number"));
    }
}
