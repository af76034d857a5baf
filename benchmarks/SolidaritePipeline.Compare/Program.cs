using SolidaritePipeline.Compare;

// Compares our read + validate + normalise + aggregate with DuckDB on one generated CSV; see CompareOptions.Usage.
if (await Comparison.TryRunAsChildAsync(args, Console.In, Console.Out)) return 0;

CompareOptions options;
try
{
    options = CompareOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + CompareOptions.Usage);
    return 2;
}

try
{
    var result = await Comparison.RunAsync(options, Console.Error);
    Console.WriteLine(ComparisonTable.Render(result));
    return 0;
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync("FAILED: " + e.Message);
    return 1;
}
