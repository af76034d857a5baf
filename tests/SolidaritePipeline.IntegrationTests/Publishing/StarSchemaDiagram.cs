using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SolidaritePipeline.IntegrationTests.Publishing;

/// <summary>
/// Draws the star schema of a <c>datapackage.json</c> as SVG: fact tables (those no foreign key names)
/// in the middle, dimensions on both sides, one line per foreign key from the fact's field to its
/// dimension. Read only from the descriptor, so the picture in the README is the published model.
/// </summary>
internal static class StarSchemaDiagram
{
    private const int BoxWidth = 280;
    private const int Gap = 90;
    private const int Header = 28;
    private const int Row = 18;
    private const int Spacing = 26;
    private const int Margin = 20;
    private const int Left = 60; // room for the line that joins two tables of the left column

    private sealed record Table(string Name, string Title, IReadOnlyList<(string Name, string Type)> Fields, IReadOnlySet<string> Keys,
        IReadOnlyList<(string Field, string Target)> ForeignKeys);

    public static string Render(JsonElement package)
    {
        var tables = package.GetProperty("resources").EnumerateArray().Select(r =>
        {
            var schema = r.GetProperty("schema");
            var fks = schema.TryGetProperty("foreignKeys", out var keys)
                ? keys.EnumerateArray().Select(k => (k.GetProperty("fields").GetString()!, k.GetProperty("reference").GetProperty("resource").GetString()!)).ToArray()
                : [];
            return new Table(
                r.GetProperty("name").GetString()!,
                r.GetProperty("title").GetString()!,
                schema.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("type").GetString()!)).ToArray(),
                schema.GetProperty("primaryKey").EnumerateArray().Select(k => k.GetString()!).ToHashSet(),
                fks);
        }).ToArray();
        var referenced = tables.SelectMany(t => t.ForeignKeys.Select(k => k.Target)).ToHashSet();
        var facts = tables.Where(t => !referenced.Contains(t.Name)).ToArray();
        var dimensions = tables.Where(t => referenced.Contains(t.Name)).ToArray();
        var half = (dimensions.Length + 1) / 2;
        Table[][] columns = [dimensions[..half], facts, dimensions[half..]];

        var boxes = new Dictionary<string, (int X, int Y, Table Table)>();
        var height = 0;
        for (var c = 0; c < columns.Length; c++)
        {
            var y = Margin + 30;
            foreach (var table in columns[c])
            {
                boxes[table.Name] = (Left + c * (BoxWidth + Gap), y, table);
                y += Header + table.Fields.Count * Row + 8 + Spacing;
            }

            height = Math.Max(height, y);
        }

        var width = Left + Margin + 3 * BoxWidth + 2 * Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">
            <title>Modèle en étoile des données ouvertes : {Escape(package.GetProperty("name").GetString()!)}</title>
            <rect width="{width}" height="{height}" fill="#ffffff"/>
            <text x="{Margin}" y="{Margin + 10}" font-size="14" font-weight="bold" fill="#1b1b1b">Modèle en étoile de datapackage.json : faits au centre, dimensions de part et d'autre</text>

            """);

        // Lines first, so the boxes cover their ends.
        foreach (var (name, (x, y, table)) in boxes)
        {
            foreach (var (field, target) in table.ForeignKeys)
            {
                var (tx, ty, _) = boxes[target];
                var fy = y + Header + FieldIndex(table, field) * Row + Row / 2 + 2;
                var targetY = ty + Header / 2;
                string path;
                if (tx == x)
                {
                    // Same column (mandataires -> regions): around the left edge.
                    path = $"M{x} {fy} C{x - 40} {fy} {x - 40} {targetY} {x} {targetY}";
                }
                else
                {
                    var fromX = tx < x ? x : x + BoxWidth;
                    var toX = tx < x ? tx + BoxWidth : tx;
                    var mid = (fromX + toX) / 2;
                    path = $"M{fromX} {fy} C{mid} {fy} {mid} {targetY} {toX} {targetY}";
                }

                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"#6b7c93\" stroke-width=\"1.2\"/>\n");
            }
        }

        foreach (var (name, (x, y, table)) in boxes)
        {
            var fact = facts.Contains(table);
            var boxHeight = Header + table.Fields.Count * Row + 8;
            var fill = fact ? "#095797" : "#4a6f8a";
            svg.Append(CultureInfo.InvariantCulture,
                $"<g><rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{boxHeight}\" rx=\"4\" fill=\"#f6f8fa\" stroke=\"{fill}\" stroke-width=\"1.5\"/>" +
                $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{Header - 4}\" rx=\"4\" fill=\"{fill}\"/>" +
                $"<text x=\"{x + 8}\" y=\"{y + 17}\" font-weight=\"bold\" fill=\"#ffffff\">{Escape(table.Name)}.csv</text>" +
                $"<text x=\"{x + BoxWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" fill=\"#ffffff\">{(fact ? "fait" : "dimension")}</text>\n");
            for (var i = 0; i < table.Fields.Count; i++)
            {
                var (field, type) = table.Fields[i];
                var fy = y + Header + i * Row + 12;
                var key = table.Keys.Contains(field) ? " font-weight=\"bold\"" : "";
                var fk = table.ForeignKeys.FirstOrDefault(k => k.Field == field).Target;
                var note = (table.Keys.Contains(field) ? "clé " : "") + (fk is null ? "" : "→ " + fk + " ") + type;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + 8}\" y=\"{fy}\"{key} fill=\"#1b1b1b\">{Escape(field)}</text>" +
                    $"<text x=\"{x + BoxWidth - 8}\" y=\"{fy}\" text-anchor=\"end\" fill=\"#5a5a5a\">{Escape(note)}</text>\n");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static int FieldIndex(Table table, string field)
    {
        for (var i = 0; i < table.Fields.Count; i++)
            if (table.Fields[i].Name == field) return i;
        throw new InvalidDataException($"{table.Name} has no field {field}.");
    }

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
