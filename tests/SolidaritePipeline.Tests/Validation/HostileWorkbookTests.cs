using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Workbooks built to exhaust memory or CPU, or to flood a report (a 300 MB string in a 3 MB file,
/// rows reaching column XFD, millions of strings or styles): each ends in a clean report, reading
/// far fewer bytes into memory than holding the hostile part whole would take.
/// </summary>
public sealed class HostileWorkbookTests
{
    private const long MiB = HostileRun.MiB;

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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

        Assert.Equal(SubmissionStatus.Rejected, report.Status);
        var label = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)1), (label.Code, label.Row));
        HostileRun.AssertCut(label.Value);
        Assert.Contains("314,572,800", label.Message.En, StringComparison.Ordinal);
        Assert.Equal(1, report.RowCount);
        HostileRun.AssertReportsStaySmall(report);
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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.ConstraintError, (int?)2, "titre_projet"), (error.Code, error.Row, error.Field));
        Assert.Contains("20,971,520", error.Message.En, StringComparison.Ordinal);
        HostileRun.AssertCut(error.Value);
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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx");

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

        var (report, _) = await HostileRun.ValidateMeasuredAsync(bytes, "rapport.xlsx", new ValidationOptions { MaxSharedStringChars = 1_000_000 });

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
    public void Cell_styles_past_Excels_limit_of_65_490_are_not_held_and_show_no_date()
    {
        const int styles = 70_000;
        var bytes = HostileFiles.Workbook(
            rows: w => w.Write("""<row r="1"><c r="A1" s="1"><v>44652</v></c><c r="B1" s="69999"><v>45016</v></c></row>"""),
            styles: w =>
            {
                w.Write($"""<cellXfs count="{styles}">""");
                for (var i = 0; i < styles; i++) w.Write(i is 1 or styles - 1 ? """<xf numFmtId="14"/>""" : $"""<xf numFmtId="{i % 13}"/>""");
                w.Write("</cellXfs>");
            });

        var row = Assert.Single(XlsxSheetReader.ReadRows(new MemoryStream(bytes), new ValidationOptions(), CancellationToken.None));

        Assert.Equal([new SourceCell("2022-04-01", Typed: true), new SourceCell("45016", Typed: true)], row.Cells);
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
}
