using SolidaritePipeline.Aggregation;

namespace SolidaritePipeline.Tests.Architecture;

/// <summary>
/// The shape of the core library: read → validate → aggregate → publish, with storage and the hosts
/// at the edges. No two namespaces use each other, and no stage reaches the storage edge, the Azure
/// SDK or a host, so each stage runs in a unit test with no emulator.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private const string Root = "SolidaritePipeline";

    private static readonly string[] Stages = [$"{Root}.Reading", $"{Root}.Validation", $"{Root}.Aggregation", $"{Root}.Publishing"];

    // The storage edge, the orchestrators that drive it, and the hosts.
    private static readonly string[] Edges = [$"{Root}.Storage", $"{Root}.Ingestion", $"{Root}.Resilience", $"{Root}.Functions", $"{Root}.Cli", "Azure", "Microsoft.Azure.Functions"];

    // A stage and its sub-namespaces (Reading.Xlsx) are one unit; namespaces of other assemblies are kept whole.
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Graph = NamespaceDependencies.Of(
        typeof(Aggregate).Assembly,
        name => name.StartsWith(Root + ".", StringComparison.Ordinal) ? string.Join('.', name.Split('.').Take(2)) : name);

    [Fact]
    public void No_two_namespaces_of_the_core_library_use_each_other_directly_or_through_others()
    {
        var cycles = NamespaceDependencies.Cycles(Graph)
            .Select(c => string.Join(" <-> ", c))
            .ToArray();

        Assert.True(cycles.Length == 0, "Namespaces that use each other: " + string.Join("; ", cycles));
    }

    [Fact]
    public void No_stage_uses_the_storage_edge_the_orchestrators_the_Azure_SDK_or_a_host()
    {
        var violations =
            from stage in Stages
            from used in Graph.GetValueOrDefault(stage) ?? new HashSet<string>()
            from edge in Edges
            where used == edge || used.StartsWith(edge + ".", StringComparison.Ordinal)
            select $"{stage} uses {used}";

        Assert.True(!violations.Any(), string.Join("; ", violations));
    }

    [Fact]
    public void The_aggregation_stage_uses_only_the_domain_and_the_base_library()
    {
        var used = Graph[$"{Root}.Aggregation"].Where(n => !n.StartsWith("System", StringComparison.Ordinal));

        Assert.Equal(new[] { $"{Root}.ReferenceData", $"{Root}.Submissions" }, used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_scan_sees_uses_made_only_inside_method_bodies_and_async_state_machines()
    {
        // Ingestion reaches Storage in its bodies and signatures; Reconciler's async body is where it calls Aggregate.
        Assert.Contains($"{Root}.Storage", Graph[$"{Root}.Ingestion"]);
        Assert.Contains($"{Root}.Aggregation", Graph[$"{Root}.Ingestion"]);
        Assert.Contains("Azure.Data.Tables", Graph[$"{Root}.Storage"]);
    }

    [Fact]
    public void A_cycle_through_a_third_namespace_is_found_and_one_way_uses_are_not()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B", "System" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A" },
            ["D"] = new HashSet<string> { "A" },
        };

        var cycle = Assert.Single(NamespaceDependencies.Cycles(graph));

        Assert.Equal(new[] { "A", "B", "C" }, cycle);
    }
}
