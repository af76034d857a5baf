using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Output;

namespace SolidaritePipeline.Cli.Demo;

/// <summary>Prints regional totals as a table a person reads in a terminal and can paste into a document.</summary>
internal static class RegionalTotalsTable
{
    private static readonly string[] Headers =
        ["Région", "Mandataires", "Projets", "Annulés", "FQIS ($)", "Autres sources ($)", "Personnes rejointes"];

    /// <summary>A Markdown table: one line per region in code order, then the total of every region.</summary>
    public static void Write(TextWriter output, IReadOnlyList<RegionalTotal> regions)
    {
        var ordered = regions.OrderBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
        var total = ordered.Aggregate(TotalsSum.Zero, (sum, r) => sum.Add(r.Totals)); // Int128: the total of all regions cannot overflow
        var lines = ordered
            .Select(r => Cells($"{r.RegionCode} {r.RegionName}", r.MandataireCount, TotalsSum.Zero.Add(r.Totals)))
            .Append(Cells("Total", ordered.Sum(r => r.MandataireCount), total))
            .ToList();
        var widths = Headers.Select((h, c) => Math.Max(h.Length, lines.Max(l => l[c].Length))).ToArray();

        output.WriteLine(Line(Headers, widths));
        output.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var line in lines) output.WriteLine(Line(line, widths));
    }

    private static string[] Cells(string label, int mandataires, TotalsSum t) =>
    [
        label,
        Count(mandataires),
        Count(t.ProjectCount),
        Count(t.CancelledProjectCount),
        FrenchNumbers.Amount(t.FqisAmountCents, FrenchNumbers.Space),
        FrenchNumbers.Amount(t.OtherAmountCents, FrenchNumbers.Space),
        Count(t.PeopleReached),
    ];

    // Québec's way of writing numbers, with a plain space so the table stays aligned in any terminal.
    private static string Count(Int128 value) => FrenchNumbers.Whole(value, FrenchNumbers.Space);

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
}
