using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using SolidaritePipeline.Cli.Commands;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Cli;

/// <summary>
/// The help of <c>solidarite</c> and of each command: System.CommandLine's own help (description,
/// arguments, options with their descriptions and defaults) with the usage line spelt out, then what
/// each exit code means for that command, and an example.
/// </summary>
internal static partial class CliHelp
{
    public const string RootUsage = "solidarite COMMAND [options]   (solidarite COMMAND --help for details, solidarite --version)";

    /// <summary>The help <paramref name="parse"/> asked for (a command's, else the list of commands), as text.</summary>
    public static async Task<string> RenderAsync(ParseResult parse, IReadOnlyList<CliCommand> commands)
    {
        var generated = new StringWriter();
        await parse.InvokeAsync(new InvocationConfiguration { Output = generated });
        var command = commands.FirstOrDefault(c => c.Command == parse.CommandResult.Command);
        var help = new StringBuilder(UsageLine().Replace(generated.ToString().TrimEnd(), $"Usage:\n  {(command is null ? RootUsage : "solidarite " + command.Usage)}", 1));
        help.Append("\n\n");
        if (command is null)
        {
            help.Append($"Storage: --storage CONN, or --account NAME (Entra sign-in), else the {StorageClients.DefaultSettingName} setting, else {CliContext.DevelopmentStorage} (Azurite).\n");
            help.Append("Settings: Validation__MaxBytes, Validation__MaxRows, Ingestion__MaxAttempts and PublishSchedule, read from the environment as the Functions app reads its app settings.\n\n");
            Section(help, "Exit codes:", [
                ("0", "done"),
                ("1", "a file rejected or an item failed"),
                ("2", CliApp.UsageMeaning),
                ("3", "environment error (storage, connection string, output path), one line in French and English"),
            ]);
        }
        else
        {
            Section(help, "Exit codes:", ExitCodes(command));
            Section(help, "Example:", [(command.Example, "")]);
        }

        return help.ToString().TrimEnd() + "\n";
    }

    private static IEnumerable<(string, string)> ExitCodes(CliCommand command)
    {
        yield return ("0", command.Succeeded);
        if (command.Failed is { } failed) yield return ("1", failed);
        yield return ("2", CliApp.UsageMeaning);
        if (command.EnvironmentFailure is { } environment) yield return ("3", $"environment error, one line in French and English: {environment}");
    }

    private static void Section(StringBuilder help, string title, IEnumerable<(string First, string Second)> rows)
    {
        help.Append(title).Append('\n');
        foreach (var (first, second) in rows)
            help.Append("  ").Append(second.Length == 0 ? first : $"{first}  {second}").Append('\n');
        help.Append('\n');
    }

    // The generated "Usage:" says only "solidarite run [options]".
    [GeneratedRegex(@"Usage:\r?\n  [^\r\n]*")]
    private static partial Regex UsageLine();
}
