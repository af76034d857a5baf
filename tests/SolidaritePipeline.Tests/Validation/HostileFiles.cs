using System.IO.Compression;
using System.Text;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Builds the hostile files of the memory and echo tests in the test itself (none is committed):
/// small on disk, huge once read. Workbooks are written part by part as raw SpreadsheetML, with
/// the worksheet and shared strings streamed into the zip so a 300 MB part never sits in memory.
/// </summary>
internal static class HostileFiles
{
    public const string Header =
        "exercice,no_projet,titre_projet,organisme_promoteur,neq,region_code,municipalite,axe_intervention,"
        + "clientele_cible,montant_fqis,montant_autres_sources,date_debut,date_fin,personnes_rejointes,statut,courriel_contact";

    public static readonly string[] Labels = Header.Split(',');

    /// <summary>A valid Estrie project row, numbered <paramref name="n"/>.</summary>
    public static string[] Project(int n) =>
        ["2022-2023", $"EST-{n:D3}", "Cuisines collectives", "Moisson Estrie", "", "05", "Sherbrooke", "securite_alimentaire",
         "familles", "12500.50", "0", "2022-04-01", "2023-03-31", "120", "en_cours", ""];

    public static string ProjectCsv(int n) => string.Join(',', Project(n));

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// A workbook whose worksheet rows and shared strings are written by the callbacks (raw XML
    /// inside <c>&lt;sheetData&gt;</c> and <c>&lt;sst&gt;</c>). 
    /// </summary>
    public static byte[] Workbook(Action<TextWriter> rows, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? styles = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
                + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"""
                + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
                + """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
                + (sharedStrings is null ? "" : """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""")
                + (styles is null ? "" : """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""")
                + "</Types>"));
            Part(zip, "_rels/.rels", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Part(zip, "xl/workbook.xml", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>"""
                + (sharedStrings is null ? "" : $"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""")
                + (styles is null ? "" : $"""<Relationship Id="rId3" Type="{Relationships}/styles" Target="styles.xml"/>""")
                + "</Relationships>"));
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                rows(w);
                w.Write("</sheetData></worksheet>");
            });
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
                    sharedStrings(w);
                    w.Write("</sst>");
                });
            }

            if (styles is not null)
            {
                Part(zip, "xl/styles.xml", w =>
                {
                    w.Write($"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{Main}">""");
                    styles(w);
                    w.Write("</styleSheet>");
                });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A row of inline strings, one per value, from column A.</summary>
    public static string InlineRow(int row, IEnumerable<string> values)
    {
        var xml = new StringBuilder($"""<row r="{row}">""");
        var column = 0;
        foreach (var value in values)
        {
            if (value.Length > 0) xml.Append($"""<c r="{Column(column)}{row}" t="inlineStr"><is><t>{value}</t></is></c>""");
            column++;
        }

        return xml.Append("</row>").ToString();
    }

    /// <summary>Excel's letters for a 0-based column: 0 is A, 16 383 is XFD.</summary>
    public static string Column(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>
    /// Writes <paramref name="chars"/> letters that deflate shrinks about 110:1: a short cycle broken
    /// by a pseudo-random letter every 500, under the zip guard's 200:1 ratio as the real attack was (117:1).
    /// </summary>
    public static void WriteFiller(TextWriter writer, long chars)
    {
        var random = new Random(1);
        var block = Enumerable.Range(0, 64 * 1024).Select(i => (char)('a' + (i * 7 + i / 32) % 26)).ToArray();
        for (var i = 0; i < block.Length; i += 500) block[i] = (char)('a' + random.Next(26));
        for (var written = 0L; written < chars; written += block.Length)
            writer.Write(block.AsSpan(0, (int)Math.Min(block.Length, chars - written)));
    }

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
