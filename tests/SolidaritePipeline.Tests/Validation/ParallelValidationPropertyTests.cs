using System.Globalization;
using System.Text;
using CsCheck;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// Checking a CSV file on several threads gives the report, the projects and the totals of one
/// thread, byte for byte: on random files of valid rows, and of rows broken in every way a row can
/// be (bad values, duplicates, another exercice or region, blank rows, missing and extra cells, a
/// malformed quote that stops reading), long enough to span several batches. The files are written
/// every way a reader could split them wrongly (<c>\r\n</c> and lone <c>\r</c> line ends, quoted cells
/// holding line ends and delimiters, balanced stray quotes, blank lines, <c>;</c>, a byte order mark,
/// Windows-1252), and read in pieces of a few KiB from a file or a memory buffer, so that one file
/// is read by several threads in many pieces.
/// </summary>
public sealed class ParallelValidationPropertyTests
{
    private const string Header =
        "exercice,no_projet,titre_projet,organisme_promoteur,neq,region_code,municipalite,axe_intervention,clientele_cible," +
        "montant_fqis,montant_autres_sources,date_debut,date_fin,personnes_rejointes,statut,courriel_contact";

    // What a row can turn into, beyond valid: each replaces the row, or a cell of it.
    private static readonly string[] Breaks =
    [
        "bad-date", "bad-money", "ambiguous-money", "duplicate", "other-exercice", "other-region", "blank", "missing-cells",
        "extra-cell", "unclosed-quote", "end-before-start", "unknown-code", "phone-in-title", "too-long-title", "negative",
    ];

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static readonly Gen<(int Rows, int Seed, int Broken, int MaxListed, int MaxRows)> Shapes = Gen.Select(
        Gen.Int[1, 6_000], Gen.Int, Gen.Int[0, 40], Gen.Int[0, 2].Select(i => new[] { 0, 3, 5_000 }[i]), Gen.Int[0, 2].Select(i => new[] { 0, 0, 2_500 }[i]));

    /// <summary>How a file is written and read: each a way a split into pieces could go wrong.</summary>
    private sealed record Writing(string LineEnds, bool QuotedLineEnds, bool StrayQuotes, bool BlankLines, char Delimiter, string Encoding, Source Source, int PieceBytes);

    public enum Source { File, Memory, Stream }

    private static readonly Gen<Writing> Writings = Gen.Select(
        Gen.OneOf("\n", "\r\n", "\r", "mixed"), Gen.Bool, Gen.Bool, Gen.Bool, Gen.OneOf(',', ';'),
        Gen.OneOf("utf-8", "utf-8-bom", "windows-1252"), Gen.Enum<Source>(), Gen.Int[256, 16_384],
        (ends, quoted, stray, blank, delimiter, encoding, source, piece) => new Writing(ends, quoted, stray, blank, delimiter, encoding, source, piece));

    [Fact]
    public async Task Several_threads_give_the_report_projects_and_totals_of_one()
    {
        await Gen.Select(Shapes, Writings).SampleAsync(async t =>
        {
            var (shape, writing) = t;
            var bytes = Csv(shape.Rows, shape.Seed, shape.Broken, writing);
            var (oneReport, oneProjects, oneTotals) = await ValidateAsync(bytes, parallelism: 1, shape.MaxListed, shape.MaxRows, writing);
            var (manyReport, manyProjects, manyTotals) = await ValidateAsync(bytes, parallelism: 3, shape.MaxListed, shape.MaxRows, writing);

            Assert.Equal(oneReport, manyReport);
            Assert.Equal(oneProjects, manyProjects);
            Assert.Equal(oneTotals, manyTotals);
        }, iter: 100);
    }

    [Theory]
    [InlineData(Source.File)]
    [InlineData(Source.Memory)]
    public async Task A_malformed_row_deep_in_a_file_read_in_pieces_is_reported_at_its_row_after_every_row_before_it(Source source)
    {
        // Rows 2 to 3 001, then a row whose quote is closed by a stray one: reading stops there, whichever thread read it.
        var writing = new Writing("\r\n", QuotedLineEnds: true, StrayQuotes: false, BlankLines: false, ',', "utf-8", source, PieceBytes: 1_024);
        var good = Encoding.UTF8.GetString(Csv(3_000, seed: 3, broken: 0, writing));
        var bytes = Encoding.UTF8.GetBytes(good + "2022-2023,EST-X,\"Projet \"\" fin\"x,Organisme,,05,,logement,jeunes,10,,2022-04-01,2022-05-01,1,en_cours,\r\n" + good[(good.IndexOf('\n') + 1)..]);

        var (one, _, _) = await ValidateAsync(bytes, parallelism: 1, maxListed: 5_000, maxRows: 0, writing);
        var (many, manyProjects, _) = await ValidateAsync(bytes, parallelism: 2, maxListed: 5_000, maxRows: 0, writing);

        Assert.Equal(one, many);
        Assert.Contains("\"code\": \"format-error\"", many);
        Assert.Contains("\"row\": 3002", many);
        Assert.Equal(3_000, manyProjects.Count);
    }

    [Theory]
    [InlineData("row-too-long")]
    [InlineData("three-million-columns")]
    public async Task A_hostile_row_deep_in_a_file_read_in_pieces_gets_the_report_of_one_thread(string how)
    {
        var writing = new Writing("\n", QuotedLineEnds: false, StrayQuotes: false, BlankLines: false, ',', "utf-8", Source.Memory, PieceBytes: 4_096);
        var text = new StringBuilder(Encoding.UTF8.GetString(Csv(2_000, seed: 5, broken: 0, writing)));
        if (how == "row-too-long")
        {
            // An opening quote never closed swallows the rest of the file into row 2 002, longer than Sep can hold.
            text.Append("2022-2023,EST-X,\"Titre sans fin ").Append('x', CsvSubmissionReader.MaxRowChars + 10).Append('\n');
        }
        else
        {
            text.Append("2022-2023,EST-X,Titre,Organisme,,05,,logement,jeunes,10,,2022-04-01,2022-05-01,1,en_cours,").Append(',', 3_000_000).Append("loin\n");
        }

        text.Append(string.Concat(Encoding.UTF8.GetString(Csv(500, seed: 6, broken: 0, writing)).Split('\n').Skip(1).Select(line => line + "\n")));
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var (one, _, _) = await ValidateAsync(bytes, parallelism: 1, maxListed: 5_000, maxRows: 0, writing);
        var (many, _, _) = await ValidateAsync(bytes, parallelism: 2, maxListed: 5_000, maxRows: 0, writing);

        Assert.Equal(one, many);
        Assert.Contains(how == "row-too-long" ? "\"code\": \"format-error\"" : "\"code\": \"extra-cell\"", many);
        Assert.Contains("\"row\": 2002", many);
    }

    [Theory]
    [InlineData(-35, "constraint-error")]
    [InlineData(-34, "constraint-error")]
    [InlineData(-33, "format-error")]
    [InlineData(-32, "format-error")]
    public async Task A_row_at_the_edge_of_the_longest_row_reads_the_same_in_pieces_as_on_one_thread(int beyond, string code)
    {
        // Row 2 002, deep in the file, is as long as the parser can hold, give or take a character or two:
        // Sep holds a row of up to 34 characters short of its RowLengthMax (its line end and padding).
        // Whether the row is read (its title then too long a cell) or the file stops there must not
        // depend on the pieces around it.
        var writing = new Writing("\n", QuotedLineEnds: false, StrayQuotes: false, BlankLines: false, ',', "utf-8", Source.Memory, PieceBytes: 4_096);
        var text = new StringBuilder(Encoding.UTF8.GetString(Csv(2_000, seed: 5, broken: 0, writing)));
        const string Before = "2022-2023,EST-X,";
        const string After = ",Organisme,,05,,logement,jeunes,10,,2022-04-01,2022-05-01,1,en_cours,";
        text.Append(Before).Append('x', CsvSubmissionReader.MaxRowChars + beyond - Before.Length - After.Length).Append(After).Append('\n');
        text.Append("2022-2023,EST-Y,Projet,Organisme,,05,,logement,jeunes,10,,2022-04-01,2022-05-01,1,en_cours,\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var (one, _, _) = await ValidateAsync(bytes, parallelism: 1, maxListed: 5_000, maxRows: 0, writing);
        var (many, _, _) = await ValidateAsync(bytes, parallelism: 2, maxListed: 5_000, maxRows: 0, writing);

        Assert.Equal(one, many);
        Assert.Matches($"\"code\": \"{code}\",\\s*\"row\": 2002", many);
    }

    [Fact]
    public async Task A_validation_read_in_pieces_that_is_cancelled_midway_stops_with_the_cancellation()
    {
        var writing = new Writing("\n", QuotedLineEnds: false, StrayQuotes: false, BlankLines: false, ',', "utf-8", Source.Memory, PieceBytes: 2_048);
        var bytes = Csv(6_000, seed: 9, broken: 0, writing);
        var options = new ValidationOptions { MaxBytes = 0, MaxParallelism = 3, ParallelFromBytes = 0, ParallelPieceBytes = writing.PieceBytes };
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.csv", "rapport.csv", "p", Fixture.ReceivedAt);
        using var cancellation = new CancellationTokenSource();
        var handedOn = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SubmissionValidator(ReferenceCatalog.Default, options).ValidateAsync(
            new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true), file,
            _ =>
            {
                if (++handedOn == 2_500) cancellation.Cancel();
            },
            cancellation.Token));

        // The rows of the batch being taken when it was cancelled at most, never the rest of the file.
        Assert.InRange(handedOn, 2_500, 2_500 + 2_048);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_failure_handing_a_project_on_stops_the_validation_with_that_failure_not_a_verdict_on_the_file(int parallelism)
    {
        var writing = new Writing("\n", QuotedLineEnds: false, StrayQuotes: false, BlankLines: false, ',', "utf-8", Source.Memory, PieceBytes: 2_048);
        var bytes = Csv(6_000, seed: 9, broken: 0, writing);
        var options = new ValidationOptions { MaxBytes = 0, MaxParallelism = parallelism, ParallelFromBytes = 0, ParallelPieceBytes = writing.PieceBytes };
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.csv", "rapport.csv", "p", Fixture.ReceivedAt);
        var handedOn = 0;

        var failure = await Assert.ThrowsAsync<IOException>(() => new SubmissionValidator(ReferenceCatalog.Default, options).ValidateAsync(
            new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true), file,
            _ =>
            {
                if (++handedOn == 3_000) throw new IOException("disk full");
            }));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(3_000, handedOn); // nothing was handed on after it
    }

    [Fact]
    public async Task A_file_of_valid_rows_is_accepted_on_several_threads_with_every_project()
    {
        var writing = new Writing("\n", QuotedLineEnds: false, StrayQuotes: false, BlankLines: false, ',', "utf-8", Source.File, PieceBytes: 4_096);
        var bytes = Csv(rows: 5_000, seed: 7, broken: 0, writing);

        var (report, projects, totals) = await ValidateAsync(bytes, parallelism: 3, maxListed: 5_000, maxRows: 0, writing);

        Assert.Contains("\"status\": \"accepted\"", report);
        Assert.Equal(5_000, projects.Count);
        Assert.Equal(5_000, totals.ProjectCount + totals.CancelledProjectCount);
        Assert.Equal(projects.Count(p => p.Contains("Statut = annule", StringComparison.Ordinal)), totals.CancelledProjectCount);
    }

    // One thread reads a plain stream; several read the same bytes from a file or a memory buffer, in pieces of a few KiB.
    private static async Task<(string Report, List<string> Projects, SubmissionTotals Totals)> ValidateAsync(
        byte[] bytes, int parallelism, int maxListed, int maxRows, Writing writing)
    {
        var options = new ValidationOptions
        {
            MaxBytes = 0, MaxRows = maxRows, MaxListedIssues = maxListed, MaxParallelism = parallelism, ParallelFromBytes = 0,
            ParallelPieceBytes = writing.PieceBytes,
        };
        var projects = new List<Project>();
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.csv", "rapport.csv", "p", Fixture.ReceivedAt);
        var validator = new SubmissionValidator(ReferenceCatalog.Default, options);
        ValidationReport report;
        if (parallelism > 1 && writing.Source == Source.File)
        {
            var path = Path.Combine(Path.GetTempPath(), "parallel-" + Path.GetRandomFileName() + ".csv");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4_096, FileOptions.DeleteOnClose);
                report = await validator.ValidateAsync(stream, file, projects.Add);
            }
            finally
            {
                File.Delete(path);
            }
        }
        else
        {
            var stream = parallelism > 1 && writing.Source == Source.Memory
                ? new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true)
                : new MemoryStream(bytes);
            report = await validator.ValidateAsync(stream, file, projects.Add);
        }

        return (ReportJson.Serialize(report), [.. projects.Select(p => p.ToString())], SubmissionTotals.Of(projects, "the file"));
    }

    private static byte[] Csv(int rows, int seed, int broken, Writing writing)
    {
        var random = new Random(seed);
        var delimiter = writing.Delimiter.ToString();
        var text = new StringBuilder(Header.Replace(",", delimiter, StringComparison.Ordinal)).Append(LineEnd(writing, random));
        var brokenRows = Enumerable.Range(0, broken).Select(_ => random.Next(rows)).ToHashSet();
        for (var i = 0; i < rows; i++)
        {
            var cells = ValidRow(i, random, writing);
            if (brokenRows.Contains(i)) cells = Break(cells, Breaks[random.Next(Breaks.Length)], random);
            text.Append(string.Join(delimiter, cells)).Append(LineEnd(writing, random));
            if (writing.BlankLines && random.Next(200) == 0) text.Append(LineEnd(writing, random));
        }

        return writing.Encoding switch
        {
            "windows-1252" => Windows1252.GetBytes(text.ToString()),
            "utf-8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())],
            _ => Encoding.UTF8.GetBytes(text.ToString()),
        };
    }

    private static string LineEnd(Writing writing, Random random) => writing.LineEnds switch
    {
        "mixed" => random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" },
        var ends => ends,
    };

    private static string[] ValidRow(int i, Random random, Writing writing)
    {
        var start = new DateOnly(2022, 4, 1).AddDays(random.Next(300));
        var title = (i % 7, writing.QuotedLineEnds, writing.StrayQuotes) switch
        {
            (0, _, _) => $"\"Projet {i}{writing.Delimiter} volet \"\"communautaire\"\"\"",
            (1 or 2, true, _) => $"\"Projet {i}{LineEnd(writing, random)}deuxième ligne{writing.Delimiter} café\"",
            (3, _, true) => $"Tuyau 5\"x6\" n° {i}",
            _ => $"Projet {i} à Sherbrooke",
        };
        return
        [
            "2022-2023", string.Create(CultureInfo.InvariantCulture, $"EST-{i:000000}"),
            title,
            $"Organisme {random.Next(20)}", random.Next(3) == 0 ? "" : $"11{random.Next(10_000_000, 99_999_999)}", "05",
            random.Next(2) == 0 ? "" : "Sherbrooke", random.Next(2) == 0 ? "logement" : "securite_alimentaire",
            random.Next(2) == 0 ? "jeunes" : "familles",
            (random.Next(1, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture),
            random.Next(3) == 0 ? "" : random.Next(0, 50_000).ToString(CultureInfo.InvariantCulture),
            start.ToString(random.Next(2) == 0 ? "yyyy-MM-dd" : "d/M/yyyy", CultureInfo.InvariantCulture),
            start.AddDays(random.Next(200)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            random.Next(0, 5_000).ToString(CultureInfo.InvariantCulture),
            random.Next(3) switch { 0 => "annule", 1 => "termine", _ => "en_cours" },
            random.Next(2) == 0 ? "" : $"contact{random.Next(50)}@organisme.example",
        ];
    }

    private static string[] Break(string[] cells, string how, Random random)
    {
        var broken = (string[])cells.Clone();
        switch (how)
        {
            case "bad-date": broken[11] = "31/02/2023"; break;
            case "bad-money": broken[9] = "12a"; break;
            case "ambiguous-money": broken[9] = "1,500"; break;
            case "duplicate": broken[1] = string.Create(CultureInfo.InvariantCulture, $"EST-{random.Next(50):000000}"); break;
            case "other-exercice": broken[0] = "2023-2024"; break;
            case "other-region": broken[5] = "06"; break;
            case "blank": return [" ", "", ""];
            case "missing-cells": return broken[..^3];
            case "extra-cell": return [.. broken, "", "en trop"];
            case "unclosed-quote": broken[2] = "\"Projet sans fin"; break;
            case "end-before-start": broken[12] = "2022-04-01"; broken[11] = "2022-05-01"; break;
            case "unknown-code": broken[7] = "inconnu"; break;
            case "phone-in-title": broken[2] = "Appelez le 819-555-1234"; break;
            case "too-long-title": broken[2] = new string('x', 300); break;
            case "negative": broken[13] = "-4"; break;
        }

        return broken;
    }
}
