using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>A workbook as Excel saves it, through the whole validator: typed number and date cells.</summary>
public sealed class XlsxSubmissionTests
{
    private static readonly string[] Header =
    [
        "Exercice", "No projet", "Titre projet", "Organisme promoteur", "NEQ", "Région code", "Municipalité",
        "Axe intervention", "Clientèle cible", "Montant FQIS", "Montant autres sources", "Date début", "Date fin",
        "Personnes rejointes", "Statut", "Courriel contact",
    ];

    // Each row: text, or a double for a number cell, or a DateOnly for a date cell (serial number + date style).
    internal static byte[] Workbook(params object?[][] rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill()) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 1;
            foreach (var values in rows.Prepend(Header))
            {
                var row = new Row { RowIndex = number++ };
                foreach (var value in values)
                {
                    row.Append(value switch
                    {
                        double d => new Cell { CellValue = new CellValue(d), DataType = CellValues.Number },
                        DateOnly date => new Cell
                        {
                            CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()),
                            StyleIndex = 1,
                        },
                        null => new Cell(),
                        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) },
                    });
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Projets" }));
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task Typed_number_and_date_cells_are_read_exactly()
    {
        var bytes = Workbook(
            ["2022-2023", 101d, "Cuisine", "Moisson", "1143456789", 5d, "Sherbrooke", "Sécurité alimentaire", "Familles",
             12500.5d, 0.1d, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), 1200d, "En cours", null],
            ["2022-2023", "EST-2", "Navette", "Transport", null, "Estrie", null, "transport", "aines",
             "12 500,50 $", null, "01/05/2022", "2023-02-28", "1 200", "termine", null]);

        var (report, projects) = await Fixture.ValidateAsync(new MemoryStream(bytes), "rapport.xlsx");

        Assert.Empty(report.Errors);
        Assert.Equal(("xlsx", 2), (report.Format, report.RowCount));
        var first = projects[0];
        Assert.Equal("101", first.NoProjet);
        Assert.Equal("05", first.RegionCode);
        Assert.Equal(12500.5m, first.MontantFqis);
        Assert.Equal(0.1m, first.MontantAutresSources); // exact, not 0.1000000000000000055511151231257827
        Assert.Equal((new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31)), (first.DateDebut, first.DateFin));
        Assert.Equal(1200, first.PersonnesRejointes);
        Assert.Equal(12500.50m, projects[1].MontantFqis);
        Assert.Equal(new DateOnly(2022, 5, 1), projects[1].DateDebut);
    }

    [Fact]
    public async Task Errors_in_a_workbook_carry_the_row_numbers_excel_shows()
    {
        var bytes = Workbook(
            ["2022-2023", "EST-1", "Cuisine", "Moisson", null, "05", null, "autre", "autre", 1000d,
             null, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31), 10d, "en_cours", null],
            ["2022-2023", "EST-1", "Cuisine", "Moisson", null, "06", null, "autre", "autre", 1000.005d,
             null, new DateOnly(2022, 4, 1), new DateOnly(2022, 3, 31), 10.5d, "en_cours", null]);

        var (report, _) = await Fixture.ValidateAsync(new MemoryStream(bytes), "rapport.xlsx");

        Assert.Equal(
            [
                ("constraint-error", (int?)3, (string?)"montant_fqis"),
                ("type-error", 3, "personnes_rejointes"),
                ("constraint-error", 3, "date_fin"),
                ("unique-error", 3, "no_projet"),
                ("region-mismatch", 3, "region_code"),
            ],
            Fixture.Issues(report.Errors));
    }
}
