using System.Globalization;

namespace SolidaritePipeline.Compare;

/// <summary>
/// The engines compared for each format, ours first, and the short names that a child process of the
/// harness is told to run (<c>ours:N</c>, <c>ours:N:hash-given</c>, <c>duckdb:N</c>, <c>miniexcel</c>,
/// <c>exceldatareader</c>, <c>stj</c>). The parallel path is the CSV reader's: for XLSX and JSON ours
/// runs on one thread. For CSV, each DuckDB is followed by ours with the hash given, the work of a file
/// in production, beside ours hashing as <c>validate</c> does.
/// </summary>
public static class EngineCatalog
{
    private const string HashGivenChild = ":hash-given";

    public static IEngine[] For(SubmissionFormat format, int threads) => format switch
    {
        SubmissionFormat.Xlsx => [new PipelineEngine(1), new MiniExcelEngine(), new ExcelDataReaderEngine()],
        SubmissionFormat.Json => [new PipelineEngine(1), new JsonSerializerEngine()],
        _ =>
        [
            new PipelineEngine(1), new DuckDbEngine(1), new PipelineEngine(1, hashGiven: true),
            new PipelineEngine(threads), new DuckDbEngine(threads), new PipelineEngine(threads, hashGiven: true),
        ],
    };

    public static string ChildName(IEngine engine) => engine switch
    {
        DuckDbEngine duck => string.Create(CultureInfo.InvariantCulture, $"duckdb:{duck.Threads}"),
        PipelineEngine ours => string.Create(CultureInfo.InvariantCulture, $"ours:{ours.Threads}{(ours.HashGiven ? HashGivenChild : "")}"),
        MiniExcelEngine => "miniexcel",
        ExcelDataReaderEngine => "exceldatareader",
        JsonSerializerEngine => "stj",
        _ => throw new InvalidOperationException($"No child mode for {engine.Name}."),
    };

    public static IEngine FromChildName(string name) => name switch
    {
        "miniexcel" => new MiniExcelEngine(),
        "exceldatareader" => new ExcelDataReaderEngine(),
        "stj" => new JsonSerializerEngine(),
        _ when name.StartsWith("ours:", StringComparison.Ordinal) && name.EndsWith(HashGivenChild, StringComparison.Ordinal) =>
            new PipelineEngine(int.Parse(name["ours:".Length..^HashGivenChild.Length], CultureInfo.InvariantCulture), hashGiven: true),
        _ when name.StartsWith("ours:", StringComparison.Ordinal) => new PipelineEngine(int.Parse(name["ours:".Length..], CultureInfo.InvariantCulture)),
        _ when name.StartsWith("duckdb:", StringComparison.Ordinal) => new DuckDbEngine(int.Parse(name["duckdb:".Length..], CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"No engine named {name}."),
    };
}
