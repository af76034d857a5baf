using System.Globalization;
using System.Text;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Output;

namespace SolidaritePipeline.Publishing;

/// <summary>
/// <c>index.html</c>: the snapshot for people. Regional totals per exercice with a bar chart in inline
/// SVG, links to every file with its size and SHA-256. No JavaScript, no external resource, one
/// column on a phone. It depends only on the data and the date, like the data files.
/// </summary>
public static class SnapshotIndexPage
{
    private const int ChartWidth = 400;
    private const int ChartBarWidth = 400;
    private const int ChartRowHeight = 40;

    public static string Render(DateOnly date, IReadOnlyList<RegionalTotal> totals, IReadOnlyList<PublishedFile> files, bool synthetic = false)
    {
        var day = OpenDataFormat.Date(date);
        var titlePrefix = synthetic ? "DONNÉES SYNTHÉTIQUES — " : "";
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{titlePrefix}Alliances pour la solidarité : données ouvertes du {day}</title>
            <style>
            body {'{'} font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.45; color: #1b1b1b; {'}'}
            h1 {'{'} font-size: 1.5rem; margin: 0 0 .25rem; {'}'}
            h2 {'{'} font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #095797; {'}'}
            .date {'{'} color: #4a4a4a; margin: 0 0 1rem; {'}'}
            .scroll {'{'} overflow-x: auto; {'}'}
            table {'{'} border-collapse: collapse; width: 100%; font-size: .9rem; {'}'}
            th, td {'{'} padding: .3rem .5rem; border-bottom: 1px solid #d0d0d0; text-align: left; vertical-align: top; {'}'}
            td.n, th.n {'{'} text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; {'}'}
            tfoot td {'{'} font-weight: bold; {'}'}
            figure {'{'} margin: 1rem 0; {'}'}
            figcaption {'{'} font-size: .9rem; color: #4a4a4a; {'}'}
            svg {'{'} width: 100%; height: auto; max-width: 30rem; display: block; {'}'}
            svg text {'{'} font-size: 14px; fill: #1b1b1b; {'}'}
            caption {'{'} text-align: left; font-weight: bold; padding: .5rem 0; {'}'}
            .bar {'{'} fill: #095797; {'}'}
            code {'{'} font-size: .75rem; word-break: break-all; {'}'}
            time {'{'} white-space: nowrap; {'}'}
            ul.files li {'{'} margin-bottom: .5rem; {'}'}
            .avis {'{'} border: 3px solid #cb381f; background: #fbe9e6; padding: .75rem 1rem; margin: 0 0 1rem; font-weight: bold; {'}'}
            .up {'{'} fill: #095797; {'}'} .down {'{'} fill: #cb381f; {'}'}
            </style>
            </head>
            <body>
            {(synthetic ? $"<p class=\"avis\" role=\"note\">{SyntheticData.NoticeFr}<br><span lang=\"en\">{SyntheticData.NoticeEn}</span></p>\n" : "")}<h1>{titlePrefix}Alliances pour la solidarité : projets financés par le FQIS</h1>
            <p class="date">Instantané des données ouvertes du <time datetime="{day}">{day}</time></p>
            <p>Totaux par région administrative des projets déclarés dans les redditions de comptes acceptées des mandataires.
            Les projets annulés sont comptés à part et n'entrent ni dans les montants ni dans les personnes rejointes.</p>

            """);

        var exercices = totals.Select(t => t.Exercice).Distinct().OrderDescending(StringComparer.Ordinal).ToArray();
        if (exercices.Length == 0)
            html.Append("<p>Aucune reddition de comptes acceptée pour l'instant.</p>\n");
        if (exercices.Length > 1) AppendYearOverYear(html, totals);
        foreach (var exercice in exercices)
            AppendExercice(html, exercice, totals.Where(t => t.Exercice == exercice).ToArray());

        html.Append("<h2>Fichiers</h2>\n<ul class=\"files\">\n");
        foreach (var file in files)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"{Html.Encode(file.Name)}\">{Html.Encode(file.Name)}</a> ({Bytes(file.Bytes)})<br><code>SHA-256 {file.Sha256}</code></li>\n");
        }

        html.Append("""
            </ul>
            <p>Licence : <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">Creative Commons Attribution 4.0 International (CC-BY-4.0)</a>.
            Les fichiers CSV sont en UTF-8 avec BOM, séparateur virgule, point décimal ; <code>datapackage.json</code> les décrit (Frictionless Data).</p>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void AppendExercice(StringBuilder html, string exercice, IReadOnlyList<RegionalTotal> regions)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Exercice {Html.Encode(exercice)}</h2>\n");
        AppendChart(html, exercice, regions);
        html.Append("""
            <div class="scroll"><table>
            <caption>Totaux par région</caption>
            <thead><tr><th>Région</th><th class="n">Mandataires</th><th class="n">Projets</th><th class="n">Annulés</th><th class="n">Montant FQIS</th><th class="n">Autres sources</th><th class="n">Personnes rejointes</th></tr></thead>
            <tbody>

            """);
        foreach (var r in regions)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{r.RegionCode} {Html.Encode(r.RegionName)}</td><td class=\"n\">{r.MandataireCount}</td><td class=\"n\">{FrenchNumbers.Whole(r.Totals.ProjectCount)}</td>" +
                $"<td class=\"n\">{FrenchNumbers.Whole(r.Totals.CancelledProjectCount)}</td><td class=\"n\">{FrenchNumbers.Dollars(r.Totals.FqisAmountCents)}</td>" +
                $"<td class=\"n\">{FrenchNumbers.Dollars(r.Totals.OtherAmountCents)}</td><td class=\"n\">{FrenchNumbers.Whole(r.Totals.PeopleReached)}</td></tr>\n");
        }

        // Int128: the page is written after the data files, so nothing here may throw on stored numbers.
        var total = regions.Aggregate(TotalsSum.Zero, (sum, r) => sum.Add(r.Totals));
        html.Append(CultureInfo.InvariantCulture,
            $"</tbody>\n<tfoot><tr><td>Total</td><td class=\"n\">{regions.Aggregate(Int128.Zero, (sum, r) => sum + r.MandataireCount)}</td>" +
            $"<td class=\"n\">{FrenchNumbers.Whole(total.ProjectCount)}</td><td class=\"n\">{FrenchNumbers.Whole(total.CancelledProjectCount)}</td>" +
            $"<td class=\"n\">{FrenchNumbers.Dollars(total.FqisAmountCents)}</td><td class=\"n\">{FrenchNumbers.Dollars(total.OtherAmountCents)}</td>" +
            $"<td class=\"n\">{FrenchNumbers.Whole(total.PeopleReached)}</td></tr></tfoot>\n</table></div>\n");
    }

    /// <summary>
    /// Every exercice side by side: the FQIS total per exercice as bars, and a table with the change
    /// from the exercice before, so the history reads at a glance without opening each exercice.
    /// </summary>
    private static void AppendYearOverYear(StringBuilder html, IReadOnlyList<RegionalTotal> totals)
    {
        var years = totals.GroupBy(t => t.Exercice)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Exercice: g.Key, Fqis: g.Sum(t => t.Totals.FqisAmountCents), Projects: g.Sum(t => (long)t.Totals.ProjectCount),
                People: g.Sum(t => t.Totals.PeopleReached)))
            .ToArray();
        var max = Math.Max(1, years.Max(y => y.Fqis));
        var height = years.Length * ChartRowHeight + 4;
        html.Append(CultureInfo.InvariantCulture,
            $"<h2>Évolution d'un exercice à l'autre</h2>\n<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ChartWidth} {height}\" role=\"img\" aria-labelledby=\"chart-evolution\">\n");
        html.Append("<title id=\"chart-evolution\">Montant FQIS total par exercice</title>\n");
        for (var i = 0; i < years.Length; i++)
        {
            var y = i * ChartRowHeight;
            var bar = years[i].Fqis * ChartBarWidth / max;
            var trend = i > 0 && years[i].Fqis < years[i - 1].Fqis ? "down" : "up";
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\">{Html.Encode(years[i].Exercice)}</text>" +
                $"<text x=\"{ChartWidth}\" y=\"{y + 15}\" text-anchor=\"end\">{FrenchNumbers.Dollars(years[i].Fqis)}</text>" +
                $"<rect class=\"{trend}\" x=\"0\" y=\"{y + 20}\" width=\"{bar}\" height=\"12\"/>\n");
        }

        html.Append("""
            </svg>
            <figcaption>Montant accordé par le FQIS aux projets non annulés, toutes régions, par exercice.</figcaption>
            </figure>
            <div class="scroll"><table>
            <caption>Totaux par exercice</caption>
            <thead><tr><th>Exercice</th><th class="n">Montant FQIS</th><th class="n">Variation</th><th class="n">Projets</th><th class="n">Personnes rejointes</th></tr></thead>
            <tbody>

            """);
        for (var i = 0; i < years.Length; i++)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Html.Encode(years[i].Exercice)}</td><td class=\"n\">{FrenchNumbers.Dollars(years[i].Fqis)}</td>" +
                $"<td class=\"n\">{(i == 0 ? "—" : Change(years[i - 1].Fqis, years[i].Fqis))}</td>" +
                $"<td class=\"n\">{FrenchNumbers.Whole(years[i].Projects)}</td><td class=\"n\">{FrenchNumbers.Whole(years[i].People)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>The change from one exercice to the next, in percent with one decimal, computed on cents.</summary>
    internal static string Change(long before, long after)
    {
        if (before == 0) return after == 0 ? "0,0\u00A0%" : "nouveau";
        // Tenths of a percent, rounded half away from zero, in exact decimal arithmetic.
        return FrenchNumbers.SignedPercentTenths(decimal.Round((after - before) * 1000m / before, 0, MidpointRounding.AwayFromZero));
    }

    // Label above its bar, so the chart stays narrow and its text legible once scaled down to a phone.
    private static void AppendChart(StringBuilder html, string exercice, IReadOnlyList<RegionalTotal> regions)
    {
        var max = Int128.Max(1, regions.Max(r => r.Totals.FqisAmountCents));
        var height = regions.Count * ChartRowHeight + 4;
        html.Append(CultureInfo.InvariantCulture,
            $"<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ChartWidth} {height}\" role=\"img\" aria-labelledby=\"chart-{Html.Encode(exercice)}\">\n" +
            $"<title id=\"chart-{Html.Encode(exercice)}\">Montant FQIS par région, exercice {Html.Encode(exercice)}</title>\n");
        for (var i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            var y = i * ChartRowHeight;
            // Integer arithmetic on cents: the same totals draw the same bars, to the byte.
            var bar = (Int128)r.Totals.FqisAmountCents * ChartBarWidth / max; // Int128: cents × 400 may pass Int64
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\">{Html.Encode(r.RegionName)}</text>" +
                $"<text x=\"{ChartWidth}\" y=\"{y + 15}\" text-anchor=\"end\">{FrenchNumbers.Dollars(r.Totals.FqisAmountCents)}</text>" +
                $"<rect class=\"bar\" x=\"0\" y=\"{y + 20}\" width=\"{bar}\" height=\"12\"/>\n");
        }

        html.Append("</svg>\n<figcaption>Montant accordé par le FQIS aux projets non annulés, par région.</figcaption>\n</figure>\n");
    }

    private static string Bytes(long bytes) => bytes < 1024
        ? $"{FrenchNumbers.Whole(bytes)} octets"
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} Kio").Replace('.', ',');
}
