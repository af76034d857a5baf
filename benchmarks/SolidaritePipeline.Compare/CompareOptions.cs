using System.Globalization;

namespace SolidaritePipeline.Compare;

/// <summary>What to compare, parsed from the command line (see <see cref="Usage"/>).</summary>
public sealed record CompareOptions
{
    public const string Usage = """
        Usage: SolidaritePipeline.Compare [--format csv|xlsx|json] [--rows N] [--threads N] [--repeat N] [--seed N]
                                          [--out DIR] [--keep] [--in-process] [--no-cli] [--cli PATH-TO-solidarite.dll]
          --format F     csv (default), xlsx or json: the same generated rows in that format,
                         compared with DuckDB (csv), MiniExcel and ExcelDataReader (xlsx) or
                         System.Text.Json's serializer (json)
          --rows N       projects in the generated file (default 1000000)
          --threads N    DuckDB's "all threads" run (default: the processor count)
          --repeat N     rounds: in each, every engine's process runs the file once in turn
                         (the order reversed every other round), then the CLI; the table shows
                         each engine's median (default 3)
          --seed N       seed of the generated file (default 11)
          --out DIR      where the file goes (default: a new temporary folder)
          --keep         keep the generated file
          --in-process   run every engine in this process, one after the other (no per-engine
                         peak memory)
          --no-cli       skip the `solidarite validate` end-to-end run
          --cli PATH     the CLI's solidarite.dll (default: src/SolidaritePipeline.Cli/bin/Release/net10.0)
        """;

    public SubmissionFormat Format { get; init; } = SubmissionFormat.Csv;
    public int Rows { get; init; } = 1_000_000;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int Repeat { get; init; } = 3;
    public int Seed { get; init; } = 11;
    public string? OutDir { get; init; }
    public bool Keep { get; init; }
    public bool InProcess { get; init; }
    public bool RunCli { get; init; } = true;
    public string? CliPath { get; init; }

    public static CompareOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CompareOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min)
            {
                var name = args[i];
                return int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n : throw new ArgumentException($"{name} takes a whole number of at least {min}.");
            }

            options = args[i] switch
            {
                "--format" => options with { Format = SubmissionFormats.Parse(Value()) },
                "--rows" => options with { Rows = Number(1) },
                "--threads" => options with { Threads = Number(1) },
                "--repeat" => options with { Repeat = Number(1) },
                "--seed" => options with { Seed = Number(0) },
                "--out" => options with { OutDir = Value() },
                "--keep" => options with { Keep = true },
                "--in-process" => options with { InProcess = true },
                "--no-cli" => options with { RunCli = false },
                "--cli" => options with { CliPath = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
