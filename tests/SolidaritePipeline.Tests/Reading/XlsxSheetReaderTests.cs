using SolidaritePipeline.Reading;
using SolidaritePipeline.Reading.Xlsx;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Reading;

public sealed class XlsxSheetReaderTests
{
    private static readonly ValidationOptions Defaults = new();

    private static List<SourceRow> Read(string fixture, ValidationOptions? options = null)
    {
        using var stream = File.OpenRead(XlsxFixtureFiles.Path(fixture));
        return XlsxSheetReader.ReadRows(stream, options ?? Defaults, CancellationToken.None).ToList();
    }

    private static SourceCell T(string text) => new(text);

    private static SourceCell V(string text) => new(text, Typed: true);

    [Fact]
    public void The_first_worksheet_in_workbook_order_is_read_and_the_second_ignored()
    {
        var rows = Read(XlsxFixtureFiles.Types);

        Assert.Equal([1, 2, 4, 7], rows.Select(r => r.RowNumber));
        Assert.DoesNotContain(rows.SelectMany(r => r.Cells), c => c.Text.Contains("ignorée", StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_row_comes_first_as_shared_strings()
    {
        var header = Read(XlsxFixtureFiles.Types)[0];

        Assert.Equal(1, header.RowNumber);
        Assert.Equal(
            [T("exercice"), T("no_projet"), T("titre_projet"), T("montant_fqis"), T("date_debut"), T("date_fin"), T("personnes_rejointes"), T("actif"), T("erreur")],
            header.Cells);
    }

    [Fact]
    public void Each_kind_of_cell_reads_as_the_user_typed_it()
    {
        var row = Read(XlsxFixtureFiles.Types)[1];

        Assert.Equal(2, row.RowNumber);
        Assert.Equal(
            [
                T("2022-2023"),        // inline string
                T("P-001"),            // formula string: its cached value
                T("Cuisine collective"),
                V("12500.5"),          // number under a money format
                V("2022-04-01"),       // built-in date format 14, serial 44652
                V("2023-03-31"),       // custom yyyy-mm-dd, serial 45016
                V("1200"),             // #,##0.00
                T("TRUE"),
                T("#N/A"),
            ],
            row.Cells);
    }

    [Fact]
    public void Sparse_cells_are_filled_float_noise_and_exponents_are_removed_and_trailing_blanks_trimmed()
    {
        var row = Read(XlsxFixtureFiles.Types)[2];

        Assert.Equal(4, row.RowNumber);
        Assert.Equal(
            [
                T("Aînés actifs"),     // rich text; its phonetic guide left out
                SourceCell.Empty,      // B4 absent
                T("12 500,50 $"),      // a number typed as text stays text
                V("0.0012"),           // <v>1.2E-3</v>
                V("2022-10-01"),       // French long date format with a [$-fr-CA] prefix
                V("0.3"),              // =0.1+0.2 cached as 0.30000000000000004
                T("1 200"),
                T("FALSE"),
                T("Ligne 1\r\nLigne 2"), // _x000D_ escape decoded
            ],
            row.Cells);
    }

    [Fact]
    public void Times_of_day_negative_numbers_and_significant_spaces_are_kept_right()
    {
        var row = Read(XlsxFixtureFiles.Types)[3];

        Assert.Equal(7, row.RowNumber);
        Assert.Equal([V("-0.5"), V("2022-04-01"), V("0.5"), V("123456789012.34"), T(" espaces ")], row.Cells);
    }

    [Fact]
    public void Dates_count_from_1904_when_the_workbook_says_so()
    {
        var rows = Read(XlsxFixtureFiles.Date1904);

        // 43190 days after 1904-01-01; the same serial as a plain number stays a number.
        Assert.Equal([V("2022-04-01"), V("43190")], rows[1].Cells);
    }

    [Fact]
    public void Rows_and_cells_without_references_take_the_next_position()
    {
        var rows = Read(XlsxFixtureFiles.NoReferences);

        Assert.Equal([1, 2, 5], rows.Select(r => r.RowNumber));
        Assert.Equal([T("no_projet"), T("montant_fqis")], rows[0].Cells);
        Assert.Equal([T("P-001"), V("100")], rows[1].Cells);
        // D5 and the unreferenced cell after it (E5) lie past the header's two columns: the first is
        // kept in their place, and the row is known to reach column 5.
        Assert.Equal([T("P-005"), SourceCell.Empty, V("4")], rows[2].Cells);
        Assert.Equal(5, rows[2].LastFilledColumn);
    }

    [Fact]
    public void A_sheet_that_starts_below_row_1_yields_an_empty_header_first()
    {
        var rows = Read(XlsxFixtureFiles.StartsOnRow3);

        Assert.Equal([1, 3], rows.Select(r => r.RowNumber));
        Assert.Empty(rows[0].Cells);
        // With no header every cell lies past its width: the first filled one is kept, and how far the row reaches.
        Assert.Equal([T("P-003")], rows[1].Cells);
        Assert.Equal(2, rows[1].LastFilledColumn);
    }

    [Fact]
    public void A_zip_bomb_is_refused_as_too_large_before_it_is_inflated()
    {
        var error = Assert.Throws<SubmissionFileException>(() => Read(XlsxFixtureFiles.ZipBomb));

        Assert.Equal("file-too-large", error.Code);
        Assert.Contains("décompressé", error.LocalizedMessage.Fr, StringComparison.Ordinal);
        Assert.Contains("unzipped", error.LocalizedMessage.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_even_when_sizes_are_unlimited()
    {
        var error = Assert.Throws<SubmissionFileException>(() => Read(XlsxFixtureFiles.ZipBomb, new ValidationOptions { MaxBytes = 0 }));

        Assert.Equal("file-too-large", error.Code);
    }

    [Fact]
    public void A_workbook_declaring_more_than_twenty_times_the_size_limit_is_refused()
    {
        var fileBytes = new FileInfo(XlsxFixtureFiles.Path(XlsxFixtureFiles.Types)).Length;

        // The same honest workbook passes with room, and is refused when its parts outgrow 20 × MaxBytes.
        Assert.Equal(4, Read(XlsxFixtureFiles.Types, new ValidationOptions { MaxBytes = fileBytes }).Count);
        var error = Assert.Throws<SubmissionFileException>(() => Read(XlsxFixtureFiles.Types, new ValidationOptions { MaxBytes = 100 }));
        Assert.Equal("file-too-large", error.Code);
    }

    [Fact]
    public void A_zip_whose_header_lies_about_sizes_yields_no_more_than_it_declared()
    {
        // The zip reader stops inflating at the declared size: the worksheet is cut short, its XML
        // unreadable, and the file refused long before its 40 MB of filler are inflated.
        var error = Assert.Throws<SubmissionFileException>(() => Read(XlsxFixtureFiles.LyingHeader, new ValidationOptions { MaxBytes = 1024 * 1024 }));

        Assert.Equal("format-error", error.Code);
    }

    [Fact]
    public void Inflated_bytes_are_charged_to_the_budget_whatever_the_header_says()
    {
        var budget = new InflationBudget(limit: 1000);
        using var counted = new CountingStream(new MemoryStream(new byte[1500]), budget);
        var buffer = new byte[600];

        Assert.Equal(600, counted.Read(buffer, 0, buffer.Length));
        var error = Assert.Throws<SubmissionFileException>(() => counted.Read(buffer, 0, buffer.Length));
        Assert.Equal("file-too-large", error.Code);
    }

    [Theory]
    [InlineData(XlsxFixtureFiles.NotAZip)]
    [InlineData(XlsxFixtureFiles.ZipWithoutWorkbook)]
    [InlineData(XlsxFixtureFiles.NoWorksheet)]
    public void A_file_that_is_no_workbook_is_a_format_error(string fixture)
    {
        var error = Assert.Throws<SubmissionFileException>(() => Read(fixture));

        Assert.Equal("format-error", error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.LocalizedMessage.Fr));
        Assert.NotEqual(error.LocalizedMessage.Fr, error.LocalizedMessage.En);
    }

    [Theory]
    [InlineData(XlsxFixtureFiles.EntityExpansion)]
    [InlineData(XlsxFixtureFiles.DoctypeInSharedStrings)]
    [InlineData(XlsxFixtureFiles.ExternalEntityInContentTypes)]
    public void A_part_with_a_doctype_is_refused_without_expanding_entities(string fixture)
    {
        var error = Assert.Throws<SubmissionFileException>(() => Read(fixture));

        Assert.Equal("format-error", error.Code);
        Assert.Contains("DOCTYPE", error.LocalizedMessage.Fr, StringComparison.Ordinal);
        // The parser's own reason: DTDs are prohibited, so no entity was ever expanded or fetched.
        Assert.Contains("DTD is prohibited", error.LocalizedMessage.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        using var stream = File.OpenRead(XlsxFixtureFiles.Path(XlsxFixtureFiles.Types));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => XlsxSheetReader.ReadRows(stream, Defaults, cancelled.Token).ToList());
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused_at_the_call()
    {
        using var pipe = new NonSeekableStream();

        Assert.Throws<ArgumentException>(() => XlsxSheetReader.ReadRows(pipe, Defaults, CancellationToken.None));
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
