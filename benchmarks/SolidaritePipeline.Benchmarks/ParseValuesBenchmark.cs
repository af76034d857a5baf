using BenchmarkDotNet.Attributes;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Benchmarks;

/// <summary>
/// Money and whole numbers as a program writes them (two amounts and a count a row), read by the
/// parsers' plain paths and by the long way, which reads every other spelling. Per call: each
/// benchmark reads <see cref="Cells"/> cells.
/// </summary>
public class ParseValuesBenchmark
{
    private const int Cells = 6;

    private static readonly char[][] Amounts = [.. new[] { "83630.42", "16921.67", "97520.58", "13924.19", "1500", "250.5" }.Select(s => s.ToCharArray())];
    private static readonly char[][] Counts = [.. new[] { "1649", "2733", "12", "450", "98765", "3" }.Select(s => s.ToCharArray())];

    [Benchmark(OperationsPerInvoke = Cells)]
    public decimal MoneyPlainPath()
    {
        var sum = 0m;
        foreach (var text in Amounts)
        {
            ValueParsers.ParseMoney(text, typed: false, out var amount);
            sum += amount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Cells)]
    public decimal MoneyLongWay()
    {
        var sum = 0m;
        foreach (var text in Amounts)
        {
            ValueParsers.ParseMoneyTheLongWay(text, typed: false, out var amount);
            sum += amount;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Cells)]
    public long IntegerPlainPath()
    {
        var sum = 0L;
        foreach (var text in Counts)
        {
            ValueParsers.ParseInteger(text, typed: false, out var value);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Cells)]
    public long IntegerLongWay()
    {
        var sum = 0L;
        foreach (var text in Counts)
        {
            ValueParsers.ParseIntegerTheLongWay(text, typed: false, out var value);
            sum += value;
        }

        return sum;
    }
}
