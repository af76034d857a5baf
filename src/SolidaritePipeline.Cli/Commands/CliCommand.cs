using System.CommandLine;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// One <c>solidarite</c> sub-command: its arguments and options (with descriptions and defaults),
/// what its exit codes mean, an example, and one call into the pipeline. Exit codes 2 and 3 mean
/// the same for every command; <see cref="Succeeded"/> and <see cref="Failed"/> say what 0 and 1 mean.
/// </summary>
public abstract class CliCommand
{
    private readonly List<CliCommand> _subcommands = [];
    private int _last;

    protected CliCommand(string name, string summary) => Command = new Command(name, summary);

    public Command Command { get; }

    /// <summary>The words that name the command after <c>solidarite</c>: <c>status</c>, <c>template publish</c>.</summary>
    public string Name => Parent is null ? Command.Name : $"{Parent.Name} {Command.Name}";

    public CliCommand? Parent { get; private set; }

    public IReadOnlyList<CliCommand> Subcommands => _subcommands;

    public string Summary => Command.Description ?? "";

    /// <summary>One command line a user can copy.</summary>
    public abstract string Example { get; }

    /// <summary>What exit code 0 says.</summary>
    public abstract string Succeeded { get; }

    /// <summary>What exit code 1 says; null when the command has no such outcome.</summary>
    public virtual string? Failed => null;

    /// <summary>What exit code 3 says for this command; null when it touches neither storage nor the file system.</summary>
    public virtual string? EnvironmentFailure => "storage unreachable or refused, or a malformed connection string";

    /// <summary>
    /// The one-line synopsis, from the arguments and options themselves:
    /// <c>validate FILE --mandataire CODE [--json]</c>.
    /// </summary>
    public string Usage
    {
        get
        {
            var parts = new List<string> { Name };
            parts.AddRange(Command.Arguments.Select(a => a.HelpName ?? a.Name));
            foreach (var option in Command.Options)
            {
                if (option.Name == CliStorage.AccountOptionName && Command.Options.Any(o => o.Name == CliStorage.StorageOptionName)) continue;
                var label = option.Name == CliStorage.StorageOptionName && Command.Options.Any(o => o.Name == CliStorage.AccountOptionName)
                    ? "--storage CONN | --account NAME"
                    : option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName}";
                parts.Add(option.Required ? label : $"[{label}]");
            }

            return string.Join(' ', parts);
        }
    }

    /// <summary>Returns the exit code. Throws <see cref="UsageException"/> for 2 and <see cref="EnvironmentException"/> for 3.</summary>
    public abstract Task<int> RunAsync(ParseResult parse, CliContext context);

    /// <summary>Adds the command's own arguments and options, before the shared ones added with <see cref="AddLast"/>.</summary>
    protected void Add(params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: Command.Arguments.Add(argument); break;
                case Option option: Command.Options.Insert(Command.Options.Count - _last, option); break;
                default: throw new ArgumentException($"Not an argument or option: {symbol.Name}", nameof(symbols));
            }
        }
    }

    protected void AddSubcommand(CliCommand subcommand)
    {
        subcommand.Parent = this;
        Command.Subcommands.Add(subcommand.Command);
        _subcommands.Add(subcommand);
    }

    /// <summary>Options that end the list whatever the command adds later (the storage options).</summary>
    internal void AddLast(Option option)
    {
        Command.Options.Add(option);
        _last++;
    }
}
