namespace SolidaritePipeline.Cli;

/// <summary>A usage mistake on the command line: exit code 2 with a message.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The arguments after the command name: positionals, <c>--name value</c> options and
/// <c>--flag</c> switches. Each command declares which options take a value.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandArgs(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            if (name.IndexOf('=') is var eq and >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (valueOptions.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value."));
                if (!_options.TryAdd(name, value)) throw new UsageException($"--{name} is given twice.");
            }
            else if (flags.Contains(name) && inlineValue is null)
            {
                _flags.Add(name);
            }
            else
            {
                throw new UsageException($"Unknown option --{name}.");
            }
        }

        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name) =>
        Option(name) ?? throw new UsageException($"--{name} is required.");

    /// <summary>
    /// <c>--mandataire</c> as the canonical code: codes are case-insensitive everywhere and filed in lower
    /// case (design.md section 7), so <c>ESTRIE</c> is <c>estrie</c>. Null when absent.
    /// </summary>
    public string? Mandataire() => Option("mandataire")?.Trim().ToLowerInvariant();

    public string RequiredMandataire() => Mandataire() ?? throw new UsageException("--mandataire is required.");

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>A non-negative integer option, or <paramref name="fallback"/> when absent.</summary>
    public long LongOption(string name, long fallback) =>
        Option(name) is not { } text ? fallback
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"--{name} takes a whole number ≥ 0, not '{text}'.");

    public string SinglePositional(string what) => Positionals.Count switch
    {
        1 => Positionals[0],
        0 => throw new UsageException($"Missing {what}."),
        _ => throw new UsageException($"Expected one {what}, got {Positionals.Count} arguments."),
    };

    public void NoPositionals()
    {
        if (Positionals.Count > 0) throw new UsageException($"Unexpected argument '{Positionals[0]}'.");
    }
}
