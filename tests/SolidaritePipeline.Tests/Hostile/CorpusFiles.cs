using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>
/// Writers of the three formats for the hostile corpus, independent of the readers under test: a
/// valid estrie project that each input then twists, and the CSV, JSON and XLSX bytes around it.
/// </summary>
internal static class CorpusFiles
{
    public static readonly string[] Fields =
    [
        "exercice", "no_projet", "titre_projet", "organisme_promoteur", "neq", "region_code", "municipalite",
        "axe_intervention", "clientele_cible", "montant_fqis", "montant_autres_sources", "date_debut", "date_fin",
        "personnes_rejointes", "statut", "courriel_contact",
    ];

    private static readonly HashSet<string> Numeric = ["montant_fqis", "montant_autres_sources", "personnes_rejointes"];

    /// <summary>One valid project of the estrie mandataire (region 05), numbered <paramref name="n"/>.</summary>
    public static Dictionary<string, string> Project(int n) => new()
    {
        ["exercice"] = "2022-2023",
        ["no_projet"] = string.Create(CultureInfo.InvariantCulture, $"EST-{n:0000}"),
        ["titre_projet"] = "Cuisines collectives du quartier",
        ["organisme_promoteur"] = "Moisson Estrie",
        ["neq"] = "1143456789",
        ["region_code"] = "05",
        ["municipalite"] = "Sherbrooke",
        ["axe_intervention"] = "securite_alimentaire",
        ["clientele_cible"] = "familles",
        ["montant_fqis"] = "12500.50",
        ["montant_autres_sources"] = "3000",
        ["date_debut"] = "2022-04-01",
        ["date_fin"] = "2023-03-31",
        ["personnes_rejointes"] = "1200",
        ["statut"] = "en_cours",
        ["courriel_contact"] = "",
    };

    /// <summary>Valid projects 1..<paramref name="count"/>, the first one with <paramref name="changes"/> applied.</summary>
    public static List<Dictionary<string, string>> Projects(int count, IReadOnlyDictionary<string, string>? changes = null)
    {
        var projects = Enumerable.Range(1, count).Select(Project).ToList();
        foreach (var (field, value) in changes ?? new Dictionary<string, string>()) projects[0][field] = value;
        return projects;
    }

    public static Dictionary<string, string> One(string field, string value) => new() { [field] = value };

    // ---- CSV

    public static string CsvField(string value, char delimiter) =>
        value.AsSpan().IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Csv(IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',', string newline = "\r\n")
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(string.Join(delimiter, row.Select(v => CsvField(v, delimiter)))).Append(newline);
        return text.ToString();
    }

    public static IEnumerable<IReadOnlyList<string>> Table(IEnumerable<Dictionary<string, string>> projects, IReadOnlyList<string>? header = null)
    {
        var columns = header ?? Fields;
        yield return columns;
        foreach (var project in projects) yield return columns.Select(c => project.GetValueOrDefault(c, "")).ToArray();
    }

    public static byte[] CsvBytes(IEnumerable<Dictionary<string, string>> projects, char delimiter = ',', string newline = "\r\n") =>
        Encoding.UTF8.GetBytes(Csv(Table(projects), delimiter, newline));

    // ---- JSON

    public static string JsonString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A project object; numbers stay JSON numbers when they are plain invariant numbers, unless <paramref name="numbersAsText"/>.</summary>
    public static string JsonProject(Dictionary<string, string> project, bool numbersAsText = false) =>
        "{" + string.Join(",", project.Where(p => p.Value.Length > 0).Select(p => JsonString(p.Key) + ":" + JsonValue(p.Key, p.Value, numbersAsText))) + "}";

    private static string JsonValue(string field, string value, bool numbersAsText) =>
        !numbersAsText && Numeric.Contains(field) && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? value
            : JsonString(value);

    public static string JsonEnvelope(IEnumerable<Dictionary<string, string>> projects, bool numbersAsText = false) =>
        "{\"exercice\":\"2022-2023\",\"projets\":[" + string.Join(",", projects.Select(p => JsonProject(p, numbersAsText))) + "]}";

    public static string JsonArray(IEnumerable<Dictionary<string, string>> projects, bool numbersAsText = false) =>
        "[" + string.Join(",", projects.Select(p => JsonProject(p, numbersAsText))) + "]";

    // ---- XLSX

    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    public static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    /// <summary>Column letters of a 0-based index: 0 is A, 16 383 is XFD.</summary>
    public static string Column(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A row of inline-string cells from column A.</summary>
    public static string XlsxRow(int rowNumber, IReadOnlyList<string> values)
    {
        var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">"));
        for (var c = 0; c < values.Count; c++)
        {
            if (values[c].Length == 0) continue;
            row.Append(CultureInfo.InvariantCulture, $"<c r=\"{Column(c)}{rowNumber}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{Escape(values[c])}</t></is></c>");
        }

        return row.Append("</row>").ToString();
    }

    public static string XlsxRows(IEnumerable<IReadOnlyList<string>> table) =>
        string.Concat(table.Select((row, i) => XlsxRow(i + 1, row)));

    /// <summary>One part of a zip: its name, how its bytes are written, and how hard to compress them.</summary>
    public sealed record Part(string Name, Action<Stream> Write, CompressionLevel Level = CompressionLevel.Optimal);

    public static Part Text(string name, string content, CompressionLevel level = CompressionLevel.Optimal) =>
        new(name, s => s.Write(Encoding.UTF8.GetBytes(content)), level);

    public static string Worksheet(string rows) => Declaration + $"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""";

    public static string Workbook(string sheets = """<sheet name="Rapport" sheetId="1" r:id="rId1"/>""") =>
        Declaration + $"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets>{sheets}</sheets></workbook>""";

    public static Part RootRelationships() => Text("_rels/.rels",
        Declaration + $"""<Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");

    public static string ContentTypes(bool sharedStrings = false, string extra = "") =>
        Declaration + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
        + """<Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
        + (sharedStrings ? """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""" : "")
        + extra + "</Types>";

    public static string WorkbookRelationships(bool sharedStrings = false) =>
        Declaration + $"""<Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>"""
        + (sharedStrings ? $"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""" : "")
        + "</Relationships>";

    /// <summary>The parts of a one-sheet workbook; the sheet and the shared strings may be written by a streaming writer.</summary>
    public static List<Part> WorkbookParts(Action<Stream> sheet, Action<Stream>? sharedStrings = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        var parts = new List<Part>
        {
            Text("[Content_Types].xml", ContentTypes(sharedStrings is not null)),
            RootRelationships(),
            Text("xl/workbook.xml", Workbook()),
            Text("xl/_rels/workbook.xml.rels", WorkbookRelationships(sharedStrings is not null)),
            new("xl/worksheets/sheet1.xml", sheet, level),
        };
        if (sharedStrings is not null) parts.Add(new Part("xl/sharedStrings.xml", sharedStrings, level));
        return parts;
    }

    public static List<Part> WorkbookParts(string sheetRows) => WorkbookParts(s => s.Write(Encoding.UTF8.GetBytes(Worksheet(sheetRows))));

    public static void Zip(Stream output, IEnumerable<Part> parts)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var part in parts)
        {
            var entry = zip.CreateEntry(part.Name, part.Level);
            entry.LastWriteTime = new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            part.Write(stream);
        }
    }

    public static byte[] ZipBytes(IEnumerable<Part> parts)
    {
        using var buffer = new MemoryStream();
        Zip(buffer, parts);
        return buffer.ToArray();
    }

    public static byte[] XlsxBytes(IEnumerable<Dictionary<string, string>> projects) =>
        ZipBytes(WorkbookParts(XlsxRows(Table(projects))));

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="chunk"/>.</summary>
    public static void WriteRepeated(Stream stream, ReadOnlySpan<byte> chunk, long count)
    {
        for (var i = 0L; i < count; i++) stream.Write(chunk);
    }

    public static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
