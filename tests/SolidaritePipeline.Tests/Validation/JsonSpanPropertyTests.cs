using System.Globalization;
using System.Text;
using CsCheck;
using SolidaritePipeline.Reading;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Tests.Reading;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// The JSON reader hands the validator each project as spans over one reused buffer; before, it
/// made a string per value (<see cref="PreviousJsonReader"/>, kept as it was). On random
/// submissions (envelope or bare array, valid and broken values, unknown, duplicate and nested
/// properties, escapes, lone surrogates, files cut short, tight limits) both give the same report,
/// byte for byte, and the same projects; and the reader's rows of strings are the previous ones.
/// </summary>
public sealed class JsonSpanPropertyTests
{
    // Up to 80 projects: the larger files run past the reader's first 16 KB window.
    private static readonly Gen<(int Seed, int Projects, int Limits)> Shapes =
        Gen.Select(Gen.Int, Gen.Int[0, 80], Gen.Int[0, 7]);

    [Fact]
    public async Task Spans_give_the_report_and_projects_of_a_string_per_value_on_random_submissions()
    {
        await Shapes.SampleAsync(async shape =>
        {
            var bytes = Encoding.UTF8.GetBytes(Submission(new Random(shape.Seed), shape.Projects));
            await AssertSameAsync(bytes, LimitsOf(shape.Limits));
        }, iter: 400);
    }

    [Theory]
    [InlineData("accepted/envelope.json")]
    [InlineData("accepted/array.json")]
    public async Task Spans_give_the_report_and_projects_of_a_string_per_value_on_mutated_fixtures(string fixture)
    {
        var valid = Fixture.Bytes(fixture);
        var mutations = Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 12], Gen.Int[0, Fragments.Length - 1], Gen.Int[0, valid.Length + 8]);

        await mutations.SampleAsync(async m =>
        {
            var end = Math.Min(valid.Length, m.Item1 + m.Item2);
            byte[] bytes = [.. valid[..m.Item1], .. Encoding.UTF8.GetBytes(Fragments[m.Item3]), .. valid[end..]];
            await AssertSameAsync(bytes[..Math.Min(bytes.Length, m.Item4)], new ValidationOptions());
        }, iter: 300);
    }

    [Fact]
    public async Task An_escaped_value_reaches_the_project_unescaped()
    {
        var json = """
            [{"exercice":"2022-2023","no_projet":"EST-\u0031","titre_projet":"Caf\u00e9 \"Le Pont\" \ud83d\ude00 \\ fin",
              "organisme_promoteur":"Moisson\/Estrie","region_code":"05","axe_intervention":"logement",
              "clientele_cible":"A\u00eenés","montant_fqis":12500.5,"date_debut":"2022-04-01","date_fin":"2023-03-31",
              "personnes_rejointes":1200,"statut":"Termin\u00e9"}]
            """;

        var (report, projects) = await Fixture.ValidateTextAsync(json, "rapport.json");

        Assert.Equal(SubmissionStatus.Accepted, report.Status);
        var project = Assert.Single(projects);
        Assert.Equal(("EST-1", "Café \"Le Pont\" 😀 \\ fin", "Moisson/Estrie"), (project.NoProjet, project.TitreProjet, project.OrganismePromoteur));
        Assert.Equal(("aines", "termine", 12_500.50m, 1_200), (project.ClienteleCible, project.Statut, project.MontantFqis, project.PersonnesRejointes));
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_value_no_project_keeps_still_fails_the_file()
    {
        var json = """[{"exercice":"2022-2023","commentaire":{"note":"\ud800"}}]""";

        var (report, _) = await Fixture.ValidateTextAsync(json, "rapport.json");

        var error = Assert.Single(report.Errors);
        Assert.Equal((IssueCodes.EncodingError, (int?)null), (error.Code, error.Row));
        Assert.Contains("escape alone, without its other half", error.Message.En, StringComparison.Ordinal);
    }

    // Values of every kind a field can meet; some are valid for some fields only.
    private static readonly string[] Values =
    [
        "\"2022-2023\"", "\"2023-2024\"", "\"EST-001\"", "\"Caf\\u00e9 \\\"communautaire\\\"\"", "\"Aîné\\/s\"", "\"\\ud83d\\ude00 fête\"",
        "\"05\"", "5", "\"Estrie\"", "\"06\"", "12500.5", "\"12 500,50 $\"", "\"1,500\"", "-3", "1e3", "12.345", "0",
        "\"2022-04-01\"", "\"31/02/2023\"", "\"01/05/2022\"", "1200", "\"1 200\"", "1.5", "true", "false", "null", "\"\"", "\"   \"",
        "\"logement\"", "\"S\\u00e9curit\\u00e9 alimentaire\"", "\"familles\"", "\"termine\"", "\"Annul\\u00e9\"", "\"en_cours\"",
        "\"info@moisson.example\"", "\"pas un courriel\"", "\"1143456789\"", "\"114 345 6789\"", "\"819-555-1234\"",
        "{}", "[]", "[1,[2,{\"a\":\"\\u00e9\"}]]", "{\"a\":{\"b\":{\"c\":[1]}}}", "\"x\\ty\\nz\"",
        "\"" + new string('a', 30) + "\"", "\"" + new string('b', 300) + "\"",
    ];

    // Rare values that break the whole file.
    private static readonly string[] FileBreakers = ["\"\\ud800\"", "\"\\udc00 x\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "\"unterminated", "01", "{\"a\":}"];

    private static readonly string[] UnknownNames = ["commentaire", "Titre Projet", "MONTANT-FQIS", "no_proj\\u0065t", "caf\\u00e9", ""];

    private static readonly string[] Fragments = ["\"", "\\u00e9", "\\ud800", "{", "}", "[", "]", ",", ":", "null", "1e999", "\\\"", "/*x*/"];

    private static ValidationOptions LimitsOf(int shape) => shape switch
    {
        1 => new ValidationOptions { MaxColumns = 5 },
        2 => new ValidationOptions { MaxJsonDepth = 3 },
        3 => new ValidationOptions { MaxCellLength = 20 },
        4 => new ValidationOptions { MaxListedIssues = 3, MaxRows = 5 },
        5 => new ValidationOptions { MaxColumns = 0, MaxJsonDepth = 0, MaxCellLength = 0, MaxListedIssues = 0, MaxRows = 0 },
        _ => new ValidationOptions(),
    };

    // One file in four is broken as a whole somewhere (the reports then stop there); the others hold
    // from no broken project to about a third of them.
    private static string Submission(Random random, int projects)
    {
        var breaksFile = random.Next(4) == 0;
        var brokenInTen = random.Next(4);
        var text = new StringBuilder();
        if (random.Next(8) == 0) text.Append('\uFEFF');
        var envelope = random.Next(2) == 0;
        if (envelope)
        {
            text.Append('{');
            if (random.Next(3) != 0) text.Append("\"exercice\":").Append(random.Next(4) == 0 ? Pick(random, Values) : "\"2022-2023\"").Append(',');
            if (random.Next(4) == 0) text.Append('"').Append(Pick(random, UnknownNames)).Append("\":").Append(Pick(random, Values)).Append(',');
            if (breaksFile && random.Next(5) == 0) text.Append("\"exercice\":\"2022-2023\",");
            text.Append(breaksFile && random.Next(5) == 0 ? "\"Projets\":" : "\"projets\":");
        }

        text.Append('[');
        for (var i = 0; i < projects; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(breaksFile && random.Next(20) == 0
                ? Pick(random, Values)
                : Project(random, i, omitExercice: envelope && random.Next(2) == 0, broken: random.Next(10) < brokenInTen, breaksFile));
        }

        if (random.Next(10) == 0) text.Append(',');
        text.Append(']');
        if (envelope)
        {
            if (random.Next(6) == 0) text.Append(",\"note\":").Append(Pick(random, Values));
            if (breaksFile && random.Next(5) == 0) text.Append(",\"projets\":[]");
            text.Append('}');
        }

        if (breaksFile && random.Next(5) == 0) text.Append(" []");
        var json = text.ToString();
        return breaksFile && random.Next(3) == 0 ? json[..random.Next(json.Length + 1)] : json;
    }

    private static string Project(Random random, int i, bool omitExercice, bool broken, bool breaksFile)
    {
        var start = new DateOnly(2022, 4, 1).AddDays(random.Next(300));
        var properties = new List<(string Name, string Value)>
        {
            ("exercice", "\"2022-2023\""),
            ("no_projet", string.Create(CultureInfo.InvariantCulture, $"\"EST-{i:000}\"")),
            ("titre_projet", random.Next(3) == 0 ? $"\"Projet {i} \\\"caf\\u00e9\\\" \\\\ \\/\"" : $"\"Projet {i} – été\""),
            ("organisme_promoteur", $"\"Organisme {random.Next(5)}\""),
            ("neq", random.Next(2) == 0 ? "null" : $"\"11{random.Next(10_000_000, 99_999_999)}\""),
            ("region_code", random.Next(3) switch { 0 => "5", 1 => "\"Estrie\"", _ => "\"05\"" }),
            ("municipalite", random.Next(2) == 0 ? "\"Sherbrooke\"" : "\"L\\u00e9vis\""),
            ("axe_intervention", random.Next(2) == 0 ? "\"logement\"" : "\"S\\u00e9curit\\u00e9 alimentaire\""),
            ("clientele_cible", random.Next(2) == 0 ? "\"jeunes\"" : "\"A\\u00een\\u00e9s\""),
            ("montant_fqis", random.Next(2) == 0 ? (random.Next(1, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture) : "\"12 500,50 $\""),
            ("montant_autres_sources", random.Next(2) == 0 ? "0" : "\"1\u00a0000\""),
            ("date_debut", $"\"{start:yyyy-MM-dd}\""),
            ("date_fin", $"\"{start.AddDays(random.Next(200)):yyyy-MM-dd}\""),
            ("personnes_rejointes", random.Next(2) == 0 ? random.Next(5_000).ToString(CultureInfo.InvariantCulture) : "\"1 200\""),
            ("statut", random.Next(3) switch { 0 => "\"annule\"", 1 => "\"Termin\\u00e9\"", _ => "\"en_cours\"" }),
            ("courriel_contact", random.Next(2) == 0 ? "\"contact@organisme.example\"" : "null"),
        };
        if (omitExercice) properties.RemoveAt(0);

        var breaks = broken ? random.Next(1, 5) : 0;
        for (var b = 0; b < breaks; b++)
        {
            var at = random.Next(properties.Count + 1);
            switch (random.Next(7))
            {
                case 0 when properties.Count > 0: // another value
                    var changed = random.Next(properties.Count);
                    properties[changed] = (properties[changed].Name, Pick(random, Values));
                    break;
                case 1: // an unknown property
                    properties.Insert(at, (Pick(random, UnknownNames), Pick(random, Values)));
                    break;
                case 2 when properties.Count > 0: // a property given twice
                    properties.Insert(at, (properties[random.Next(properties.Count)].Name, Pick(random, Values)));
                    break;
                case 3 when properties.Count > 0: // a property left out
                    properties.RemoveAt(random.Next(properties.Count));
                    break;
                case 4 when properties.Count > 0: // a name escaped, or written as a label
                    var renamed = random.Next(properties.Count);
                    properties[renamed] = (Renamed(properties[renamed].Name, random), properties[renamed].Value);
                    break;
                case 5 when breaksFile && random.Next(3) == 0 && properties.Count > 0: // what breaks the file
                    var spoilt = random.Next(properties.Count);
                    properties[spoilt] = (random.Next(4) == 0 ? "\\ud800" : properties[spoilt].Name, Pick(random, FileBreakers));
                    break;
                default:
                    properties.Insert(at, (Pick(random, Fields), Pick(random, Values)));
                    break;
            }
        }

        return "{" + string.Join(',', properties.Select(p => $"\"{p.Name}\":{p.Value}")) + (random.Next(10) == 0 ? ",}" : "}");
    }

    private static readonly string[] Fields = [.. SchemaIndex.Fields.Select(f => f.Name)];

    private static string Renamed(string name, Random random) => name.Length == 0 ? name : random.Next(3) switch
    {
        0 => "\\u00" + ((int)name[0]).ToString("x2", CultureInfo.InvariantCulture) + name[1..],
        1 => name.ToUpperInvariant().Replace('_', ' '),
        _ => " " + name.Replace('_', '-'),
    };

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    private static async Task AssertSameAsync(byte[] bytes, ValidationOptions options)
    {
        var strings = await StringPathAsync(bytes, options);
        var spans = await ValidateAsync(new SubmissionValidator(ReferenceCatalog.Default, options), bytes);

        Assert.Equal(strings.Report, spans.Report);
        Assert.Equal(strings.Projects, spans.Projects);
        var previous = Rows(new MemoryStream(bytes), options, PreviousJsonReader.ReadRows);
        Assert.Equal(previous, Rows(new MemoryStream(bytes), options, JsonSubmissionReader.ReadRows));
        // A stream that hands out a few bytes per read makes the reader stop and resume inside tokens and projects.
        Assert.Equal(previous, Rows(new Fixture.TrickleStream(bytes, 1 + (bytes.Length % 13)), options, JsonSubmissionReader.ReadRows));
    }

    private static Task<(string Report, List<Project> Projects)> StringPathAsync(byte[] bytes, ValidationOptions options) =>
        ValidateAsync(new SubmissionValidator(ReferenceCatalog.Default, options) { JsonRows = PreviousJsonReader.ReadRows }, bytes);

    private static async Task<(string Report, List<Project> Projects)> ValidateAsync(SubmissionValidator validator, byte[] bytes)
    {
        var projects = new List<Project>();
        var file = new SubmissionFile("estrie", "uploads/estrie/rapport.json", "rapport.json", "p", Fixture.ReceivedAt);
        var report = await validator.ValidateAsync(new MemoryStream(bytes), file, projects.Add);
        return (ReportJson.Serialize(report), projects);
    }

    // What a reader yields, written out in full, up to the failure that stops it.
    private static List<string> Rows(Stream stream, ReadingLimits limits, Func<Stream, ReadingLimits, CancellationToken, IEnumerable<SourceRow>> read)
    {
        var rows = new List<string>();
        try
        {
            foreach (var row in read(stream, limits, CancellationToken.None))
            {
                var cells = string.Join('|', row.Cells.Select(c => $"{c.Text}:{c.Typed}:{c.Length}"));
                var issues = string.Join('|', row.Issues ?? []);
                var defaults = row is SourceHeader { Defaults: { } d } ? string.Join('|', d) : "";
                rows.Add($"{row.GetType().Name} {row.RowNumber} [{cells}] [{issues}] [{defaults}]");
            }
        }
        catch (SubmissionFileException e)
        {
            rows.Add($"{e.Failure} {e.Row} {e.Limit} {e.SecondLimit} {e.Detail}");
        }
        catch (Exception e)
        {
            rows.Add(e.GetType().Name); // no reader should get here; both would, alike
        }

        return rows;
    }
}
