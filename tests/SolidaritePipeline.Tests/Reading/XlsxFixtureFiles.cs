using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>
/// The generator of the committed XLSX fixtures under <c>tests/fixtures/xlsx</c>. Each workbook is
/// written part by part as raw SpreadsheetML, independently of the code under test, so the fixtures
/// hold exactly the shapes Excel writes (shared strings, styles, sparse rows, cached formulas) and the
/// hostile ones it never writes. Regenerate with
/// <c>SOLIDARITE_REGENERATE_FIXTURES=1 dotnet test tests/SolidaritePipeline.Tests --filter XlsxFixtureFilesTests</c>.
/// </summary>
internal static class XlsxFixtureFiles
{
    public const string Types = "rapport-types.xlsx";
    public const string Date1904 = "rapport-dates-1904.xlsx";
    public const string NoReferences = "rapport-sans-references.xlsx";
    public const string StartsOnRow3 = "rapport-commence-ligne-3.xlsx";
    public const string ZipBomb = "bombe-zip.xlsx";
    public const string LyingHeader = "bombe-entete-menteuse.xlsx";
    public const string NotAZip = "pas-un-zip.xlsx";
    public const string ZipWithoutWorkbook = "zip-sans-classeur.xlsx";
    public const string NoWorksheet = "classeur-sans-feuille.xlsx";
    public const string EntityExpansion = "entites-doctype.xlsx";
    public const string DoctypeInSharedStrings = "doctype-chaines-partagees.xlsx";
    public const string ExternalEntityInContentTypes = "doctype-types-de-contenu.xlsx";

    /// <summary>Bytes the bombs inflate to: far above any budget the tests give, tiny once deflated.</summary>
    public const long BombInflatedBytes = 40L * 1024 * 1024;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "xlsx", name);

    /// <summary>Every fixture's parts (entry name → content), in zip order; the lying header is patched afterwards.</summary>
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<(string Name, Action<Stream> Write)>>> Workbooks { get; } =
        new Dictionary<string, Func<IReadOnlyList<(string, Action<Stream>)>>>
        {
            [Types] = () => TypesWorkbook(),
            [Date1904] = () => Date1904Workbook(),
            [NoReferences] = () => OneSheet("""
                <row><c t="inlineStr"><is><t>no_projet</t></is></c><c t="inlineStr"><is><t>montant_fqis</t></is></c></row>
                <row><c t="inlineStr"><is><t>P-001</t></is></c><c><v>100</v></c></row>
                <row r="5"><c t="inlineStr"><is><t>P-005</t></is></c><c r="D5"><v>4</v></c><c><v>5</v></c></row>
                """),
            [StartsOnRow3] = () => OneSheet("""<row r="3"><c r="B3" t="inlineStr"><is><t>P-003</t></is></c></row>"""),
            [ZipBomb] = () => BombWorkbook(),
            [LyingHeader] = () => BombWorkbook(),
            [ZipWithoutWorkbook] = () => [Text("lisezmoi.txt", "Ceci est une archive, pas un classeur.\n")],
            [NoWorksheet] = () => Package(Workbook("<sheets/>"), [], sharedStrings: null, styles: null),
            [EntityExpansion] = () => EntityExpansionWorkbook(),
            [DoctypeInSharedStrings] = () => DoctypeSharedStringsWorkbook(),
            [ExternalEntityInContentTypes] = () => ExternalEntityContentTypesWorkbook(),
        };

    /// <summary>The non-zip fixture: a CSV saved under an .xlsx name.</summary>
    public static byte[] NotAZipBytes() =>
        Encoding.UTF8.GetBytes("exercice;no_projet;titre_projet\n2022-2023;P-001;Cuisine collective\n");

    public static byte[] Build(string name)
    {
        if (name == NotAZip) return NotAZipBytes();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, write) in Workbooks[name]())
            {
                var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                write(stream);
            }
        }

        var bytes = buffer.ToArray();
        if (name == LyingHeader) LieAboutSizes(bytes, "xl/worksheets/sheet1.xml");
        return bytes;
    }

    public static void WriteAll([CallerFilePath] string thisFile = "")
    {
        var directory = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", "..", "fixtures", "xlsx"));
        Directory.CreateDirectory(directory);
        foreach (var name in Workbooks.Keys.Append(NotAZip))
            File.WriteAllBytes(System.IO.Path.Combine(directory, name), Build(name));
    }

    // Row 1 header; row 2 every kind of cell; row 3 absent; row 4 sparse with float noise and an
    // exponent; row 5 formatted but empty; row 7 negative number and a date with a time of day.
    private static IReadOnlyList<(string, Action<Stream>)> TypesWorkbook()
    {
        string[] strings =
        [
            "exercice", "no_projet", "titre_projet", "montant_fqis", "date_debut", "date_fin",
            "personnes_rejointes", "actif", "erreur", "Cuisine collective", "12 500,50 $", "1 200", "Ligne 1_x000D_\nLigne 2",
        ];
        var sharedStrings = new StringBuilder($"""<sst xmlns="{Main}" count="{strings.Length + 1}" uniqueCount="{strings.Length + 1}">""");
        foreach (var s in strings) sharedStrings.Append($"<si><t xml:space=\"preserve\">{s}</t></si>");
        // Rich text with a phonetic guide: the guide is not part of what was typed.
        sharedStrings.Append("<si><r><t>Aînés </t></r><r><rPr><b/></rPr><t>actifs</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIQUE</t></rPh></si>");
        sharedStrings.Append("</sst>");

        // cellXfs: 0 General, 1 built-in date 14, 2 custom yyyy-mm-dd, 3 custom French long date,
        // 4 custom money with quoted text, 5 custom time h:mm, 6 built-in #,##0.00.
        var styles = $"""
            <styleSheet xmlns="{Main}">
            <numFmts count="4">
            <numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>
            <numFmt numFmtId="165" formatCode="[$-fr-CA]d\ mmmm\ yyyy;@"/>
            <numFmt numFmtId="166" formatCode="#,##0.00\ &quot;$ (dollars)&quot;"/>
            <numFmt numFmtId="167" formatCode="h:mm"/>
            </numFmts>
            <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
            <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
            <cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            <cellXfs count="7">
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
            <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
            </cellXfs>
            </styleSheet>
            """;

        var rapport = Worksheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>2022-2023</t></is></c><c r="B2" t="str"><f>"P-"&amp;"001"</f><v>P-001</v></c><c r="C2" t="s"><v>9</v></c><c r="D2" s="4"><v>12500.5</v></c><c r="E2" s="1"><v>44652</v></c><c r="F2" s="2"><v>45016</v></c><c r="G2" s="6"><v>1200</v></c><c r="H2" t="b"><v>1</v></c><c r="I2" t="e"><f>NA()</f><v>#N/A</v></c></row>
            <row r="4"><c r="A4" t="s"><v>13</v></c><c r="C4" t="s"><v>10</v></c><c r="D4"><v>1.2E-3</v></c><c r="E4" s="3"><v>44835</v></c><c r="F4"><f>0.1+0.2</f><v>0.30000000000000004</v></c><c r="G4" t="s"><v>11</v></c><c r="H4" t="b"><v>0</v></c><c r="I4" t="s"><v>12</v></c><c r="J4" s="1"/><c r="K4" s="2"/></row>
            <row r="5"><c r="A5" s="1"/><c r="B5" s="4"/></row>
            <row r="7"><c r="A7"><v>-0.5</v></c><c r="B7" s="1"><v>44652.75</v></c><c r="C7" s="5"><v>0.5</v></c><c r="D7"><v>123456789012.34</v></c><c r="E7" t="inlineStr"><is><t xml:space="preserve"> espaces </t></is></c></row>
            """);
        var notes = Worksheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>Cette feuille est ignorée</t></is></c></row>""");

        // The first <sheet> points at sheet2.xml: workbook order decides, not part names.
        return Package(
            Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId2"/><sheet name="Notes" sheetId="2" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", notes), ("sheet2.xml", rapport)],
            sharedStrings.ToString(),
            styles);
    }

    // Writers other than Excel may leave out row and cell references: positions then follow order.
    private static IReadOnlyList<(string, Action<Stream>)> OneSheet(string rows) => Package(
        Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
        [("sheet1.xml", Worksheet(rows))],
        sharedStrings: null,
        styles: null);

    private static IReadOnlyList<(string, Action<Stream>)> Date1904Workbook()
    {
        var styles = $"""<styleSheet xmlns="{Main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>""";
        var sheet = Worksheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>date_debut</t></is></c><c r="B1" t="inlineStr"><is><t>nombre</t></is></c></row>
            <row r="2"><c r="A2" s="1"><v>43190</v></c><c r="B2"><v>43190</v></c></row>
            """);
        return Package(
            Workbook("""<workbookPr date1904="1"/><sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", sheet)],
            sharedStrings: null,
            styles);
    }

    private static IReadOnlyList<(string, Action<Stream>)> BombWorkbook()
    {
        var parts = Package(
            Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", "")],
            sharedStrings: null,
            styles: null).ToList();
        var index = parts.FindIndex(p => p.Item1 == "xl/worksheets/sheet1.xml");
        parts[index] = ("xl/worksheets/sheet1.xml", stream =>
        {
            var open = Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>""");
            var close = Encoding.UTF8.GetBytes("</t></is></c></row></sheetData></worksheet>");
            stream.Write(open);
            var filler = new byte[64 * 1024];
            Array.Fill(filler, (byte)'A');
            for (var written = 0L; written < BombInflatedBytes; written += filler.Length) stream.Write(filler);
            stream.Write(close);
        });
        return parts;
    }

    private static IReadOnlyList<(string, Action<Stream>)> EntityExpansionWorkbook()
    {
        // The "billion laughs": ten levels of ten references, a gigabyte of text from a kilobyte.
        var doctype = new StringBuilder("<!DOCTYPE worksheet [\n<!ENTITY lol0 \"lol\">\n");
        for (var level = 1; level <= 9; level++)
            doctype.Append($"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))}\">\n");
        doctype.Append("]>");
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            {doctype}
            <worksheet xmlns="{Main}"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>exercice</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
            </sheetData></worksheet>
            """;
        return Package(
            Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", sheet)],
            sharedStrings: null,
            styles: null,
            sheetHasDeclaration: true);
    }

    private static IReadOnlyList<(string, Action<Stream>)> DoctypeSharedStringsWorkbook()
    {
        var sharedStrings = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>&secret;</t></si></sst>
            """;
        var sheet = Worksheet("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""");
        return Package(
            Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", sheet)],
            sharedStrings,
            styles: null,
            sharedStringsHasDeclaration: true);
    }

    private static IReadOnlyList<(string, Action<Stream>)> ExternalEntityContentTypesWorkbook()
    {
        var parts = Package(
            Workbook("""<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/></sheets>"""),
            [("sheet1.xml", Worksheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>exercice</t></is></c></row>"""))],
            sharedStrings: null,
            styles: null).ToList();
        var contentTypes = ContentTypes(1, sharedStrings: false, styles: false)
            .Replace("<Types ", "<!DOCTYPE Types [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Types ", StringComparison.Ordinal)
            .Replace("<Default Extension=\"xml\"", "<!-- &xxe; --><Default Extension=\"xml\"", StringComparison.Ordinal);
        parts[0] = Text("[Content_Types].xml", contentTypes);
        return parts;
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static string Workbook(string content) =>
        $"""<workbook xmlns="{Main}" xmlns:r="{Relationships}">{content}</workbook>""";

    private static string Worksheet(string rows) =>
        $"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""";

    private static (string, Action<Stream>) Text(string name, string content) =>
        (name, stream => stream.Write(Encoding.UTF8.GetBytes(content)));

    private static IReadOnlyList<(string, Action<Stream>)> Package(
        string workbook,
        IReadOnlyList<(string File, string Xml)> sheets,
        string? sharedStrings,
        string? styles,
        bool sheetHasDeclaration = false,
        bool sharedStringsHasDeclaration = false)
    {
        var parts = new List<(string, Action<Stream>)>
        {
            Text("[Content_Types].xml", ContentTypes(sheets.Count, sharedStrings is not null, styles is not null)),
            Text("_rels/.rels", Declaration + $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            Text("xl/workbook.xml", Declaration + workbook),
        };

        var rels = new StringBuilder("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 0; i < sheets.Count; i++)
            rels.Append($"""<Relationship Id="rId{i + 1}" Type="{Relationships}/worksheet" Target="worksheets/{sheets[i].File}"/>""");
        if (sharedStrings is not null) rels.Append($"""<Relationship Id="rId{sheets.Count + 1}" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""");
        if (styles is not null) rels.Append($"""<Relationship Id="rId{sheets.Count + 2}" Type="{Relationships}/styles" Target="styles.xml"/>""");
        rels.Append("</Relationships>");
        parts.Add(Text("xl/_rels/workbook.xml.rels", Declaration + rels));

        foreach (var (file, xml) in sheets)
            parts.Add(Text($"xl/worksheets/{file}", sheetHasDeclaration ? xml : Declaration + xml));
        if (sharedStrings is not null)
            parts.Add(Text("xl/sharedStrings.xml", sharedStringsHasDeclaration ? sharedStrings : Declaration + sharedStrings));
        if (styles is not null) parts.Add(Text("xl/styles.xml", Declaration + styles));
        return parts;
    }

    private static string ContentTypes(int sheetCount, bool sharedStrings, bool styles)
    {
        var types = new StringBuilder(Declaration + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""");
        types.Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""");
        types.Append("""<Default Extension="xml" ContentType="application/xml"/>""");
        types.Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        for (var i = 1; i <= sheetCount; i++)
            types.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        if (sharedStrings)
            types.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
        if (styles)
            types.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        return types.Append("</Types>").ToString();
    }

    /// <summary>Rewrites an entry's uncompressed size, in its local header and the central directory, to its compressed size.</summary>
    private static void LieAboutSizes(byte[] zip, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50 && Matches(zip, i + 30, name))
                Array.Copy(zip, i + 18, zip, i + 22, 4); // local header: compressed size → uncompressed size
            else if (signature == 0x02014b50 && Matches(zip, i + 46, name))
                Array.Copy(zip, i + 20, zip, i + 24, 4); // central directory: same
        }
    }

    private static bool Matches(byte[] zip, int at, byte[] name) =>
        at + name.Length <= zip.Length && zip.AsSpan(at, name.Length).SequenceEqual(name);
}
