using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Tools.Templates;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Templates;

public sealed class SubmissionTemplateTests
{
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.Default;

    private static MemoryStream Xlsx(string? mandataire = "estrie")
    {
        var stream = new MemoryStream();
        SubmissionTemplate.WriteXlsx(stream, Catalog, mandataire);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void The_template_is_a_valid_spreadsheet_package()
    {
        using var document = SpreadsheetDocument.Open(Xlsx(), isEditable: false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void The_reader_reads_back_the_schema_header_and_the_synthetic_example()
    {
        using var stream = Xlsx();

        var rows = XlsxSheetReader.ReadRows(stream, new ValidationOptions(), CancellationToken.None).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(SchemaV1.Fields.Select(f => f.Name), rows[0].Cells.Select(c => c.Text));
        var example = SchemaV1.Fields.Select(f => f.Name)
            .Zip(rows[1].Cells.Concat(Enumerable.Repeat(SourceCell.Empty, SchemaV1.Fields.Count)))
            .ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(2, rows[1].RowNumber);
        Assert.Equal("Exemple fictif — à remplacer", example["titre_projet"].Text);
        Assert.Equal("Estrie", example["region_code"].Text);
        Assert.Equal(new SourceCell("12500.5", Typed: true), example["montant_fqis"]);
        Assert.Equal(new SourceCell("2022-04-01", Typed: true), example["date_debut"]);
        Assert.Equal(new SourceCell("2023-03-31", Typed: true), example["date_fin"]);
        Assert.Equal(new SourceCell("120", Typed: true), example["personnes_rejointes"]);
        Assert.Equal("Sécurité alimentaire", example["axe_intervention"].Text);
        Assert.Equal(SourceCell.Empty, example["neq"]);
    }

    [Fact]
    public void Every_required_field_has_an_example_value()
    {
        var example = SubmissionTemplate.ExampleRow(Catalog);

        Assert.All(
            SchemaV1.Fields.Select((field, i) => (field, cell: example[i])).Where(p => p.field.Required),
            p => Assert.NotEqual(XlsxCellKind.Empty, p.cell.Kind));
    }

    [Fact]
    public void Each_drop_down_holds_exactly_the_values_the_schema_allows()
    {
        using var document = SpreadsheetDocument.Open(Xlsx(), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var data = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
        var lists = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == XlsxSheetWriter.ListsSheetName).Id!);
        var headers = data.Worksheet.Descendants<Row>().First().Elements<Cell>()
            .ToDictionary(c => Letters(c.CellReference!), c => c.InnerText);

        var dropDowns = data.Worksheet.Descendants<DataValidation>().ToDictionary(
            v => headers[Letters(v.SequenceOfReferences!.InnerText!)],
            v =>
            {
                Assert.Equal(DataValidationValues.List, v.Type!.Value);
                return ResolveRange(lists, v.Formula1!.Text);
            });

        // Expected values straight from the schema and the catalog, not through the template code.
        var expected = new Dictionary<string, string[]>
        {
            ["axe_intervention"] = SchemaV1.AxesIntervention.Select(v => v.LabelFr).ToArray(),
            ["clientele_cible"] = SchemaV1.ClientelesCibles.Select(v => v.LabelFr).ToArray(),
            ["statut"] = SchemaV1.Statuts.Select(v => v.LabelFr).ToArray(),
            ["region_code"] = Catalog.Regions.Select(r => r.Name).ToArray(),
        };
        Assert.Equal(expected.Keys.Order(), dropDowns.Keys.Order());
        foreach (var (field, values) in expected) Assert.Equal(values, dropDowns[field]);
        Assert.Equal(17, dropDowns["region_code"].Count);
        Assert.Contains("Réussite éducative", dropDowns["axe_intervention"]);
    }

    [Fact]
    public void The_lists_sheet_comes_second_and_hidden_so_readers_see_only_the_report()
    {
        using var document = SpreadsheetDocument.Open(Xlsx(), isEditable: false);

        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();

        Assert.Equal([SubmissionTemplate.SheetName, XlsxSheetWriter.ListsSheetName], sheets.Select(s => s.Name!.Value));
        Assert.Null(sheets[0].State);
        Assert.Equal(SheetStateValues.Hidden, sheets[1].State!.Value);
    }

    [Fact]
    public void Every_header_cell_has_a_bilingual_note_saying_whether_it_is_required()
    {
        using var document = SpreadsheetDocument.Open(Xlsx(), isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.First(p => p.WorksheetCommentsPart is not null);

        var notes = sheet.WorksheetCommentsPart!.Comments!.Descendants<Comment>()
            .ToDictionary(c => c.Reference!.Value!, c => c.InnerText);

        Assert.Equal(SchemaV1.Fields.Count, notes.Count);
        for (var i = 0; i < SchemaV1.Fields.Count; i++)
        {
            var field = SchemaV1.Fields[i];
            var note = notes[$"{XlsxSheetWriter.ColumnName(i)}1"];
            Assert.Contains(field.DescriptionFr, note, StringComparison.Ordinal);
            Assert.Contains(field.DescriptionEn, note, StringComparison.Ordinal);
            Assert.Contains(field.Required ? "obligatoire" : "facultatif", note, StringComparison.Ordinal);
            Assert.Contains(field.Required ? "required" : "optional", note, StringComparison.Ordinal);
        }

        // Excel shows notes only through their legacy VML shapes, one per note.
        Assert.NotNull(sheet.Worksheet.GetFirstChild<LegacyDrawing>());
        using var vml = new StreamReader(sheet.VmlDrawingParts.Single().GetStream());
        Assert.Equal(SchemaV1.Fields.Count, vml.ReadToEnd().Split("ObjectType=\"Note\"").Length - 1);
    }

    [Fact]
    public void The_header_row_is_frozen_and_columns_are_sized()
    {
        using var document = SpreadsheetDocument.Open(Xlsx(), isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.First(p => p.WorksheetCommentsPart is not null).Worksheet;

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        var widths = sheet.Descendants<Column>().ToDictionary(c => (int)c.Min!.Value, c => c.Width!.Value);
        Assert.Equal(SchemaV1.Fields.Count, widths.Count);
        Assert.All(widths.Values, w => Assert.InRange(w, 12d, 60d));
        // titre_projet is wider than the narrowest column, and wide enough for "montant_autres_sources".
        Assert.True(widths[3] > widths.Values.Min());
        Assert.True(widths[SchemaV1.Fields.ToList().FindIndex(f => f.Name == "montant_autres_sources") + 1] >= "montant_autres_sources".Length);
    }

    [Fact]
    public void The_csv_template_is_utf8_with_bom_semicolons_a_header_and_the_example()
    {
        using var stream = new MemoryStream();
        SubmissionTemplate.WriteCsv(stream, Catalog, "estrie");
        var bytes = stream.ToArray();

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal([""], lines[2..]); // every line ends with CRLF
        Assert.Equal(string.Join(';', SchemaV1.Fields.Select(f => f.Name)), lines[0]);
        var example = lines[1].Split(';');
        Assert.Equal(SchemaV1.Fields.Count, example.Length);
        Assert.Equal("Exemple fictif — à remplacer", example[2]);
        Assert.Equal("12500,50", example[SchemaV1.Fields.ToList().FindIndex(f => f.Name == "montant_fqis")]);
        Assert.Equal("2022-04-01", example[SchemaV1.Fields.ToList().FindIndex(f => f.Name == "date_debut")]);
    }

    [Fact]
    public void The_example_is_in_the_mandataires_own_region()
    {
        var regionIndex = SchemaV1.Fields.ToList().FindIndex(f => f.Name == "region_code");

        Assert.Equal("Nord-du-Québec", SubmissionTemplate.ExampleRow(Catalog, "nunavik")[regionIndex].TextValue);
        Assert.Equal("Montérégie", SubmissionTemplate.ExampleRow(Catalog, "longueuil")[regionIndex].TextValue);
    }

    private static string Letters(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

    /// <summary>Reads the text values of a range such as <c>Listes!$B$2:$B$9</c>.</summary>
    private static List<string> ResolveRange(WorksheetPart sheet, string formula)
    {
        var range = formula.Split('!')[1].Replace("$", "", StringComparison.Ordinal).Split(':');
        var column = Letters(range[0]);
        Assert.Equal(column, Letters(range[1]));
        var first = int.Parse(range[0][column.Length..]);
        var last = int.Parse(range[1][column.Length..]);
        var cells = sheet.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
        return Enumerable.Range(first, last - first + 1).Select(r => cells[$"{column}{r}"]).ToList();
    }
}
