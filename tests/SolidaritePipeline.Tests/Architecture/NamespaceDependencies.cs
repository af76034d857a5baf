using System.Reflection;
using System.Reflection.Emit;

namespace SolidaritePipeline.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: every type a type names in its signatures, its
/// attributes, and the instructions of its method bodies (compiler-made types such as async state
/// machines and closures count for the type that declares them). Reflection over the compiled
/// assembly, so a fully qualified name or a <c>global using</c> is seen as well as a <c>using</c> line.
/// </summary>
internal static class NamespaceDependencies
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>
    /// For each namespace of <paramref name="assembly"/>, the namespaces (of any assembly) its types use,
    /// itself left out. <paramref name="group"/> names the unit a namespace belongs to (a stage and its
    /// sub-namespaces are one unit); by default each namespace is its own.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, Func<string, string>? group = null)
    {
        group ??= name => name;
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (NamespaceOf(type) is not { } name) continue;
            var from = group(name);
            if (!graph.TryGetValue(from, out var uses)) graph[from] = uses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in TypesUsedBy(type))
            {
                if (NamespaceOf(used) is { } to && group(to) != from) uses.Add(group(to));
            }
        }

        return graph.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>Every group of two or more namespaces that use each other, directly or through others (Tarjan's algorithm).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? new HashSet<string>())
            {
                if (!graph.ContainsKey(w)) continue; // another assembly's namespace: no way back
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] != index[v]) return;
            var group = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                group.Add(popped);
            }
            while (popped != v);
            if (group.Count > 1) cycles.Add(group.Order(StringComparer.Ordinal).ToArray());
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v)) Visit(v);
        }

        return cycles;
    }

    private static string? NamespaceOf(Type type)
    {
        while (type.IsNested) type = type.DeclaringType!;
        return type.Namespace;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var used = new List<Type>();
        if (type.BaseType is { } baseType) used.Add(baseType);
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var field in type.GetFields(Everything)) used.Add(field.FieldType);
        foreach (var property in type.GetProperties(Everything)) used.Add(property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) used.Add(info.ReturnType);
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            used.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
            used.AddRange(UsedInBody(method));
        }

        return used.SelectMany(Unwrap);
    }

    // Array, pointer, by-ref and generic types stand for their element and argument types too.
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition()) : [type];
    }

    // The types, fields' and methods' declaring types named by the tokens of a method body's instructions.
    private static IEnumerable<Type> UsedInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var local in method.GetMethodBody()!.LocalVariables) yield return local.LocalType;
        var at = 0;
        while (at < il.Length)
        {
            var value = (short)il[at++];
            if (value == 0xFE) value = (short)(0xFE00 | il[at++]);
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, at);
                    var member = module.ResolveMember(token, typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type used:
                            yield return used;
                            break;
                        case FieldInfo field:
                            yield return field.DeclaringType!;
                            yield return field.FieldType;
                            break;
                        case MethodBase called:
                            if (called.DeclaringType is { } owner) yield return owner;
                            if (called is MethodInfo { IsGenericMethod: true } generic)
                                foreach (var argument in generic.GetGenericArguments()) yield return argument;
                            break;
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += Size(opCode.OperandType);
                    break;
            }
        }
    }

    private static int Size(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
