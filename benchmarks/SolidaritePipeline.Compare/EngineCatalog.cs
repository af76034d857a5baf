using System.Globalization;

namespace SolidaritePipeline.Compare;

/// <summary>
/// The engines compared for each format, ours first, and the short names that a child process of the
/// harness is told to run (<c>ours</c>, <c>duckdb:N</c>, <c>miniexcel</c>, <c>exceldatareader</c>, <c>stj</c>).
/// </summary>
public static class EngineCatalog
{
    public static IEngine[] For(SubmissionFormat format, int threads) => format switch
    {
        SubmissionFormat.Xlsx => [new PipelineEngine(), new MiniExcelEngine(), new ExcelDataReaderEngine()],
        SubmissionFormat.Json => [new PipelineEngine(), new JsonSerializerEngine()],
        _ => [new PipelineEngine(), new DuckDbEngine(1), new DuckDbEngine(threads)],
    };

    public static string ChildName(IEngine engine) => engine switch
    {
        DuckDbEngine duck => string.Create(CultureInfo.InvariantCulture, $"duckdb:{duck.Threads}"),
        MiniExcelEngine => "miniexcel",
        ExcelDataReaderEngine => "exceldatareader",
        JsonSerializerEngine => "stj",
        _ => "ours",
    };

    public static IEngine FromChildName(string name) => name switch
    {
        "ours" => new PipelineEngine(),
        "miniexcel" => new MiniExcelEngine(),
        "exceldatareader" => new ExcelDataReaderEngine(),
        "stj" => new JsonSerializerEngine(),
        _ when name.StartsWith("duckdb:", StringComparison.Ordinal) => new DuckDbEngine(int.Parse(name["duckdb:".Length..], CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"No engine named {name}."),
    };
}
