using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>Workbooks as zips: bombs, entity expansion and external entities, broken packages.</summary>
internal static partial class HostileCorpus
{
    private static string ValidRows() => XlsxRows(Table(Projects(2)));

    private static HostileInput WorkbookInput(string cls, string name, Expectation expected, Func<byte[]> bytes) =>
        new(name, cls, name + XlsxExt, expected, s => s.Write(bytes()));

    private static List<Part> ValidParts() => WorkbookParts(ValidRows());

    private static List<Part> Replace(List<Part> parts, Part part)
    {
        var index = parts.FindIndex(p => p.Name == part.Name);
        if (index < 0) parts.Add(part);
        else parts[index] = part;
        return parts;
    }

    private static Part Filled(string name, string open, long bytes, byte fill, string close) => new(name, s =>
    {
        Write(s, open);
        Fill(s, fill, bytes);
        Write(s, close);
    });

    private static IEnumerable<HostileInput> ZipArchives()
    {
        const string cls = "zip-bomb";
        foreach (var megabytes in new[] { 2, 8, 40 })
        {
            yield return WorkbookInput(cls, $"xlsx-ratio-bomb-{megabytes}mb", Expectation.Reject("file-too-large"), () => ZipBytes(Replace(ValidParts(),
                Filled("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>""", (long)megabytes << 20, (byte)'A', "</t></is></c></row></sheetData></worksheet>"))));
        }

        yield return WorkbookInput(cls, "xlsx-bomb-in-unused-part", Expectation.Reject("file-too-large"),
            () => ZipBytes(ValidParts().Append(Filled("xl/media/bombe.xml", "<a>", 40L << 20, (byte)'0', "</a>"))));

        // The sheet's header says it inflates to its compressed size: the inflater stops there.
        yield return WorkbookInput(cls, "xlsx-lying-size-header", Expectation.Reject("format-error", "file-too-large"), () => LieAboutSize(ZipBytes(Replace(ValidParts(),
            Filled("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>""", 8L << 20, (byte)'A', "</t></is></c></row></sheetData></worksheet>"))),
            "xl/worksheets/sheet1.xml", declared: null));
        yield return WorkbookInput(cls, "xlsx-declares-4gb-sheet", Expectation.Reject("file-too-large", "format-error"),
            () => LieAboutSize(ZipBytes(ValidParts()), "xl/worksheets/sheet1.xml", declared: 0xFFFF_FFF0));

        // Zips inside the workbook are never opened: a nested bomb is just bytes.
        var withZips = ContentTypes(extra: """<Default Extension="zip" ContentType="application/zip"/>""");
        foreach (var depth in new[] { 1, 3 })
        {
            yield return WorkbookInput(cls, $"xlsx-nested-zip-bomb-depth-{depth}", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
                    CorpusFiles.Text("[Content_Types].xml", withZips))
                .Append(new Part("xl/media/imbrique.zip", s => s.Write(NestedBomb(depth))))));
        }

        // Parts nothing refers to are never read.
        foreach (var count in new[] { 2_000, 10_000 })
        {
            yield return WorkbookInput(cls, $"xlsx-{count}-entries", Expectation.Accept(),
                () => ZipBytes(ValidParts().Concat(Enumerable.Range(0, count).Select(i => CorpusFiles.Text($"xl/extra/p{i}.xml", "<a/>")))));
        }

        yield return WorkbookInput(cls, "xlsx-duplicate-entry-names", Expectation.Reject("format-error"),
            () => ZipBytes(ValidParts().Append(CorpusFiles.Text("xl/worksheets/sheet1.xml", Worksheet(XlsxRow(1, ["autre"]))))));
        yield return WorkbookInput(cls, "xlsx-traversal-entry-name", Expectation.Accept(),
            () => ZipBytes(ValidParts().Append(CorpusFiles.Text("../../../tmp/evasion.xml", "<a/>"))));
        yield return WorkbookInput(cls, "xlsx-unknown-compression-method", Expectation.Reject("format-error"),
            () => PatchEntry(ZipBytes(ValidParts()), "xl/worksheets/sheet1.xml", localOffset: 8, centralOffset: 10, value: 14));
        yield return WorkbookInput(cls, "xlsx-encrypted-flag", Expectation.Either(),
            () => PatchEntry(ZipBytes(ValidParts()), "xl/worksheets/sheet1.xml", localOffset: 6, centralOffset: 8, value: 1));
        yield return WorkbookInput(cls, "xlsx-truncated-half", Expectation.Reject("format-error"), () => ZipBytes(ValidParts())[..(ZipBytes(ValidParts()).Length / 2)]);
        yield return WorkbookInput(cls, "xlsx-empty-zip", Expectation.Reject("format-error"), () => ZipBytes([]));
    }

    // A zip of a zip of … a 40 MB run of zeros.
    private static byte[] NestedBomb(int depth)
    {
        var inner = ZipBytes([new Part("zeros.bin", s => Fill(s, 0, 40L << 20))]);
        for (var level = 1; level < depth; level++)
        {
            var copy = inner;
            inner = ZipBytes(Enumerable.Range(0, 10).Select(i => new Part($"niveau{level}-{i}.zip", s => s.Write(copy))));
        }

        return inner;
    }

    /// <summary>Rewrites an entry's uncompressed size, in its local header and the central directory (to its compressed size when <paramref name="declared"/> is null).</summary>
    private static byte[] LieAboutSize(byte[] zip, string entryName, uint? declared)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), declared ?? BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i + 18)));
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), declared ?? BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i + 20)));
        }

        return zip;
    }

    /// <summary>Sets a 16-bit field of an entry's local header and central directory record (method, flags).</summary>
    private static byte[] PatchEntry(byte[] zip, string entryName, int localOffset, int centralOffset, ushort value)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30).StartsWith(name))
                BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(i + localOffset), value);
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46).StartsWith(name))
                BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(i + centralOffset), value);
        }

        return zip;
    }

    private static IEnumerable<HostileInput> XmlEntities()
    {
        const string cls = "xml-entities";
        var laughs = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var level = 1; level <= 9; level++)
            laughs.Append($"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))}\">");
        var quadratic = $"<!ENTITY big \"{new string('q', 50_000)}\">";
        (string Name, string Dtd, string Reference)[] attacks =
        [
            ("billion-laughs", laughs.ToString(), "&lol9;"),
            ("quadratic-blowup", quadratic, Repeat("&big;", 5_000)),
            ("external-file", "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">", "&xxe;"),
            ("external-http", "<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/secret\">", "&xxe;"),
            ("parameter-entity", "<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;", "x"),
        ];

        foreach (var (name, dtd, reference) in attacks)
        {
            yield return WorkbookInput(cls, $"xlsx-{name}-in-sheet", Expectation.Reject("format-error"), () => ZipBytes(Replace(ValidParts(),
                CorpusFiles.Text("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\"?><!DOCTYPE worksheet [{dtd}]><worksheet xmlns=\"{Main}\"><sheetData>{ValidRows()}<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>{reference}</t></is></c></row></sheetData></worksheet>"))));
            yield return WorkbookInput(cls, $"xlsx-{name}-in-shared-strings", Expectation.Reject("format-error"), () => ZipBytes(WorkbookParts(SheetWithSharedTitle,
                sharedStrings: s => Write(s, $"<?xml version=\"1.0\"?><!DOCTYPE sst [{dtd}]><sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>{reference}</t></si></sst>"))));
        }

        string[] packageParts = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"];
        foreach (var part in packageParts)
        {
            var slug = part.Replace("[", "").Replace("]", "").Replace("/", "-").Replace("_", "").Replace(".", "-").Trim('-').ToLowerInvariant();
            foreach (var (name, dtd, _) in attacks.Where(a => a.Name is "billion-laughs" or "external-file"))
            {
                yield return WorkbookInput(cls, $"xlsx-{name}-in-{slug}", Expectation.Reject("format-error"), () =>
                {
                    var parts = ValidParts();
                    var original = Inflate(ZipBytes(parts), part);
                    var root = original.IndexOf('<', original.IndexOf("?>", StringComparison.Ordinal));
                    var element = original[(root + 1)..].Split(' ', '>')[0];
                    return ZipBytes(Replace(parts, CorpusFiles.Text(part, original[..root] + $"<!DOCTYPE {element} [{dtd}]>" + original[root..])));
                });
            }
        }

        yield return WorkbookInput(cls, "xlsx-external-dtd", Expectation.Reject("format-error"), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\"?><!DOCTYPE worksheet SYSTEM \"http://127.0.0.1:9/ws.dtd\"><worksheet xmlns=\"{Main}\"><sheetData>{ValidRows()}</sheetData></worksheet>"))));
        yield return WorkbookInput(cls, "xlsx-xinclude", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><sheetData>{ValidRows()}<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></sheetData></worksheet>"))));
        yield return WorkbookInput(cls, "xlsx-stylesheet-processing-instruction", Expectation.Accept(), () => ZipBytes(Replace(ValidParts(),
            CorpusFiles.Text("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"http://127.0.0.1:9/x.xsl\"?><worksheet xmlns=\"{Main}\"><sheetData>{ValidRows()}</sheetData></worksheet>"))));
        yield return WorkbookInput(cls, "xlsx-sheet-in-utf16", Expectation.Either(), () => ZipBytes(Replace(ValidParts(),
            new Part("xl/worksheets/sheet1.xml", s => s.Write([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"{Main}\"><sheetData>{ValidRows()}</sheetData></worksheet>")])))));
    }

    private static string Inflate(byte[] zip, string entryName)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(entryName)!.Open());
        return reader.ReadToEnd();
    }
}
