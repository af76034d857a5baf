using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SolidaritePipeline.Publishing;

namespace SolidaritePipeline.Cli.Commands;

/// <summary>
/// The kinds of option the commands share, each parsed and checked in one place, so that a bad value
/// is a usage error (exit 2) with the same message whichever command was given it.
/// </summary>
internal static class CliOptions
{
    /// <summary>
    /// The <c>FILE</c> argument. The parser would take an unknown <c>--option</c> in its place as a file
    /// name; it is reported as the unknown option it is.
    /// </summary>
    public static Argument<string> File(string description)
    {
        var file = new Argument<string>("FILE") { Description = description };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.StartsWith("--", StringComparison.Ordinal))
                result.AddError($"Unrecognized option '{value}'.");
        });
        return file;
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<string> Text(string name, string helpName, string description, bool required = false) =>
        new(name) { HelpName = helpName, Description = description, Required = required };

    /// <summary><c>--mandataire</c> as the canonical code: codes are case-insensitive everywhere and filed in lower case (design.md section 7).</summary>
    public static Option<string> Mandataire(string description, bool required) => new("--mandataire")
    {
        HelpName = "CODE",
        Description = description + " Case-insensitive; `solidarite mandataires` lists the codes.",
        Required = required,
        CustomParser = result => result.Tokens.Count == 0 ? null : result.Tokens[0].Value.Trim().ToLowerInvariant(),
    };

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, written without sign or separator.</summary>
    public static Option<long> WholeNumber(string name, string helpName, string description, long @default, long minimum = 0, long maximum = long.MaxValue) => new(name)
    {
        HelpName = helpName,
        Description = description,
        DefaultValueFactory = _ => @default,
        CustomParser = result => ParseWholeNumber(result, name, minimum, maximum) ?? @default,
    };

    /// <summary>Like <see cref="WholeNumber"/>, with no default of its own: absent is null (the command falls back to a setting).</summary>
    public static Option<long?> OptionalWholeNumber(string name, string helpName, string description, long maximum = long.MaxValue) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result => ParseWholeNumber(result, name, 0, maximum),
    };

    /// <summary><c>--port N</c>: where <c>serve</c> and <c>demo --serve</c> listen on localhost.</summary>
    public static Option<long> Port() => WholeNumber("--port", "N", "The local port to listen on, 1 to 65535.", 8080, minimum: 1, maximum: 65535);

    /// <summary><c>--date AAAA-MM-JJ</c>; absent is null (the command takes today in Québec).</summary>
    public static Option<DateOnly?> Date(string description) => new("--date")
    {
        HelpName = "AAAA-MM-JJ",
        Description = description,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            var text = result.Tokens[0].Value;
            if (PublicationDate.TryParse(text, out var date)) return date;
            result.AddError($"--date takes AAAA-MM-JJ, not '{text}'.");
            return null;
        },
    };

    private static long? ParseWholeNumber(ArgumentResult result, string name, long minimum, long maximum)
    {
        if (result.Tokens.Count == 0) return null;
        var text = result.Tokens[0].Value;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} takes a whole number ≥ {minimum}, not '{text}'.");
            return null;
        }

        if (value < minimum || value > maximum)
        {
            result.AddError(maximum == long.MaxValue ? $"{name} takes a whole number ≥ {minimum}, not '{text}'." : $"{name} takes a whole number from {minimum} to {maximum}, not '{text}'.");
            return null;
        }

        return value;
    }
}
