using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SolidaritePipeline.IntegrationTests.Publishing;

/// <summary>
/// Checks a CSV file against a Frictionless Table Schema the way a data portal would: header equals
/// the field names, every cell parses as its type, and the constraints hold (required, enum, pattern,
/// minimum, maximum), the primary key is unique. Written from the Table Schema v1 spec, apart from
/// the publisher's code, so that both would have to be wrong the same way to agree.
/// </summary>
internal static class TableSchemaChecker
{
    public static IReadOnlyList<string> Check(byte[] csv, JsonElement schema)
    {
        var errors = new List<string>();
        var rows = ParseCsv(csv, out var hasBom);
        if (!hasBom) errors.Add("no UTF-8 BOM");
        var fields = schema.GetProperty("fields").EnumerateArray().ToArray();
        var names = fields.Select(f => f.GetProperty("name").GetString()!).ToArray();
        if (rows.Count == 0 || !rows[0].SequenceEqual(names))
        {
            errors.Add($"header is [{string.Join(",", rows.FirstOrDefault() ?? [])}], schema says [{string.Join(",", names)}]");
            return errors;
        }

        var missing = schema.TryGetProperty("missingValues", out var mv)
            ? mv.EnumerateArray().Select(v => v.GetString()!).ToHashSet()
            : [""];
        var keyColumns = schema.GetProperty("primaryKey").EnumerateArray().Select(k => Array.IndexOf(names, k.GetString())).ToArray();
        var keys = new HashSet<string>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Length != names.Length)
            {
                errors.Add($"row {r + 1} has {row.Length} cells");
                continue;
            }

            for (var c = 0; c < names.Length; c++)
            {
                var problem = CheckCell(row[c], fields[c], missing);
                if (problem is not null) errors.Add($"row {r + 1}, {names[c]} = '{row[c]}': {problem}");
            }

            var key = string.Join("\u0001", keyColumns.Select(k => row[k]));
            if (keyColumns.Any(k => missing.Contains(row[k]))) errors.Add($"row {r + 1}: primary key has a missing value");
            if (!keys.Add(key)) errors.Add($"row {r + 1}: primary key {key} repeats");
        }

        return errors;
    }

    public static int RowCount(byte[] csv) => ParseCsv(csv, out _).Count - 1;

    /// <summary>
    /// Checks every <c>foreignKeys</c> entry of every resource of a data package: each non-missing value
    /// of the field must be a value of the referenced field in the referenced resource (Table Schema v1).
    /// </summary>
    public static IReadOnlyList<string> CheckForeignKeys(JsonElement package, Func<string, byte[]> readResourceFile)
    {
        var errors = new List<string>();
        var resources = package.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
        List<string[]> Rows(JsonElement resource) => ParseCsv(readResourceFile(resource.GetProperty("path").GetString()!), out _);
        foreach (var (name, resource) in resources)
        {
            if (!resource.GetProperty("schema").TryGetProperty("foreignKeys", out var keys)) continue;
            var rows = Rows(resource);
            foreach (var key in keys.EnumerateArray())
            {
                var field = key.GetProperty("fields").GetString()!;
                var target = key.GetProperty("reference").GetProperty("resource").GetString()!;
                var targetField = key.GetProperty("reference").GetProperty("fields").GetString()!;
                if (!resources.TryGetValue(target, out var referenced))
                {
                    errors.Add($"{name}.{field} refers to missing resource {target}");
                    continue;
                }

                var targetRows = Rows(referenced);
                var targetColumn = Array.IndexOf(targetRows[0], targetField);
                var column = Array.IndexOf(rows[0], field);
                if (column < 0 || targetColumn < 0)
                {
                    errors.Add($"{name}.{field} -> {target}.{targetField}: a column is missing");
                    continue;
                }

                var known = targetRows.Skip(1).Select(r => r[targetColumn]).ToHashSet(StringComparer.Ordinal);
                for (var r = 1; r < rows.Count; r++)
                {
                    if (rows[r][column].Length > 0 && !known.Contains(rows[r][column]))
                        errors.Add($"{name} row {r + 1}: {field} = '{rows[r][column]}' is not a {targetField} of {target}");
                }
            }
        }

        return errors;
    }

    private static string? CheckCell(string cell, JsonElement field, HashSet<string> missing)
    {
        var constraints = field.TryGetProperty("constraints", out var cs) ? cs : default;
        bool Has(string name, out JsonElement value)
        {
            value = default;
            return constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(name, out value);
        }

        if (missing.Contains(cell))
            return Has("required", out var req) && req.GetBoolean() ? "required value is missing" : null;

        var type = field.GetProperty("type").GetString();
        decimal? number = null;
        switch (type)
        {
            case "string":
                break;
            case "integer":
                if (!Regex.IsMatch(cell, "^-?[0-9]+$")) return "not an integer";
                number = decimal.Parse(cell, CultureInfo.InvariantCulture);
                break;
            case "number":
                if (!Regex.IsMatch(cell, @"^-?[0-9]+(\.[0-9]+)?$")) return "not a number with '.' decimals";
                number = decimal.Parse(cell, CultureInfo.InvariantCulture);
                break;
            case "boolean":
                // Table Schema v1's default trueValues and falseValues.
                if (cell is not ("true" or "True" or "TRUE" or "1" or "false" or "False" or "FALSE" or "0")) return "not a boolean";
                break;
            case "date":
                if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return "not a date AAAA-MM-JJ";
                break;
            default:
                return $"unexpected type {type}";
        }

        if (Has("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != cell)) return "not in enum";
        if (Has("pattern", out var pattern) && !Regex.IsMatch(cell, "^(?:" + pattern.GetString() + ")$")) return "does not match pattern";
        if (number is { } n && Has("minimum", out var min) && n < min.GetDecimal()) return "below minimum";
        if (number is { } m && Has("maximum", out var max) && m > max.GetDecimal()) return "above maximum";
        return null;
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.</summary>
    private static List<string[]> ParseCsv(byte[] bytes, out bool hasBom)
    {
        hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0));
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }
            }
            else if (text[i] == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else if (text[i] is '\r' or '\n' or '"')
            {
                throw new FormatException($"bare {(int)text[i]} outside quotes at {i}");
            }
            else
            {
                cell.Append(text[i++]);
            }
        }

        if (row.Count > 0 || cell.Length > 0) throw new FormatException("last record has no CRLF");
        return rows;
    }
}
