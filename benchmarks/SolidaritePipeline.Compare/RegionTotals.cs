using System.Globalization;
using System.Text;

namespace SolidaritePipeline.Compare;

/// <summary>
/// What one engine found for one region: projects not cancelled, cancelled projects, and the sums of
/// the projects not cancelled, in exact cents and people (the measures of design.md section 3).
/// </summary>
public sealed record RegionTotals(string RegionCode, long Projects, long Cancelled, long FqisCents, long OtherCents, long People);

/// <summary>Checks that two engines agree on every region, to the cent.</summary>
public static class Agreement
{
    /// <summary>Null when both lists hold the same regions with the same measures; otherwise what differs.</summary>
    public static string? Differences(string left, IReadOnlyList<RegionTotals> a, string right, IReadOnlyList<RegionTotals> b)
    {
        var text = new StringBuilder();
        var byRegion = b.ToDictionary(t => t.RegionCode);
        foreach (var mine in a)
        {
            if (!byRegion.Remove(mine.RegionCode, out var theirs))
                text.AppendLine(CultureInfo.InvariantCulture, $"region {mine.RegionCode}: {left} {mine}, {right} nothing");
            else if (mine != theirs)
                text.AppendLine(CultureInfo.InvariantCulture, $"region {mine.RegionCode}: {left} {mine}, {right} {theirs}");
        }

        foreach (var theirs in byRegion.Values)
            text.AppendLine(CultureInfo.InvariantCulture, $"region {theirs.RegionCode}: {left} nothing, {right} {theirs}");
        return text.Length == 0 ? null : text.ToString();
    }
}
