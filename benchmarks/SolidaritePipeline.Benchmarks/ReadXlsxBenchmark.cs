using System.IO.Compression;
using System.Xml;
using BenchmarkDotNet.Attributes;
using SolidaritePipeline.Compare;
using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Benchmarks;

/// <summary>
/// What reading a workbook costs before any validation, against the floor: the 100 000-project
/// workbook of the comparison harness (seed 11) read row by row by <see cref="XlsxSheetReader"/>
/// (every cell as the text a person typed, every hostile-input limit on), and the same sheet's XML
/// read by a bare <see cref="XmlReader"/> on the zip entry, every attribute and text value taken as a string.
/// </summary>
[MemoryDiagnoser]
public class ReadXlsxBenchmark
{
    public const int Rows = 100_000;

    private static readonly ReadingLimits Limits = new(MaxBytes: 0, MaxCellLength: 32_767, MaxJsonDepth: 16, MaxColumns: 0, MaxSharedStringChars: 0, MaxSharedStrings: 0);

    private byte[] _workbook = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Directory.CreateTempSubdirectory("read-xlsx-");
        try
        {
            var csv = Path.Combine(folder.FullName, "rapport.csv");
            var xlsx = Path.Combine(folder.FullName, "rapport.xlsx");
            SubmissionCsv.Write(csv, Rows, seed: 11);
            SubmissionFormats.Convert(csv, SubmissionFormat.Xlsx, xlsx);
            _workbook = File.ReadAllBytes(xlsx);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Benchmark]
    public int XlsxSheetReader_rows()
    {
        var rows = 0;
        foreach (var row in XlsxSheetReader.ReadRows(new MemoryStream(_workbook, writable: false), Limits, CancellationToken.None))
        {
            if (row.Cells.Count > 0) rows++;
        }

        return rows == Rows + 1 ? rows : throw new InvalidOperationException($"Expected {Rows + 1} rows, read {rows}.");
    }

    [Benchmark(Baseline = true)]
    public long Bare_XmlReader_on_the_sheet()
    {
        using var zip = new ZipArchive(new MemoryStream(_workbook, writable: false), ZipArchiveMode.Read);
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        using var reader = XmlReader.Create(sheet, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        long chars = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Text)
            {
                chars += reader.Value.Length;
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.MoveToFirstAttribute())
            {
                do chars += reader.Value.Length;
                while (reader.MoveToNextAttribute());
            }
        }

        return chars;
    }
}
