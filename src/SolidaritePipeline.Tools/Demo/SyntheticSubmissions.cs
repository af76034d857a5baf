using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tools.Demo;

/// <summary>The file formats of submission schema v1, as mandataires' tools write them.</summary>
public enum SubmissionFormat
{
    /// <summary>UTF-8 without BOM, <c>,</c>, invariant numbers and ISO dates.</summary>
    CsvUtf8Comma,

    /// <summary>A French Excel export: Windows-1252, <c>;</c>, <c>12 500,50 $</c>, <c>JJ/MM/AAAA</c>, French labels.</summary>
    CsvWindows1252Semicolon,

    /// <summary>UTF-8 with BOM, tab-delimited, <c>12,500.50</c>, upper-case headers, region without its zero.</summary>
    CsvUtf8BomTab,

    /// <summary>A workbook with real number and date cells, French headers and labels.</summary>
    Xlsx,

    /// <summary>A JSON array of project objects.</summary>
    JsonArray,

    /// <summary><c>{ "exercice": …, "projets": [ … ] }</c>.</summary>
    JsonEnvelope,
}

/// <summary>The realistic mistakes the synthetic files carry; each one must get the file rejected.</summary>
public enum SyntheticMistake
{
    None,

    /// <summary><c>1,500</c> in <c>montant_fqis</c>: one comma and three digits (type-error).</summary>
    AmbiguousAmount,

    /// <summary>One row in another mandataire's region (region-mismatch).</summary>
    ForeignRegion,

    /// <summary>The required <c>personnes_rejointes</c> column is missing (missing-label).</summary>
    MissingColumn,

    /// <summary>A project number used twice (unique-error) and an end date before the start (constraint-error).</summary>
    DuplicateNumberAndEndBeforeStart,
}

/// <summary>An error the validator must report for a synthetic mistake, at the row a person sees (the header is row 1).</summary>
public sealed record ExpectedError(string Code, int Row, string Field);

/// <summary>
/// One synthetic file as a mandataire would upload it to <c>uploads/{Mandataire}/{FileName}</c>.
/// <see cref="Round"/> 1 is the first wave of uploads; round 2 (corrections, a resubmission, a
/// flawed new version) is uploaded after round 1, so its blobs are newer. <see cref="Projects"/> are
/// the projects the person meant, which the pipeline keeps only when <see cref="Mistake"/> is none.
/// </summary>
public sealed record SyntheticFile(
    string Mandataire,
    int Round,
    string FileName,
    SubmissionFormat Format,
    SyntheticMistake Mistake,
    IReadOnlyList<ExpectedError> ExpectedErrors,
    IReadOnlyList<Project> Projects,
    byte[] Content)
{
    public bool ShouldBeAccepted => Mistake == SyntheticMistake.None;

    /// <summary>The blob name inside the <c>uploads</c> container, and the path under a local folder.</summary>
    public string UploadName => $"{Mandataire}/{FileName}";
}

/// <summary>
/// Synthetic (fictitious) submissions for every mandataire of a catalog, deterministic from a seed:
/// the same seed gives the same bytes and the same totals. Formats rotate over the mandataires; a
/// few files carry a realistic mistake, one mandataire resubmits a corrected version that replaces
/// the first, and one never fixes its rejected file.
/// </summary>
public sealed class SyntheticSubmissions
{
    public const string Exercice = "2022-2023";
    public const int DefaultSeed = 2023;

    /// <summary>Every format of schema v1.</summary>
    public static IReadOnlyList<SubmissionFormat> AllFormats { get; } = Enum.GetValues<SubmissionFormat>();

    private SyntheticSubmissions(int seed, IReadOnlyList<SyntheticFile> files)
    {
        Seed = seed;
        Files = files;
        CurrentProjects = files
            .Where(f => f.ShouldBeAccepted)
            .OrderBy(f => f.Round)
            .GroupBy(f => f.Mandataire, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Projects, StringComparer.Ordinal);
    }

    public int Seed { get; }

    /// <summary>Every file, in upload order: round 1 then round 2, each in catalog order.</summary>
    public IReadOnlyList<SyntheticFile> Files { get; }

    /// <summary>
    /// What the pipeline must end with: for each mandataire, the projects of its newest accepted
    /// file. A mandataire whose only file is rejected is absent.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Project>> CurrentProjects { get; }

    public IEnumerable<SyntheticFile> Round(int round) => Files.Where(f => f.Round == round);

    /// <summary>
    /// Generates the files. <paramref name="formats"/> (all of them by default) rotate over the
    /// mandataires in catalog order.
    /// </summary>
    public static SyntheticSubmissions Generate(
        ReferenceCatalog catalog, int seed = DefaultSeed, IReadOnlyList<SubmissionFormat>? formats = null)
    {
        formats ??= AllFormats;
        if (formats.Count == 0) throw new ArgumentException("At least one format is needed.", nameof(formats));

        var builder = new SyntheticFileBuilder(catalog);
        var mandataires = catalog.Mandataires;
        var formatOf = mandataires.Select((m, i) => (m.Code, Format: formats[i % formats.Count]))
            .ToDictionary(x => x.Code, x => x.Format, StringComparer.Ordinal);
        var roles = AssignRoles(mandataires, formatOf, formats);

        var round1 = new List<SyntheticFile>();
        var round2 = new List<SyntheticFile>();
        for (var i = 0; i < mandataires.Count; i++)
        {
            var mandataire = mandataires[i];
            // One generator per mandataire: adding a mandataire does not reshuffle the others.
            var random = new Random(MixSeed(seed, i));
            var projects = SyntheticProjects.Make(mandataire, random);
            var format = formatOf[mandataire.Code];
            var role = roles.GetValueOrDefault(mandataire.Code, Role.Clean);
            var name = $"{mandataire.Code}_rapport_{Exercice}";

            switch (role)
            {
                case Role.Clean:
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.None));
                    break;
                case Role.AmbiguousThenCorrected:
                    // The person meant 1 500,00 $ and typed it the English way without cents.
                    var meant = SyntheticFileBuilder.AmbiguousAmountIndex;
                    projects[meant] = projects[meant] with { MontantFqis = SyntheticFileBuilder.AmbiguousAmountMeant };
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.AmbiguousAmount));
                    round2.Add(builder.Build(mandataire, 2, name + "_corrige", format, projects, SyntheticMistake.None));
                    break;
                case Role.ForeignRegionThenCorrected:
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.ForeignRegion));
                    round2.Add(builder.Build(mandataire, 2, name + "_corrige", format, projects, SyntheticMistake.None));
                    break;
                case Role.MissingColumnNeverCorrected:
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.MissingColumn));
                    break;
                case Role.FlawedNewVersion:
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.None));
                    var extended = projects.Concat(Enumerable.Range(projects.Count + 1, 3)
                        .Select(n => SyntheticProjects.MakeOne(mandataire, n, random))).ToList();
                    round2.Add(builder.Build(mandataire, 2, name + "_v2", format, extended, SyntheticMistake.DuplicateNumberAndEndBeforeStart));
                    break;
                case Role.Resubmission:
                    round1.Add(builder.Build(mandataire, 1, name, format, projects, SyntheticMistake.None));
                    round2.Add(builder.Build(mandataire, 2, name + "_v2", format, Revise(mandataire, projects, random), SyntheticMistake.None));
                    break;
            }
        }

        return new SyntheticSubmissions(seed, [.. round1, .. round2]);
    }

    // SplitMix64's finaliser: neighbouring (seed, index) pairs give unrelated generators.
    private static int MixSeed(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32) | (uint)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    private enum Role
    {
        Clean,
        AmbiguousThenCorrected,
        ForeignRegionThenCorrected,
        MissingColumnNeverCorrected,
        FlawedNewVersion,
        Resubmission,
    }

    // Each story goes to the second mandataire of the format that makes it most realistic (a
    // thousands comma in an English export, a region name typed in a French one), so the stories
    // spread over the formats; with a small catalog some stories are simply left out.
    private static Dictionary<string, Role> AssignRoles(
        IReadOnlyList<Mandataire> mandataires, Dictionary<string, SubmissionFormat> formatOf, IReadOnlyList<SubmissionFormat> formats)
    {
        var wanted = new (Role Role, SubmissionFormat[] Preferred)[]
        {
            (Role.AmbiguousThenCorrected, [SubmissionFormat.CsvUtf8BomTab, SubmissionFormat.CsvUtf8Comma]),
            (Role.ForeignRegionThenCorrected, [SubmissionFormat.CsvWindows1252Semicolon, SubmissionFormat.CsvUtf8Comma]),
            (Role.MissingColumnNeverCorrected, [SubmissionFormat.Xlsx, SubmissionFormat.CsvUtf8Comma]),
            (Role.FlawedNewVersion, [SubmissionFormat.JsonArray, SubmissionFormat.JsonEnvelope]),
            (Role.Resubmission, [SubmissionFormat.JsonEnvelope, SubmissionFormat.JsonArray]),
        };

        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var (role, preferred) in wanted)
        {
            var candidate = preferred.Where(formats.Contains)
                .SelectMany(f => mandataires.Where(m => formatOf[m.Code] == f && !roles.ContainsKey(m.Code)).Skip(1).Take(1))
                .FirstOrDefault();
            if (candidate is not null) roles[candidate.Code] = role;
        }

        return roles;
    }

    // The corrected version a mandataire sends later: three amounts fixed, one project withdrawn,
    // two added, so its totals differ from the first version's in every measure.
    private static List<Project> Revise(Mandataire mandataire, List<Project> first, Random random)
    {
        var revised = first.Skip(1).ToList();
        for (var i = 0; i < 3 && i < revised.Count; i++)
        {
            revised[i] = revised[i] with
            {
                MontantFqis = SyntheticProjects.Cents(random, 1_500_00, 85_000_00),
                PersonnesRejointes = revised[i].PersonnesRejointes + 17,
            };
        }

        revised.Add(SyntheticProjects.MakeOne(mandataire, first.Count + 1, random));
        revised.Add(SyntheticProjects.MakeOne(mandataire, first.Count + 2, random) with { Statut = ProjectStatus.EnCours });
        return revised;
    }
}
