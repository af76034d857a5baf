using System.Text;
using static SolidaritePipeline.Tests.Hostile.CorpusFiles;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>
/// The hostile corpus: files crafted the way an attacker or a very unlucky export would write them,
/// generated here (deterministic, no randomness without a fixed seed) rather than committed. Most
/// are small and validated in the test process; the few <see cref="HostileInput.Big"/> ones are large
/// files within the 50 MB limit, validated by the built command in a child process whose peak
/// memory is measured. <c>scripts/hostile-corpus.sh</c> writes them all to a folder to look at.
/// </summary>
internal static partial class HostileCorpus
{
    public const string CsvExt = ".csv";
    public const string JsonExt = ".json";
    public const string XlsxExt = ".xlsx";

    /// <summary>The three formats a cell-level twist is tried in.</summary>
    public static readonly string[] Formats = [CsvExt, JsonExt, XlsxExt];

    private static readonly Lazy<IReadOnlyList<HostileInput>> AllInputs = new(() =>
    {
        var inputs = Defects().Concat(Amounts()).Concat(Dates()).Concat(Injection()).Concat(PersonalData())
            .Concat(ZipArchives()).Concat(XmlEntities()).Concat(XlsxStructure())
            .Concat(JsonShapes()).Concat(Encodings()).Concat(CsvShapes()).Concat(Limits()).Concat(FileLevel())
            .ToList();
        var duplicate = inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? inputs : throw new InvalidOperationException($"Two corpus inputs are named {duplicate.Key}.");
    });

    public static IReadOnlyList<HostileInput> All => AllInputs.Value;

    public static HostileInput Named(string name) => All.Single(i => i.Name == name);

    // ---- Helpers shared by the classes

    /// <summary>A file of one valid project plus one twisted cell, in the format of <paramref name="extension"/>.</summary>
    // Amount spellings are text in JSON too: as JSON numbers they would be typed, and unambiguous.
    private static HostileInput Cell(string cls, string name, string extension, string field, string value, Expectation expected, int projects = 2) =>
        new(name + Suffix(extension), cls, name + Suffix(extension) + extension, expected,
            ProjectsWriter(extension, Projects(projects, One(field, value)), numbersAsText: cls == "amount-format"));

    private static string Suffix(string extension) => "-" + extension[1..];

    /// <summary>The same twisted cell in CSV, JSON (as a string value) and XLSX (as an inline string).</summary>
    private static IEnumerable<HostileInput> InEveryFormat(string cls, string name, string field, string value, Expectation expected) =>
        Formats.Select(f => Cell(cls, name, f, field, value, expected));

    public static Action<Stream> ProjectsWriter(string extension, List<Dictionary<string, string>> projects, bool numbersAsText = false) =>
        extension switch
        {
            CsvExt => s => s.Write(CsvBytes(projects)),
            JsonExt => s => Write(s, JsonEnvelope(projects, numbersAsText)),
            XlsxExt => s => s.Write(XlsxBytes(projects)),
            _ => throw new ArgumentOutOfRangeException(nameof(extension)),
        };

    private static HostileInput Text(string cls, string name, string extension, string text, Expectation expected) =>
        new(name, cls, name + extension, expected, s => Write(s, text));

    private static HostileInput Raw(string cls, string name, string extension, byte[] bytes, Expectation expected) =>
        new(name, cls, name + extension, expected, s => s.Write(bytes));

    private static string ValidCsv(int projects = 2) => Csv(Table(Projects(projects)));

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
