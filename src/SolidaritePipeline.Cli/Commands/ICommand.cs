namespace SolidaritePipeline.Cli.Commands;

/// <summary>One <c>solidarite</c> sub-command: parse its arguments, make one call into the pipeline, report.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list, e.g. <c>validate FILE --mandataire CODE [--json]</c>.</summary>
    string Usage { get; }

    string Summary { get; }

    IReadOnlyCollection<string> ValueOptions { get; }

    IReadOnlyCollection<string> Flags { get; }

    /// <summary>Returns the process exit code. Throws <see cref="UsageException"/> for exit code 2.</summary>
    Task<int> RunAsync(CommandArgs args, CliContext context);
}
