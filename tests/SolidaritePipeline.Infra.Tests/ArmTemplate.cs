using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SolidaritePipeline.Infra.Tests;

/// <summary>A resource declared (not merely referenced as existing) somewhere in a compiled template.</summary>
/// <param name="Module">Path of nested deployments down to the resource ("" for the top level).</param>
public sealed record ArmResource(string Type, string SymbolicName, JsonObject Body, ArmTemplate Template, string Module)
{
    public JsonObject Properties => Body["properties"]?.AsObject() ?? [];

    /// <summary>The resource's name expression with simple string variables replaced by their value.</summary>
    public string Name => Template.Resolve(Body["name"]?.ToString() ?? "");

    public string Scope => Template.Resolve(Body["scope"]?.ToString() ?? "");
}

/// <summary>
/// An ARM template compiled by bicep, with its nested module deployments flattened so that tests can
/// look at every resource it would create. Handles both the classic resource array and the
/// symbolic-name object of languageVersion 2.0.
/// </summary>
public sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject root, string module)
    {
        Root = root;
        Module = module;
    }

    public JsonObject Root { get; }

    public string Module { get; }

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("Not a JSON object."), "");

    /// <summary>Every resource this template and its modules declare, existing references excluded.</summary>
    public IEnumerable<ArmResource> AllResources()
    {
        foreach (var (symbolicName, body) in OwnResources())
        {
            if (body["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }
            var type = body["type"]!.ToString();
            if (type == "Microsoft.Resources/deployments")
            {
                var nested = new ArmTemplate(body["properties"]!["template"]!.AsObject(), Module + "/" + symbolicName);
                yield return new ArmResource(type, symbolicName, body, this, Module);
                foreach (var resource in nested.AllResources())
                {
                    yield return resource;
                }
            }
            else
            {
                yield return new ArmResource(type, symbolicName, body, this, Module);
            }
        }
    }

    public IReadOnlyList<ArmResource> ResourcesOfType(string type) =>
        AllResources().Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Replaces variables('x') by the literal value of x when x is a plain string.</summary>
    public string Resolve(string expression) =>
        VariableReference().Replace(expression, match =>
            Variables[match.Groups[1].Value] is JsonValue value && value.TryGetValue<string>(out var text)
                ? $"'{text}'"
                : match.Value);

    /// <summary>The values of a variable that is a literal array of strings (a loop's input).</summary>
    public IReadOnlyList<string> StringArrayVariable(string name) =>
        Variables[name]?.AsArray().Select(item => Resolve(item!.ToString())).ToList()
        ?? throw new KeyNotFoundException($"No variable {name} in {Module}.");

    private IEnumerable<(string SymbolicName, JsonObject Body)> OwnResources()
    {
        switch (Root["resources"])
        {
            case JsonArray array:
                var index = 0;
                foreach (var item in array)
                {
                    yield return ($"#{index++}", item!.AsObject());
                }
                break;
            case JsonObject byName:
                foreach (var (name, item) in byName)
                {
                    yield return (name, item!.AsObject());
                }
                break;
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}
