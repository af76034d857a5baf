using System.Reflection;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Cli.Commands;

namespace SolidaritePipeline.Cli;

/// <summary>The <c>solidarite</c> command line: finds the sub-command and runs it.</summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitEnvironment = 3;

    /// <summary>Every sub-command, in the order the help lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
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
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            WriteHelp(args.Count == 0 ? context.Error : context.Out);
            return args.Count == 0 ? ExitUsage : ExitOk;
        }

        if (args[0] is "--version")
        {
            await context.Out.WriteLineAsync($"solidarite {Version}");
            return ExitOk;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await context.Error.WriteLineAsync($"solidarite: unknown command '{args[0]}'.");
            WriteHelp(context.Error);
            return ExitUsage;
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            await context.Out.WriteLineAsync($"usage: solidarite {command.Usage}\n\n{command.Summary}");
            return ExitOk;
        }

        try
        {
            var commandArgs = new CommandArgs(args.Skip(1).ToArray(), command.ValueOptions, [.. command.Flags]);
            CliStorage.RejectTwoStorages(commandArgs);
            return await command.RunAsync(commandArgs, context);
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

    private static void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("usage: solidarite COMMAND [options]   (solidarite COMMAND --help for details, solidarite --version)");
        writer.WriteLine();
        foreach (var command in Commands)
            writer.WriteLine($"  {command.Usage,-52} {command.Summary}");
        writer.WriteLine();
        writer.WriteLine("Storage: --storage CONNECTION, or --account NAME (Entra sign-in), else the AzureWebJobsStorage setting, else UseDevelopmentStorage=true (Azurite).");
        writer.WriteLine("Exit codes: 0 done, 1 a file rejected or an item failed, 2 usage error, 3 environment error (storage, connection string, path).");
    }
}
