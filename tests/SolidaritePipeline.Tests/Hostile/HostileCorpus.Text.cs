using System.Text;
using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>JSON and CSV files: structure, encodings, line ends, limits, and the file as a whole.</summary>
internal static partial class HostileCorpus
{
    private static string OneProject() => JsonProject(Project(1));

    // A project object with one more property written verbatim.
    private static string ProjectWith(string property, string value)
    {
        var project = Project(1);
        project.Remove(property);
        return $"{JsonProject(project)[..^1]},{JsonString(property)}:{value}}}";
    }

    private static IEnumerable<HostileInput> JsonShapes()
    {
        const string depth = "json-depth";
        foreach (var levels in new[] { 17, 100, 10_000, 1_000_000 })
        {
            yield return Text(depth, $"json-{levels}-nested-arrays", JsonExt, new string('[', levels) + new string(']', levels), Expectation.Reject("format-error"));
        }

        yield return Text(depth, "json-10000-nested-objects", JsonExt, Repeat("{\"a\":", 10_000) + "1" + new string('}', 10_000), Expectation.Reject("format-error"));
        yield return Text(depth, "json-depth-16-in-unknown-property", JsonExt, $"[{ProjectWith("extra", new string('[', 14) + new string(']', 14))}]", Expectation.Accept());
        yield return Text(depth, "json-depth-17-in-unknown-property", JsonExt, $"[{ProjectWith("extra", new string('[', 15) + new string(']', 15))}]", Expectation.Reject("format-error"));
        yield return Text(depth, "json-deep-project-value", JsonExt, $"[{ProjectWith("titre_projet", new string('[', 100) + new string(']', 100))}]", Expectation.Reject("format-error"));

        const string big = "json-big-values";
        yield return Text(big, "json-number-100000-digits", JsonExt, $"[{ProjectWith(Fqis, new string('9', 100_000))}]", Expectation.RejectOn(Fqis, "type-error", "constraint-error"));
        yield return Text(big, "json-number-2mb-digits", JsonExt, $"[{ProjectWith(Fqis, new string('9', 2_100_000))}]", Expectation.Reject("format-error"));
        yield return Text(big, "json-people-1e20", JsonExt, $"[{ProjectWith("personnes_rejointes", "1e20")}]", Expectation.RejectOn("personnes_rejointes", "constraint-error"));
        yield return Text(big, "json-people-fraction", JsonExt, $"[{ProjectWith("personnes_rejointes", "1.5")}]", Expectation.RejectOn("personnes_rejointes", "type-error"));
        foreach (var length in new[] { 10_000, 900_000 })
        {
            yield return Text(big, $"json-title-{length}-chars", JsonExt, $"[{ProjectWith("titre_projet", JsonString(new string('t', length)))}]", Expectation.RejectOn("titre_projet", "constraint-error"));
        }

        yield return Text(big, "json-title-2mb", JsonExt, $"[{ProjectWith("titre_projet", JsonString(new string('t', 2_100_000)))}]", Expectation.Reject("format-error"));
        // Like CSV columns, a project may have at most 1,024 properties.
        foreach (var (count, expected) in new[] { (1_000, Expectation.Accept()), (100_000, Expectation.Reject("format-error")) })
        {
            yield return Text(big, $"json-{count}-unknown-properties", JsonExt,
                $"[{OneProject()[..^1]},{string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{i}"))}}}]", expected);
        }

        // Issue defect 7: an envelope with "projets" twice kept the first list silently.
        const string keys = "duplicate-keys";
        var first = JsonProject(Project(1));
        var second = JsonProject(Project(2));
        yield return Text(keys, "json-projets-twice", JsonExt, $"{{\"exercice\":\"2022-2023\",\"projets\":[{first}],\"projets\":[{second}]}}", Expectation.Reject("duplicate-label", "format-error"));
        yield return Text(keys, "json-projets-twice-second-empty", JsonExt, $"{{\"exercice\":\"2022-2023\",\"projets\":[{first}],\"projets\":[]}}", Expectation.Reject("duplicate-label", "format-error"));
        yield return Text(keys, "json-projets-twice-other-case", JsonExt, $"{{\"exercice\":\"2022-2023\",\"Projets\":[{first}],\"projets\":[{second}]}}", Expectation.Reject("duplicate-label", "format-error"));
        yield return Text(keys, "json-exercice-twice", JsonExt, $"{{\"exercice\":\"2022-2023\",\"exercice\":\"2023-2024\",\"projets\":[{first}]}}", Expectation.Reject("duplicate-label", "format-error"));
        yield return Text(keys, "json-no-projet-twice", JsonExt, $"[{OneProject()[..^1]},\"no_projet\":\"EST-9999\"}}]", Expectation.RejectOn("no_projet", "duplicate-label"));
        yield return Text(keys, "json-unknown-property-1000-times", JsonExt, $"[{OneProject()[..^1]},{Repeat("\"x\":1,", 1000)}\"y\":1}}]", Expectation.Accept());

        const string shape = "json-shape";
        var valid = JsonEnvelope(Projects(2));
        foreach (var (name, text) in new[] { ("number", "42"), ("string", "\"projets\""), ("null", "null"), ("true", "true"), ("huge-number", "-1e400") })
            yield return Text(shape, $"json-top-level-{name}", JsonExt, text, Expectation.Reject("format-error"));
        yield return Text(shape, "json-empty-object", JsonExt, "{}", Expectation.Reject("format-error"));
        yield return Text(shape, "json-empty-array", JsonExt, "[]", Expectation.Reject("empty-file"));
        yield return Text(shape, "json-whitespace-only", JsonExt, "  \n\t ", Expectation.Reject("empty-file", "format-error"));
        yield return Text(shape, "json-trailing-garbage", JsonExt, valid + " x", Expectation.Reject("format-error"));
        yield return Text(shape, "json-two-documents", JsonExt, valid + valid, Expectation.Reject("format-error"));
        yield return Text(shape, "json-comments-and-trailing-commas", JsonExt, "/* rapport */\n" + valid.Replace("]}", ",]}", StringComparison.Ordinal) + "// fin", Expectation.Accept());
        yield return Text(shape, "json-nan-literal", JsonExt, $"[{ProjectWith(Fqis, "NaN")}]", Expectation.Reject("format-error"));
        yield return Text(shape, "json-single-quotes", JsonExt, "[{'no_projet':'EST-1'}]", Expectation.Reject("format-error"));
        yield return Text(shape, "json-lone-surrogate", JsonExt, $"[{ProjectWith("titre_projet", "\"Titre \\ud800 seul\"")}]", Expectation.Reject("format-error", "encoding-error", "type-error"));
        yield return Text(shape, "json-escaped-nul-in-title", JsonExt, $"[{ProjectWith("titre_projet", "\"Titre\\u0000nul\"")}]", Expectation.Either());
        yield return Text(shape, "json-project-is-a-number", JsonExt, $"[{OneProject()},1]", Expectation.Reject("format-error"));
        yield return Text(shape, "json-projets-is-an-object", JsonExt, $"{{\"projets\":{OneProject()}}}", Expectation.Reject("format-error"));
        yield return Text(shape, "json-truncated", JsonExt, valid[..(valid.Length / 2)], Expectation.Reject("format-error"));
        yield return Text(shape, "json-6000-bad-projects", JsonExt, JsonArray(Enumerable.Range(1, 6000).Select(n =>
        {
            var p = Project(n);
            p[Fqis] = "beaucoup";
            return p;
        })), Expectation.RejectOn(Fqis, "type-error"));

        byte[] json = Encoding.UTF8.GetBytes(valid);
        yield return Raw("bom", "json-utf8-bom", JsonExt, [0xEF, 0xBB, 0xBF, .. json], Expectation.Accept());
        yield return Raw("bom", "json-utf16le-bom", JsonExt, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)], Expectation.Reject("encoding-error"));
        yield return Raw("bom", "json-utf16be-bom", JsonExt, [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(valid)], Expectation.Reject("encoding-error"));
        yield return Raw("bom", "json-utf32le-bom", JsonExt, [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(valid)], Expectation.Reject("encoding-error"));
        yield return Raw("bom", "json-utf32be-bom", JsonExt, [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes(valid)], Expectation.Reject("encoding-error"));
        yield return Raw("bom", "json-only-bom", JsonExt, [0xEF, 0xBB, 0xBF], Expectation.Reject("empty-file", "format-error"));
        yield return Raw("nul-bytes", "json-raw-nul-byte", JsonExt, [.. json[..20], 0x00, .. json[20..]], Expectation.Reject("encoding-error"));
        yield return Raw("encoding", "json-invalid-utf8", JsonExt, [.. json[..30], 0xE9, .. json[30..]], Expectation.Reject("encoding-error"));
    }

    private static IEnumerable<HostileInput> Encodings()
    {
        var csv = Encoding.UTF8.GetBytes(ValidCsv());
        var accented = Encoding.UTF8.GetBytes(Csv(Table(Projects(2, One("titre_projet", "Sécurité des aînés")))));
        var latin1 = Encoding.Latin1.GetBytes(Csv(Table(Projects(2, One("titre_projet", "Sécurité des aînés")))));
        var at = Array.IndexOf(accented, (byte)0xC3);

        yield return Raw("encoding", "csv-invalid-utf8-after-bom", CsvExt, [0xEF, 0xBB, 0xBF, .. accented[..at], 0xE9, .. accented[(at + 2)..]], Expectation.Reject("encoding-error"));
        yield return Raw("encoding", "csv-windows-1252", CsvExt, latin1, Expectation.Accept());
        yield return Raw("encoding", "csv-utf8-and-1252-mixed", CsvExt, [.. accented, .. Encoding.Latin1.GetBytes("2022-2023,EST-0009,Caf\u00e9,Moisson Estrie,,05,,transport,jeunes,10,,2022-04-01,2023-03-31,1,en_cours,\r\n")], Expectation.Accept());
        yield return Raw("encoding", "csv-undefined-1252-byte", CsvExt, [.. csv[..40], 0x81, .. csv[40..]], Expectation.Reject("encoding-error"));
        yield return Raw("encoding", "csv-overlong-utf8", CsvExt, [.. csv[..40], 0xC0, 0xAF, .. csv[40..]], Expectation.Either());
        yield return Raw("encoding", "csv-utf8-encoded-surrogate", CsvExt, [.. csv[..40], 0xED, 0xA0, 0x80, .. csv[40..]], Expectation.Either());
        yield return Raw("encoding", "csv-utf16le-without-bom", CsvExt, Encoding.Unicode.GetBytes(ValidCsv()), Expectation.Reject("encoding-error"));
        yield return Text("encoding", "csv-zero-width-and-bidi", CsvExt, Csv(Table(Projects(2, One("titre_projet", "Cuisine\u200B\u202Eevitcelloc\u202C")))), Expectation.Accept());

        yield return Raw("bom", "csv-utf16le-bom", CsvExt, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ValidCsv())], Expectation.Accept());
        yield return Raw("bom", "csv-utf16be-bom", CsvExt, [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(ValidCsv())], Expectation.Accept());
        yield return Raw("bom", "csv-utf32le-bom", CsvExt, [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(ValidCsv())], Expectation.Reject());
        yield return Raw("bom", "csv-utf32be-bom", CsvExt, [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes(ValidCsv())], Expectation.Reject("encoding-error"));
        yield return Raw("bom", "csv-only-utf8-bom", CsvExt, [0xEF, 0xBB, 0xBF], Expectation.Reject("empty-file"));
        yield return Raw("bom", "csv-only-utf16-bom", CsvExt, [0xFF, 0xFE], Expectation.Reject("empty-file"));
        yield return Raw("bom", "csv-bom-twice", CsvExt, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. csv], Expectation.Reject());
        yield return Raw("bom", "csv-utf8-bom", CsvExt, [0xEF, 0xBB, 0xBF, .. csv], Expectation.Accept());

        yield return Raw("nul-bytes", "csv-nul-in-a-cell", CsvExt, [.. csv[..40], 0x00, .. csv[40..]], Expectation.Reject("encoding-error"));
        yield return Raw("nul-bytes", "csv-nul-at-the-end", CsvExt, [.. csv, 0x00], Expectation.Reject("encoding-error"));
        yield return Raw("nul-bytes", "csv-all-nul", CsvExt, new byte[4096], Expectation.Reject("encoding-error"));
    }

    private static IEnumerable<HostileInput> CsvShapes()
    {
        const string cls = "csv-shape";
        var header = string.Join(',', Fields);
        var row = string.Join(',', Fields.Select(f => CsvField(Project(1)[f], ',')));
        yield return Text(cls, "csv-empty", CsvExt, "", Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-whitespace-only", CsvExt, "   \t  ", Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-newlines-only", CsvExt, "\r\n\r\n\n\r", Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-header-only", CsvExt, header + "\r\n", Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-header-and-blank-lines", CsvExt, header + "\r\n\r\n,,,\r\n", Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-unterminated-quote-at-end", CsvExt, ValidCsv() + "2022-2023,\"EST-9", Expectation.Reject("format-error"));
        yield return Text(cls, "csv-unterminated-quote-then-10000-lines", CsvExt, header + "\r\n2022-2023,\"EST-9," + Repeat(row + "\r\n", 10_000), Expectation.Reject("format-error"));
        yield return Text(cls, "csv-quote-inside-a-cell", CsvExt, header + "\r\n" + row.Replace("Moisson Estrie", "Moisson \"Estrie", StringComparison.Ordinal) + "\r\n", Expectation.Reject("format-error"));
        yield return Text(cls, "csv-text-after-closing-quote", CsvExt, header + "\r\n" + row.Replace("Moisson Estrie", "\"Moisson\" Estrie", StringComparison.Ordinal) + "\r\n", Expectation.Reject("format-error"));
        yield return Text(cls, "csv-cr-only-line-ends", CsvExt, Csv(Table(Projects(3)), newline: "\r"), Expectation.Accept());
        yield return Text(cls, "csv-lf-only-line-ends", CsvExt, Csv(Table(Projects(3)), newline: "\n"), Expectation.Accept());
        yield return Text(cls, "csv-mixed-line-ends", CsvExt, ValidCsv(1).Replace("\r\n", "\r", StringComparison.Ordinal) + string.Join(',', Fields.Select(f => CsvField(Project(2)[f], ','))) + "\n", Expectation.Accept());
        yield return Text(cls, "csv-newlines-in-quoted-title", CsvExt, Csv(Table(Projects(2, One("titre_projet", "Ligne 1\r\nLigne 2\rLigne 3\nLigne 4")))), Expectation.Accept());
        yield return Text(cls, "csv-semicolons", CsvExt, Csv(Table(Projects(2)), ';'), Expectation.Accept());
        yield return Text(cls, "csv-tabs", CsvExt, Csv(Table(Projects(2)), '\t'), Expectation.Accept());
        yield return Text(cls, "csv-header-semicolons-rows-commas", CsvExt, string.Join(';', Fields) + "\r\n" + row + "\r\n", Expectation.Reject());
        yield return Text(cls, "csv-extra-cell", CsvExt, header + "\r\n" + row + ",en trop\r\n", Expectation.Reject("extra-cell"));
        yield return Text(cls, "csv-missing-cells", CsvExt, header + "\r\n2022-2023,EST-0001\r\n", Expectation.Reject("missing-cell"));
        yield return Text(cls, "csv-duplicate-header", CsvExt, header + ",exercice\r\n" + row + ",2022-2023\r\n", Expectation.Reject("duplicate-label"));
        yield return Text(cls, "csv-blank-header-label", CsvExt, "exercice, ," + header[9..] + "\r\n2022-2023,x," + row[10..] + "\r\n", Expectation.Reject("blank-label"));
        yield return Text(cls, "csv-formula-header", CsvExt, "=" + header + "\r\n" + row + "\r\n", Expectation.Reject("missing-label"));
        yield return Text(cls, "csv-header-then-100000-blank-lines", CsvExt, header + Repeat("\r\n", 100_000), Expectation.Reject("empty-file"));
        yield return Text(cls, "csv-rows-of-delimiters", CsvExt, ValidCsv() + ",,,,,,,,,,,,,,,\r\n,,,\r\n", Expectation.Accept());
        yield return Text(cls, "csv-form-feed-in-title", CsvExt, Csv(Table(Projects(2, One("titre_projet", "Cuisine\f\vcollective")))), Expectation.Accept());
        yield return Text(cls, "csv-title-1mb", CsvExt, Csv(Table(Projects(2, One("titre_projet", new string('t', 1 << 20))))), Expectation.RejectOn("titre_projet", "constraint-error"));
        yield return Text(cls, "csv-row-10mb", CsvExt, Csv(Table(Projects(2, One("titre_projet", new string('t', 10 << 20))))), Expectation.Reject("constraint-error", "format-error"));
        yield return Text(cls, "csv-unknown-column-1mb-cell", CsvExt, Csv(Table(Projects(2).Select(p => { p["commentaire"] = new string('c', 1 << 20); return p; }), [.. Fields, "commentaire"])), Expectation.Accept());
        yield return Text(cls, "csv-6000-bad-rows", CsvExt, Csv(Table(Enumerable.Range(1, 6000).Select(n => { var p = Project(n); p[Fqis] = "beaucoup"; return p; }))), Expectation.RejectOn(Fqis, "type-error"));
        yield return Text(cls, "csv-20000-duplicate-numbers", CsvExt, Csv(Table(Enumerable.Range(1, 20_000).Select(_ => Project(1)))), Expectation.RejectOn("no_projet", "unique-error"));
    }

    private static IEnumerable<HostileInput> Limits()
    {
        // Row limits take 200 000 rows: small files, but their memory is measured in a child like the big ones.
        const string cls = "limits";
        var header = string.Join(',', Fields) + "\r\n";
        yield return Big(cls, "rows-csv-200001-rows", CsvExt, Expectation.Reject("row-limit"), s => Write(s, header + Repeat("x\r\n", 200_001)));
        yield return Big(cls, "rows-csv-200000-rows", CsvExt, Expectation.Reject("missing-cell").Without("row-limit"), s => Write(s, header + Repeat("x\r\n", 200_000)));
        var project = "{\"exercice\":\"x\"}";
        yield return Big(cls, "rows-json-200001-projects", JsonExt, Expectation.Reject("row-limit"), s => Write(s, "[" + Repeat(project + ",", 200_000) + project + "]"));
        yield return Big(cls, "rows-json-200000-projects", JsonExt, Expectation.Reject("required-error").Without("row-limit"), s => Write(s, "[" + Repeat(project + ",", 199_999) + project + "]"));
        yield return Big(cls, "rows-xlsx-200001-rows", XlsxExt, Expectation.Reject("row-limit"), s => Zip(s, WorkbookParts(st =>
        {
            using var writer = new StreamWriter(st, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write($"<worksheet xmlns=\"{Main}\"><sheetData>{XlsxRow(1, Fields)}");
            for (var r = 2; r <= 200_002; r++) writer.Write($"<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>");
            writer.Write("</sheetData></worksheet>");
        })));
        foreach (var (field, length, expected) in new[]
        {
            ("titre_projet", 250, Expectation.Accept()), ("titre_projet", 251, Expectation.RejectOn("titre_projet", "constraint-error")),
            ("no_projet", 40, Expectation.Accept()), ("no_projet", 41, Expectation.RejectOn("no_projet", "constraint-error")),
        })
        {
            foreach (var input in InEveryFormat(cls, $"{field}-{length}-chars", field, new string('n', length), expected)) yield return input;
        }
    }

    private static IEnumerable<HostileInput> FileLevel()
    {
        const string cls = "file-level";
        var csv = Encoding.UTF8.GetBytes(ValidCsv());
        foreach (var name in new[] { "rapport.xls", "rapport.ods", "rapport.exe", "rapport", "rapport.csv.exe", "rapport.csv " })
        {
            var slug = "name-" + name.Replace('.', '-').Trim().Replace(' ', '_');
            yield return new HostileInput(slug, cls, name, Expectation.Reject("unsupported-format"), s => s.Write(csv));
        }

        yield return new HostileInput("name-uppercase-extension", cls, "RAPPORT.CSV", Expectation.Accept(), s => s.Write(csv));
        yield return new HostileInput("mandataire-unknown", cls, "mandataire-unknown.csv", Expectation.Reject("unknown-mandataire"), s => s.Write(csv), Mandataire: "atlantide");
        yield return new HostileInput("mandataire-1000-chars", cls, "mandataire-1000-chars.csv", Expectation.Reject("unknown-mandataire"), s => s.Write(csv), Mandataire: new string('m', 1000));
        yield return new HostileInput("mandataire-other-region", cls, "mandataire-other-region.csv", Expectation.Reject("region-mismatch"), s => s.Write(csv), Mandataire: "laval");
    }
}
