using System.Globalization;
using System.IO.Compression;
using System.Text;
using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>The defects of the reliability issue, small and at full size.</summary>
internal static partial class HostileCorpus
{
    public const long MaxBytes = 50L * 1024 * 1024;

    private static IEnumerable<HostileInput> Defects() =>
        LongHeaders().Concat(XlsxStrings()).Concat(CsvColumns()).Concat(WideXlsxRows()).Concat(BigInputs());

    // Header labels and JSON property names are echoed into reports: the echo must be cut. A label
    // longer than a cell may be is an error; a long JSON property name is only an unknown property.
    private static IEnumerable<HostileInput> LongHeaders()
    {
        const string cls = "long-header";
        foreach (var length in new[] { 10_000, 100_000, 1_000_000 })
        {
            var label = "commentaire_" + new string('x', length);
            var header = Fields.Append(label).ToArray();
            var expected = Expectation.Reject("constraint-error");
            yield return Text(cls, $"csv-header-label-{length}", CsvExt, Csv(Table(Projects(2), header)), expected);
            yield return new HostileInput($"xlsx-header-label-{length}", cls, $"xlsx-header-label-{length}.xlsx", expected,
                s => s.Write(ZipBytes(WorkbookParts(XlsxRows(Table(Projects(2), header))))));
        }

        foreach (var length in new[] { 10_000, 500_000 })
        {
            var project = JsonProject(Project(1));
            var json = $"{{\"exercice\":\"2022-2023\",\"projets\":[{project[..^1]},{JsonString(new string('p', length))}:\"x\"}}]}}";
            yield return Text(cls, $"json-property-name-{length}", JsonExt, json, Expectation.Accept());
        }

        // Past the reader's 1 MB token window: malformed, not a 2 MB label in the report.
        var huge = $"[{{{JsonString(new string('p', 2_100_000))}:1}}]";
        yield return Text(cls, "json-property-name-2100000", JsonExt, huge, Expectation.Reject("format-error"));
    }

    private static IEnumerable<HostileInput> XlsxStrings()
    {
        const string cls = "xlsx-strings";
        foreach (var count in new[] { 1_000, 100_000 })
        {
            yield return new HostileInput($"xlsx-{count}-shared-strings", cls, $"xlsx-{count}-shared-strings.xlsx", Expectation.Accept(),
                s => Zip(s, WorkbookParts(SheetOfValidRows, sharedStrings: st => SmallSharedStrings(st, count))));
        }

        // A 5 MB title in one shared string: far past the cell limit, tiny once deflated.
        yield return new HostileInput("xlsx-shared-string-5mb-title", cls, "xlsx-shared-string-5mb-title.xlsx",
            Expectation.Reject("constraint-error", "format-error", "file-too-large"),
            s => Zip(s, WorkbookParts(SheetWithSharedTitle, sharedStrings: st => OneSharedString(st, 5L << 20, seed: 5))));
    }

    private static void SheetOfValidRows(Stream stream) => Write(stream, Worksheet(XlsxRows(Table(Projects(2)))));

    // The header in row 1 and one project whose titre_projet is shared string 0.
    private static void SheetWithSharedTitle(Stream stream)
    {
        var rows = XlsxRows(Table(Projects(1)));
        var title = Escape(Project(1)["titre_projet"]);
        Write(stream, Worksheet(rows.Replace($"<c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{title}</t></is></c>", "<c r=\"C2\" t=\"s\"><v>0</v></c>", StringComparison.Ordinal)));
    }

    private static void SmallSharedStrings(Stream stream, int count)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="{count}" uniqueCount="{count}">""");
        for (var i = 0; i < count; i++) writer.Write(string.Create(CultureInfo.InvariantCulture, $"<si><t>c{i}</t></si>"));
        writer.Write("</sst>");
    }

    /// <summary>
    /// One shared string of <paramref name="bytes"/> letters that deflates about 80:1, under the
    /// reader's ratio guard of 200:1: a 1 KB block of seeded random letters, repeated.
    /// </summary>
    private static void OneSharedString(Stream stream, long bytes, int seed)
    {
        Write(stream, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>""");
        Letters(stream, bytes, seed);
        Write(stream, "</t></si></sst>");
    }

    /// <summary><paramref name="bytes"/> letters that deflate about 80:1: under the ratio guard, so only reading them can tell.</summary>
    private static void Letters(Stream stream, long bytes, int seed)
    {
        var random = new Random(seed);
        var block = new byte[1024];
        for (var i = 0; i < block.Length; i++) block[i] = (byte)('a' + random.Next(26));
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i += block.Length) block.CopyTo(chunk, i);
        for (var written = 0L; written < bytes; written += chunk.Length) stream.Write(chunk, 0, (int)Math.Min(chunk.Length, bytes - written));
    }

    private static IEnumerable<HostileInput> CsvColumns()
    {
        const string cls = "csv-columns";
        foreach (var count in new[] { 1_000, 10_000, 50_000 })
        {
            yield return Text(cls, $"csv-{count}-empty-columns", CsvExt, ValidCsv().TrimEnd() + new string(',', count) + "\r\n", Expectation.Accept());
        }

        // A header of more columns than any report needs is refused before its row is held.
        var wideHeader = Fields.Concat(Enumerable.Range(1, 10_000).Select(i => $"colonne_{i}")).ToArray();
        yield return Text(cls, "csv-10000-unknown-columns", CsvExt, Csv(Table(Projects(2), wideHeader)), Expectation.Reject("format-error"));
        yield return Text(cls, "csv-value-past-50000-empty-columns", CsvExt, ValidCsv(1).TrimEnd() + new string(',', 50_000) + "loin\r\n", Expectation.Reject("extra-cell"));
    }

    private static IEnumerable<HostileInput> WideXlsxRows()
    {
        const string cls = "xlsx-wide-rows";
        foreach (var rows in new[] { 1, 1_000 })
        {
            yield return new HostileInput($"xlsx-{rows}-rows-at-xfd", cls, $"xlsx-{rows}-rows-at-xfd.xlsx", Expectation.Reject("extra-cell", "format-error"),
                s => Zip(s, WorkbookParts(st => XfdSheet(st, rows))));
        }

        var beyond = XlsxRows(Table(Projects(1))) + "<row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>";
        yield return new HostileInput("xlsx-cell-beyond-xfd", cls, "xlsx-cell-beyond-xfd.xlsx", Expectation.Reject("format-error"),
            s => s.Write(ZipBytes(WorkbookParts(beyond))));
    }

    // A valid header, then rows that each hold one value, in column XFD (the 16 384th).
    private static void XfdSheet(Stream stream, int rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
        writer.Write(XlsxRow(1, Fields));
        for (var r = 2; r <= rows + 1; r++) writer.Write(string.Create(CultureInfo.InvariantCulture, $"<row r=\"{r}\"><c r=\"XFD{r}\"><v>1</v></c></row>"));
        writer.Write("</sheetData></worksheet>");
    }

    // ---- The big ones: within the 50 MB limit, measured in a child process.

    private static IEnumerable<HostileInput> BigInputs()
    {
        // Issue defects 2 and 3: a 300 MB header label in a workbook of a few MB.
        yield return Big("xlsx-strings", "big-xlsx-shared-string-300mb-header", XlsxExt, Expectation.Reject("constraint-error", "file-too-large", "format-error"),
            s => Zip(s, WorkbookParts(SheetWithSharedHeader, sharedStrings: st => OneSharedString(st, 300L << 20, seed: 300))));

        // Defect 3: ten million small shared strings.
        yield return Big("xlsx-strings", "big-xlsx-10m-shared-strings", XlsxExt, Expectation.Reject("file-too-large"),
            s => Zip(s, WorkbookParts(SheetOfValidRows, sharedStrings: st => SmallSharedStrings(st, 10_000_000), CompressionLevel.Fastest)));

        // Defect 4: a valid header and row, then millions of empty columns.
        foreach (var commas in new[] { 3_000_000, 10_000_000 })
        {
            yield return Big("csv-columns", $"big-csv-{commas}-empty-columns", CsvExt, Expectation.Accept(), s =>
            {
                Write(s, ValidCsv(1).TrimEnd());
                WriteRepeated(s, Encoding.ASCII.GetBytes(new string(',', 1000)), commas / 1000);
                Write(s, "\r\n");
            });
        }

        // Defect 5: 200 000 rows, each with one value in column XFD.
        yield return Big("xlsx-wide-rows", "big-xlsx-200000-rows-at-xfd", XlsxExt, Expectation.Reject("extra-cell", "format-error"),
            s => Zip(s, WorkbookParts(st => XfdSheet(st, 200_000))));

        // Defect 7: a row longer than the CSV parser's buffer.
        yield return Big("csv-long-row", "big-csv-40mb-row", CsvExt, Expectation.Reject("format-error", "constraint-error"), s =>
        {
            Write(s, Csv([Fields]) + "2022-2023,EST-0001,\"");
            WriteRepeated(s, Encoding.ASCII.GetBytes(new string('a', 1 << 20)), 40);
            Write(s, "\"\r\n");
        });

        // Exactly at the row limit, and exactly at the byte limit (padded with a column the schema ignores).
        yield return Big("limits", "big-csv-200000-rows", CsvExt, Expectation.Accept(), s => ValidRows(s, 200_000));
        yield return Big("limits", "big-csv-exactly-50mib", CsvExt, Expectation.Accept(), s => PaddedToSize(s, MaxBytes));
        yield return Big("limits", "big-csv-50mib-plus-one-byte", CsvExt, Expectation.Reject("file-too-large"), s => PaddedToSize(s, MaxBytes + 1));
        yield return Big("limits", "big-json-exactly-50mib-of-whitespace", JsonExt, Expectation.Accept(), s =>
        {
            var head = "{\"exercice\":\"2022-2023\",\"projets\":[" + string.Join(",", Projects(2).Select(p => JsonProject(p)));
            Write(s, head);
            Fill(s, (byte)' ', MaxBytes - head.Length - 2);
            Write(s, "]}");
        });

        // Zip64: more entries than a 16-bit count holds, beside a valid workbook.
        yield return Big("zip-bomb", "big-xlsx-70000-entries", XlsxExt, Expectation.Accept(), s =>
            Zip(s, WorkbookParts(XlsxRows(Table(Projects(2))))
                .Concat(Enumerable.Range(0, 70_000).Select(i => CorpusFiles.Text($"xl/extra/p{i}.xml", "<a/>")))));
    }

    private static void Fill(Stream stream, byte value, long count)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, value);
        for (var left = count; left > 0; left -= chunk.Length) stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
    }

    private static HostileInput Big(string cls, string name, string extension, Expectation expected, Action<Stream> write) =>
        new(name, cls, name + extension, expected, write, Big: true);

    private static void SheetWithSharedHeader(Stream stream)
    {
        var rows = XlsxRows(Table(Projects(1)));
        Write(stream, Worksheet(rows.Replace("<c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">exercice</t></is></c>", "<c r=\"A1\" t=\"s\"><v>0</v></c>", StringComparison.Ordinal)));
    }

    private static void ValidRows(Stream stream, int count)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(string.Join(',', Fields) + "\r\n");
        for (var n = 1; n <= count; n++)
        {
            var project = Project(n);
            writer.Write(string.Join(',', Fields.Select(f => CsvField(project[f], ','))) + "\r\n");
        }
    }

    // Valid rows with a 900-character comment, the last one's comment sized so the file is exactly <paramref name="size"/> bytes.
    private static void PaddedToSize(Stream stream, long size)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var pad = new string('z', 900);
        var written = 0L;
        void Line(string line)
        {
            writer.Write(line);
            written += line.Length; // ASCII: one byte a character
        }

        Line(string.Join(',', Fields) + ",commentaire\r\n");
        for (var n = 1; ; n++)
        {
            var project = Project(n);
            var start = string.Join(',', Fields.Select(f => CsvField(project[f], ','))) + ",";
            var left = size - written - start.Length - 2;
            if (left <= 2 * pad.Length)
            {
                Line(start + new string('z', (int)left) + "\r\n");
                return;
            }

            Line(start + pad + "\r\n");
        }
    }
}
