using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Files built to exhaust memory or CPU, or to flood a report: each ends in a clean report, and the
/// bytes allocated while reading it stay far below what holding the hostile part whole would take.
/// Allocations are counted on the test's thread (the validation of a seekable in-memory file never
/// leaves it, which each test checks), so tests running in parallel do not blur the figure.
/// </summary>
public sealed class HostileFileTests
{
    private const long MiB = 1024 * 1024;

    private static async Task<(ValidationReport Report, long Allocated)> ValidateMeasuredAsync(
        byte[] bytes, string fileName, ValidationOptions? options = null)
    {
        var thread = Environment.CurrentManagedThreadId;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), fileName, options: options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId); // else the count missed part of the work
        return (report, allocated);
    }

    /// <summary>The report as ingestion writes it: JSON and HTML, both of which must be small.</summary>
    private static void AssertReportsStaySmall(ValidationReport report)
    {
        Assert.InRange(ReportJson.Serialize(report).Length, 1, 64 * 1024);
        Assert.InRange(ReportHtml.Render(report).Length, 1, 256 * 1024);
    }

    private static void AssertCut(string? echoed)
    {
        Assert.NotNull(echoed);
        Assert.Equal(EchoedText.MaxLength + EchoedText.Marker.Length, echoed.Length);
        Assert.EndsWith(EchoedText.Marker, echoed, StringComparison.Ordinal);
    }

    // ---- XLSX

    [Fact]
    public async Task A_small_workbook_whose_header_label_is_a_300_MB_shared_string_is_rejected_with_the_label_cut_and_never_held_whole()
    {
        const long length = 300 * MiB; // 314 572 800 characters, the length the JSON writer refused
        var bytes = HostileFiles.Workbook(
            rows: w =>
            {
                var header = HostileFiles.InlineRow(1, HostileFiles.Labels);
                w.Write(header.Replace("</row>", """<c r="Q1" t="s"><v>0</v></c></row>""", StringComparison.Ordinal));
                w.Write(HostileFiles.InlineRow(2, HostileFiles.Project(1)));
            },
            sharedStrings: w =>
            {
                w.Write("<si><t>");
                HostileFiles.WriteFiller(w, length);
                w.Write("</t></si>");
            });
        Assert.InRange(bytes.Length, 1 * MiB, 5 * MiB);

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        var label = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)1), (label.Code, label.Row));
        AssertCut(label.Value);
        Assert.Contains("314,572,800", label.Message.En, StringComparison.Ordinal);
        Assert.Equal(1, report.RowCount);
        AssertReportsStaySmall(report);
        // Held whole, the string alone is 600 MB of UTF-16.
        Assert.InRange(allocated, 0, 64 * MiB);
    }

    [Fact]
    public async Task A_shared_string_longer_than_the_cell_limit_is_a_cell_too_long_error_with_its_true_length()
    {
        var bytes = HostileFiles.Workbook(
            rows: w =>
            {
                w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels));
                var project = HostileFiles.Project(1);
                project[2] = ""; // titre_projet comes from the shared string
                w.Write(HostileFiles.InlineRow(2, project).Replace("</row>", """<c r="C2" t="s"><v>0</v></c></row>""", StringComparison.Ordinal));
            },
            sharedStrings: w =>
            {
                w.Write("<si><t>");
                HostileFiles.WriteFiller(w, 20 * MiB);
                w.Write("</t></si>");
            });

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)2, "titre_projet"), (error.Code, error.Row, error.Field));
        Assert.Contains("20,971,520", error.Message.En, StringComparison.Ordinal);
        AssertCut(error.Value);
        Assert.InRange(allocated, 0, 16 * MiB);
    }

    [Fact]
    public async Task An_inline_string_of_50_MB_is_read_in_chunks_and_is_a_cell_too_long_error()
    {
        var bytes = HostileFiles.Workbook(rows: w =>
        {
            w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels));
            w.Write(HostileFiles.InlineRow(2, HostileFiles.Project(1)).Replace("</row>", "", StringComparison.Ordinal));
            w.Write("""<c r="D2" t="inlineStr"><is><t>""");
            HostileFiles.WriteFiller(w, 50 * MiB);
            w.Write("</t></is></c></row>");
        });

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)2, "organisme_promoteur"), (error.Code, error.Row, error.Field));
        Assert.Contains("52,428,800", error.Message.En, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 16 * MiB);
    }

    [Fact]
    public async Task A_cell_of_20_MB_of_preserved_white_space_is_read_in_chunks()
    {
        var random = new Random(2);
        var spaces = Enumerable.Range(0, 1 << 20).Select(_ => " \t\n"[random.Next(3)]).ToArray();
        var bytes = HostileFiles.Workbook(rows: w =>
        {
            w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels));
            w.Write(HostileFiles.InlineRow(2, HostileFiles.Project(1)).Replace("</row>", "", StringComparison.Ordinal));
            w.Write("""<c r="D2" t="inlineStr"><is><t xml:space="preserve">""");
            for (var i = 0; i < 20; i++) w.Write(spaces);
            w.Write("</t></is></c></row>");
        });

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        // Only white space: the required value is missing, whatever its length.
        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.RequiredError, (int?)2, "organisme_promoteur"), (error.Code, error.Row, error.Field));
        Assert.InRange(allocated, 0, 16 * MiB);
    }

    [Fact]
    public async Task A_100_MB_attribute_in_the_worksheet_is_a_format_error_without_being_held()
    {
        var bytes = HostileFiles.Workbook(rows: w =>
        {
            w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels));
            w.Write("""<row r="2"><c r="A2" t="inlineStr" x=" """);
            HostileFiles.WriteFiller(w, 100 * MiB);
            w.Write("\"><is><t>2022-2023</t></is></c></row>");
        });

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FormatError, error.Code);
        Assert.InRange(allocated, 0, 16 * MiB);
    }

    [Fact]
    public async Task Ten_million_tiny_shared_strings_end_in_file_too_large_within_the_string_budget()
    {
        var bytes = HostileFiles.Workbook(
            rows: w => w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels)),
            sharedStrings: w =>
            {
                for (var i = 0; i < 10_000_000; i++)
                {
                    w.Write("<si><t>");
                    w.Write(i);
                    w.Write("</t></si>");
                }
            });

        var (report, allocated) = await ValidateMeasuredAsync(bytes, "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FileTooLarge, error.Code);
        Assert.Contains("2,000,000", error.Message.En, StringComparison.Ordinal);
        // The whole table took 650 MB; reading stops at the budget of 2 000 000 strings.
        Assert.InRange(allocated, 0, 400 * MiB);
    }

    [Fact]
    public async Task A_shared_string_table_over_its_character_budget_ends_in_file_too_large()
    {
        var bytes = HostileFiles.Workbook(
            rows: w => w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels)),
            sharedStrings: w =>
            {
                for (var i = 0; i < 2_000; i++) w.Write($"<si><t>{new string('x', 900)}{i}</t></si>");
            });

        var (report, _) = await ValidateMeasuredAsync(bytes, "rapport.xlsx", new ValidationOptions { MaxSharedStringChars = 1_000_000 });

        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FileTooLarge, error.Code);
        Assert.Contains("1,000,000 characters", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_thousand_rows_with_a_value_in_column_XFD_cost_work_per_cell_not_per_column()
    {
        const int rows = 200_000;
        var bytes = HostileFiles.Workbook(rows: w =>
        {
            w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels));
            for (var r = 2; r <= rows + 1; r++) w.Write($"""<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>""");
        });
        Assert.InRange(bytes.Length, 100 * 1024, 3 * MiB);

        // The reader alone: each row was padded to 16 384 cells, copied and scanned (3.5 minutes).
        var thread = Environment.CurrentManagedThreadId;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = XlsxSheetReader.ReadRows(new MemoryStream(bytes), new ValidationOptions(), CancellationToken.None)
            .Skip(1)
            .Select(row => (row.Cells.Count, row.LastFilledColumn))
            .Distinct()
            .ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId);

        Assert.Equal([(17, (int?)16_384)], read);
        Assert.InRange(allocated, 0, 600 * MiB);

        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), "rapport.xlsx");
        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        Assert.Equal(rows, report.RowCount);
        var extra = report.Errors.First(e => e.Code == IssueCodes.ExtraCell);
        Assert.Equal((int?)2, extra.Row);
        Assert.Equal("1", extra.Value);
        Assert.Contains("16384 cellules alors que l'en-tête a 16 colonnes", extra.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_header_with_a_label_past_the_column_limit_is_a_format_error()
    {
        var bytes = HostileFiles.Workbook(rows: w =>
        {
            w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels).Replace("</row>", """<c r="XFD1" t="inlineStr"><is><t>commentaire</t></is></c></row>""", StringComparison.Ordinal));
            w.Write(HostileFiles.InlineRow(2, HostileFiles.Project(1)));
        });

        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.FormatError, (int?)1), (error.Code, error.Row));
        Assert.Contains("more than 1,024 columns", error.Message.En, StringComparison.Ordinal);
    }

    // ---- CSV

    [Theory]
    [InlineData("header")]
    [InlineData("row")]
    public async Task A_line_followed_by_three_million_empty_columns_is_read_without_a_string_or_pool_per_column(string where)
    {
        var commas = new string(',', 3_000_000);
        var text = where == "header"
            ? $"{HostileFiles.Header}{commas}\n{HostileFiles.ProjectCsv(1)}\n"
            : $"{HostileFiles.Header}\n{HostileFiles.ProjectCsv(1)}{commas}\n";

        var (report, allocated) = await ValidateMeasuredAsync(Encoding.UTF8.GetBytes(text), "rapport.csv");

        // Empty cells past the header are no error, as before: the file stays accepted.
        Assert.Equal(SubmissionStatus.Accepted, report.Status);
        Assert.Equal(1, report.RowCount);
        // 4.85 GB before; what remains is the parser's buffers for one 6 MB line.
        Assert.InRange(allocated, 0, 256 * MiB);
    }

    [Fact]
    public async Task A_value_three_million_columns_to_the_right_is_one_extra_cell_error_that_says_how_wide_the_row_is()
    {
        var text = $"{HostileFiles.Header}\n{HostileFiles.ProjectCsv(1)}{new string(',', 3_000_000)}loin\n";

        var (report, allocated) = await ValidateMeasuredAsync(Encoding.UTF8.GetBytes(text), "rapport.csv");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ExtraCell, (int?)2, "loin"), (error.Code, error.Row, error.Value));
        Assert.Contains("This row has 3000016 cells while the header has 16 columns", error.Message.En, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 256 * MiB);
    }

    [Fact]
    public async Task A_csv_header_wider_than_the_column_limit_is_a_format_error()
    {
        var wide = string.Join(',', HostileFiles.Labels.Concat(Enumerable.Range(1, 1_100).Select(i => $"note_{i}")));

        var (report, _) = await Fixture.ValidateTextAsync($"{wide}\n{HostileFiles.ProjectCsv(1)}\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.FormatError, (int?)1), (error.Code, error.Row));
        Assert.Contains("more than 1,024 columns", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_longer_than_the_csv_parser_can_hold_is_a_format_error_that_names_the_row()
    {
        // An opening quote never closed swallows the rest of the file into row 3.
        var text = new StringBuilder(HostileFiles.Header).Append('\n')
            .Append(HostileFiles.ProjectCsv(1)).Append('\n')
            .Append("2022-2023,EST-002,\"Titre sans fin ")
            .Append('x', CsvSubmissionReader.MaxRowChars + 10)
            .Append('\n')
            .ToString();

        var (report, _) = await Fixture.ValidateTextAsync(text);

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.FormatError, (int?)3), (error.Code, error.Row));
        Assert.Contains("Row 3 is longer than a row may be (16,777,216 characters)", error.Message.En, StringComparison.Ordinal);
        Assert.DoesNotContain("NotSupportedException", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_label_of_5000_characters_is_an_error_echoed_cut_to_200()
    {
        var label = "Commentaire " + new string('é', 5_000);

        var (report, _) = await Fixture.ValidateTextAsync($"{HostileFiles.Header},{label}\n{HostileFiles.ProjectCsv(1)},\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)1), (error.Code, error.Row));
        AssertCut(error.Value);
        Assert.Contains("column 17 has 5,012 characters", error.Message.En, StringComparison.Ordinal);
        AssertReportsStaySmall(report);
    }

    // ---- JSON

    [Fact]
    public async Task A_json_envelope_with_projets_twice_is_a_format_error_rather_than_keeping_the_first_list()
    {
        var project = """{"exercice":"2022-2023","no_projet":"EST-001","titre_projet":"Cuisines","organisme_promoteur":"Moisson","region_code":"05","axe_intervention":"logement","clientele_cible":"familles","montant_fqis":100,"date_debut":"2022-04-01","date_fin":"2023-03-31","personnes_rejointes":1,"statut":"en_cours"}""";
        var json = $$"""{"exercice":"2022-2023","projets":[{{project}}],"projets":[]}""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FormatError, error.Code);
        Assert.Contains("“projets” of the JSON object is given twice", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_envelope_with_exercice_twice_is_a_format_error()
    {
        var json = """{"exercice":"2022-2023","exercice":"2023-2024","projets":[]}""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal(IssueCodes.FormatError, error.Code);
        Assert.Contains("« exercice » de l'objet JSON est donnée deux fois", error.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_project_with_more_properties_than_the_column_limit_is_a_format_error_naming_it()
    {
        var properties = string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"\"note_{i}\":{i}"));
        var json = $$"""[{"exercice":"2022-2023"},{{{properties}}}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors, e => e.Code == IssueCodes.FormatError);
        Assert.Equal((int?)2, error.Row);
        Assert.Contains("more than 1,024 properties", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countless_distinct_json_property_names_are_each_warned_of_without_being_remembered_past_the_column_limit()
    {
        var projects = Enumerable.Range(0, 3_000).Select(i => $$"""{"inconnue_{{i}}":1,"inconnue_0":2,"exercice":"2022-2023"}""");
        var json = $"[{string.Join(',', projects)}]";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json", options: new ValidationOptions { MaxColumns = 100 });

        // inconnue_0 is remembered and warned of once; of the others, the first 99 are remembered,
        // the rest warned of each time, as they are all new: 3 000 warnings in all.
        Assert.Equal(3_000, report.WarningCount);
        Assert.All(report.Warnings, w => Assert.Equal(IssueCodes.ExtraLabel, w.Code));
        Assert.Single(report.Warnings, w => w.Field == "inconnue_0");
    }

    [Fact]
    public async Task A_json_property_name_of_a_megabyte_is_echoed_cut_to_200_characters()
    {
        var name = new string('p', 1_000_000);
        var json = $$"""[{"{{name}}":1,"exercice":"2022-2023"}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var warning = Assert.Single(report.Warnings);
        Assert.Equal(IssueCodes.ExtraLabel, warning.Code);
        AssertCut(warning.Field);
        AssertCut(warning.Value);
        Assert.InRange(warning.Message.Fr.Length, 1, 400);
        AssertReportsStaySmall(report);
    }
}
