using System.Text;
using System.Text.RegularExpressions;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.IntegrationTests.Publishing;

public sealed class SnapshotIndexPageTests
{
    private const string Folder = "snapshots/2026-11-26/";

    [Fact]
    public async Task The_page_shows_each_region_s_total_a_bar_per_region_and_every_file_with_its_checksum()
    {
        await using var storage = await PublishingStorage.StartAsync();
        // One synthetic project per mandataire: 10 000 $ × (its rank + 1), so bars differ and Montérégie sums three.
        var mandataires = ReferenceCatalog.Default.Mandataires;
        for (var i = 0; i < mandataires.Count; i++)
        {
            var m = mandataires[i];
            await storage.AcceptAsync(m.Code, m.RegionCode, "sub-" + m.Code,
                Projects.Make($"{m.Code}-1", regionCode: m.RegionCode, fqis: 10000m * (i + 1), people: 10 * (i + 1),
                    titre: "Projet synthétique", organisme: "Organisme fictif"));
        }

        var result = await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        var html = Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "index.html"));

        // Mandataires in code order: longueuil is 14th, monteregie-est 16th, monteregie-ouest 17th, so Montérégie = 47 × 10 000 $.
        var ranks = mandataires.Select((m, i) => (m, i)).Where(x => x.m.RegionCode == "16").Select(x => x.i + 1).ToArray();
        Assert.Equal(47, ranks.Sum());
        Assert.Contains("<td>16 Montérégie</td><td class=\"n\">3</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">470\u202F000,00\u00A0$</td>", html);
        Assert.Contains("<time datetime=\"2026-11-26\">2026-11-26</time>", html);
        Assert.Equal(17, Regex.Matches(html, "<rect class=\"bar\"").Count);
        // The largest region has the full bar width, a region of half its amount half of it.
        var widths = Regex.Matches(html, "<rect class=\"bar\" x=\"0\" y=\"\\d+\" width=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(400, widths.Max());
        // Montérégie (470 000 $) has the full width; Laval (130 000 $) 400 × 13 / 47 = 110.6, floored.
        Assert.Contains(110, widths);
        foreach (var file in result.Files.Where(f => f.Name != "index.html" && f.Name != "latest.json"))
        {
            Assert.Contains($"<a href=\"{file.Name}\">{file.Name}</a>", html);
            Assert.Contains(file.Sha256, html);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//(?!creativecommons\\.org/licenses/)", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);

        // Kept beside the test assembly for scripts/screenshot.sh, which renders it for the README.
        var sample = Path.Combine(AppContext.BaseDirectory, "snapshot-sample");
        Directory.CreateDirectory(sample);
        foreach (var file in result.Files)
            await File.WriteAllBytesAsync(Path.Combine(sample, file.Name), await storage.ReadAsync(Folder + file.Name));
    }

    [Fact]
    public async Task The_page_shows_every_exercice_and_a_year_over_year_view_of_the_FQIS_totals()
    {
        await using var storage = await PublishingStorage.StartAsync();
        // Three exercices: 1 000.00 $, then 1 250.50 $ (+25.05 % → +25,1 %), then 625.25 $ (−50.0 %).
        await storage.AcceptAsync("estrie", "05", "sub-1", Projects.Make("A", exercice: "2022-2023", fqis: 1000m));
        await storage.AcceptAsync("laval", "13", "sub-2", Projects.Make("B", exercice: "2023-2024", regionCode: "13", fqis: 1250.50m));
        await storage.AcceptAsync("montreal", "06", "sub-3", Projects.Make("C", exercice: "2024-2025", regionCode: "06", fqis: 625.25m));

        var result = await SnapshotPublisherTests.Publisher(storage).PublishAsync(new DateOnly(2026, 11, 26), CancellationToken.None);
        var html = Encoding.UTF8.GetString(await storage.ReadAsync(Folder + "index.html"));

        // Kept beside the test assembly for scripts/screenshot.sh (docs/opendata.md's picture of the history).
        var sample = Path.Combine(AppContext.BaseDirectory, "snapshot-history-sample");
        Directory.CreateDirectory(sample);
        foreach (var file in result.Files)
            await File.WriteAllBytesAsync(Path.Combine(sample, file.Name), await storage.ReadAsync(Folder + file.Name));

        foreach (var exercice in new[] { "2022-2023", "2023-2024", "2024-2025" })
            Assert.Contains($"<h2>Exercice {exercice}</h2>", html);
        Assert.Contains("<h2>Évolution d'un exercice à l'autre</h2>", html);
        Assert.Contains("<tr><td>2022-2023</td><td class=\"n\">1\u202F000,00\u00A0$</td><td class=\"n\">—</td>", html);
        Assert.Contains("<tr><td>2023-2024</td><td class=\"n\">1\u202F250,50\u00A0$</td><td class=\"n\">+25,1\u00A0%</td>", html);
        Assert.Contains("<tr><td>2024-2025</td><td class=\"n\">625,25\u00A0$</td><td class=\"n\">−50,0\u00A0%</td>", html);
        // One bar per exercice, the largest full width, a fall drawn apart from a rise.
        var bars = Regex.Matches(html, "<rect class=\"(up|down)\" x=\"0\" y=\"\\d+\" width=\"(\\d+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        Assert.Equal([("up", "319"), ("up", "400"), ("down", "200")], bars);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
