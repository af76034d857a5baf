using System.Globalization;
using SolidaritePipeline.EndToEnd;

// End-to-end measurements on Azurite (see docs/performance.md):
//   ingest      [--rows 500,1000000] [--repeat 3]               upload-to-totals latency and storage transactions per submission
//   mandataires [--counts 21,210] [--projects 500] [--repeat 3] publish and reconcile time as mandataires grow
const string Usage = """
    Usage: SolidaritePipeline.EndToEnd ingest [--rows N,N,...] [--repeat N] [--out DIR]
           SolidaritePipeline.EndToEnd mandataires [--counts N,N,...] [--projects N] [--repeat N] [--out DIR]
    """;

if (args.Length == 0 || args[0] is not ("ingest" or "mandataires"))
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
int[] Numbers(string name, string fallback) =>
    options.GetValueOrDefault(name, fallback).Split(',').Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
var repeat = Numbers("--repeat", "3")[0];
var folder = options.GetValueOrDefault("--out") ?? Directory.CreateTempSubdirectory("solidarite-e2e-").FullName;
Directory.CreateDirectory(folder);

try
{
    return args[0] == "ingest"
        ? await IngestLatency.RunAsync(Numbers("--rows", "500,1000000"), repeat, folder, Console.Error)
        : await MandataireGrowth.RunAsync(Numbers("--counts", "21,210"), Numbers("--projects", "500")[0], repeat, folder, Console.Error);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync("FAILED: " + e.Message);
    return 1;
}
