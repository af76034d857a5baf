using System.Text;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>CSV files of millions of columns, rows too long to parse, and labels too long to echo.</summary>
public sealed class HostileCsvTests
{
    private const long MiB = HostileRun.MiB;

    [Theory]
    [InlineData("header")]
    [InlineData("row")]
    public async Task A_line_followed_by_three_million_empty_columns_is_read_without_a_string_or_pool_per_column(string where)
    {
        var commas = new string(',', 3_000_000);
        var text = where == "header"
            ? $"{HostileFiles.Header}{commas}\n{HostileFiles.ProjectCsv(1)}\n"
            : $"{HostileFiles.Header}\n{HostileFiles.ProjectCsv(1)}{commas}\n";

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(Encoding.UTF8.GetBytes(text), "rapport.csv");

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

        var (report, allocated) = await HostileRun.ValidateMeasuredAsync(Encoding.UTF8.GetBytes(text), "rapport.csv");

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
        HostileRun.AssertCut(error.Value);
        Assert.Contains("column 17 has 5,012 characters", error.Message.En, StringComparison.Ordinal);
        HostileRun.AssertReportsStaySmall(report);
    }
}
