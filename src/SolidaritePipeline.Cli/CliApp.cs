using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Cli.Commands;

namespace SolidaritePipeline.Cli;

/// <summary>
/// The <c>solidarite</c> command line on System.CommandLine: parses, prints help and usage errors,
/// runs the command, and turns what went wrong into an exit code and one line.
/// </summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitEnvironment = 3;

    public const string UsageMeaning = "usage error: an unknown option, a missing or malformed value";

    /// <summary>Every command, fresh, in the order the help lists them; each followed by its own sub-commands (<c>template publish</c>).</summary>
    public static IReadOnlyList<CliCommand> CreateCommands() =>
        [.. TopLevel().SelectMany(c => new[] { c }.Concat(c.Subcommands))];

    private static IReadOnlyList<CliCommand> TopLevel() =>
    [
        new ValidateCommand(),
        new UploadCommand(),
        new RunCommand(),
        new PublishCommand(),
        new ReconcileCommand(),
        new StatusCommand(),
        new TemplateCommand(),
        new DemoCommand(),
        new ServeCommand(),
        new AccessCommand(),
        new MandatairesCommand(),
    ];

    /// <summary>The informational version of this build (the package version, and the commit when known).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var commands = CreateCommands();
        var root = Root(commands, context);
        if (args.Count == 0)
        {
            // Nothing asked: the list of commands, on standard error, as a usage error.
            await context.Error.WriteAsync(await CliHelp.RenderAsync(root.Parse(["--help"]), commands));
            return ExitUsage;
        }

        var parse = root.Parse(args[0] == "help" ? [.. args.Skip(1), "--help"] : args);
        if (parse.Action is HelpAction)
        {
            await context.Out.WriteAsync(await CliHelp.RenderAsync(parse, commands));
            return ExitOk;
        }

        if (parse.Action is ParseErrorAction)
        {
            var command = commands.FirstOrDefault(c => c.Command == parse.CommandResult.Command);
            foreach (var error in parse.Errors)
                await context.Error.WriteLineAsync($"solidarite{(command is null ? "" : " " + command.Name)}: {error.Message}");
            await context.Error.WriteLineAsync(command is null
                ? $"usage: {CliHelp.RootUsage}"
                : $"usage: solidarite {command.Usage}   (solidarite {command.Name} --help for details)");
            return ExitUsage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
            context.CancellationToken);
    }

    private static RootCommand Root(IEnumerable<CliCommand> commands, CliContext context)
    {
        var root = new RootCommand("solidarite: validate, upload, process, publish and inspect the Alliances pour la solidarité reports.");
        foreach (var version in root.Options.OfType<VersionOption>())
            version.Action = new PrintVersion();

        foreach (var command in commands)
        {
            command.Command.SetAction((parse, _) => RunCommandAsync(command, parse, context));
            if (command.Parent is null) root.Subcommands.Add(command.Command);
        }

        return root;
    }

    private static async Task<int> RunCommandAsync(CliCommand command, ParseResult parse, CliContext context)
    {
        try
        {
            return await command.RunAsync(parse, context);
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync($"solidarite {command.Name}: {e.Message}");
            await context.Error.WriteLineAsync($"usage: solidarite {command.Usage}");
            return ExitUsage;
        }
        catch (EnvironmentException e)
        {
            await context.Error.WriteLineAsync($"solidarite {command.Name}: {e.OneLine}");
            return ExitEnvironment;
        }
        catch (Exception e) when (CliStorage.IsUnreachable(e, context.CancellationToken))
        {
            // Storage went away after the first probe answered: still the environment, still one line.
            await context.Error.WriteLineAsync($"solidarite {command.Name}: {CliStorage.Unreachable(e).OneLine}");
            return ExitEnvironment;
        }
        catch (Exception e) when (e is InvalidDataException or TotalsOverflowException)
        {
            // Stored data that cannot be published or summed (a sum beyond Int64, a row that disagrees with its blob):
            // one line, and nothing half-written, since the pipeline checks before it writes.
            await context.Error.WriteLineAsync($"solidarite {command.Name}: données stockées incohérentes / inconsistent stored data: {e.Message}");
            return ExitFailure;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("solidarite: cancelled.");
            return ExitFailure;
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"solidarite {Version}");
            return ExitOk;
        }
    }
}
