using BenchmarkDotNet.Running;
using SolidaritePipeline.Benchmarks;

// `-- --write FILE [;|,]` writes the generated submission, to try it with `solidarite validate`.
if (args is ["--write", var path, ..])
{
    File.WriteAllBytes(path, ValidateCsvBenchmark.Generate(args.Length > 2 ? args[2][0] : ';'));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
