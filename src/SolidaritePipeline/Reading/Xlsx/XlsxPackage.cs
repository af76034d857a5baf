using System.IO.Compression;
using System.Xml;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// The parts of a workbook's zip as Open Packaging names them, read straight from the zip entries:
/// the content types, the relationships of a part, and any part as a counted stream or a plain XML
/// reader. Only the parts the reader needs are ever inflated, each through the file's
/// <see cref="InflationBudget"/>, and every one with DTDs prohibited.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    public const string ContentTypesPart = "[Content_Types].xml";

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Relationships and content types are a few per part; more only comes from a hostile file.</summary>
    private const int MaxEntriesPerList = 65_536;

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly InflationBudget _budget;
    private readonly Dictionary<string, string> _defaultTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _overrideTypes = new(StringComparer.OrdinalIgnoreCase);

    private XlsxPackage(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, InflationBudget budget)
    {
        _zip = zip;
        _entries = entries;
        _budget = budget;
    }

    /// <summary>
    /// Opens the zip, inspects it (<see cref="XlsxZipGuard"/>) and reads its content types. A zip
    /// that holds no <c>[Content_Types].xml</c> is no Office package; two entries of one name (in any
    /// case) make the package ambiguous.
    /// </summary>
    public static XlsxPackage Open(Stream stream, InflationBudget budget)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw XlsxErrors.NotAWorkbook();
        }

        try
        {
            XlsxZipGuard.Inspect(zip.Entries, budget);
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                    throw XlsxErrors.Malformed("package", $"two entries named {EchoedText.Cut(entry.FullName)}");
            }

            var package = new XlsxPackage(zip, entries, budget);
            if (!entries.ContainsKey(ContentTypesPart)) throw XlsxErrors.NotAWorkbook();
            package.ReadContentTypes();
            return package;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    public bool Contains(string partName) => _entries.ContainsKey(partName);

    /// <summary>The content type of a part: its override, else the default of its extension; null when neither.</summary>
    public string? ContentType(string partName) =>
        _overrideTypes.TryGetValue(partName, out var type) ? type
        : _defaultTypes.GetValueOrDefault(Path.GetExtension(partName).TrimStart('.'));

    /// <summary>The part's inflated bytes, counted against the budget as they are read.</summary>
    public Stream OpenPart(string partName)
    {
        if (!_entries.TryGetValue(partName, out var entry)) throw XlsxErrors.Malformed("package", $"no part {EchoedText.Cut(partName)}");
        Stream inflated;
        try
        {
            inflated = entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw XlsxErrors.Malformed(partName, e.Message);
        }

        return new CountingStream(inflated, _budget);
    }

    /// <summary>A plain XML reader over a part (see <see cref="XlsxXml.Open(Stream, long)"/>).</summary>
    public XmlReader ReadXml(string partName) => XlsxXml.Open(OpenPart(partName), _budget.Limit);

    /// <summary>
    /// The internal relationships of a part (<c>_rels/.rels</c> for the package, <c>""</c>), each with its
    /// target resolved to a part name; empty when the part has none.
    /// </summary>
    public IReadOnlyList<PackageRelationship> Relationships(string sourcePartName)
    {
        var folder = sourcePartName.LastIndexOf('/') is var slash and >= 0 ? sourcePartName[..(slash + 1)] : "";
        var relsName = $"{folder}_rels/{sourcePartName[folder.Length..]}.rels";
        var relationships = new List<PackageRelationship>();
        if (!_entries.ContainsKey(relsName)) return relationships;

        using var reader = ReadXml(relsName);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.NamespaceURI != RelationshipsNamespace) continue;
            if (relationships.Count >= MaxEntriesPerList) break;
            if (reader.GetAttribute("TargetMode") is { } mode && mode.Equals("External", StringComparison.OrdinalIgnoreCase)) continue;
            if (reader.GetAttribute("Id") is not { } id || reader.GetAttribute("Type") is not { } type || reader.GetAttribute("Target") is not { } target) continue;
            if (Resolve(folder, target) is { } partName) relationships.Add(new PackageRelationship(id, type, partName));
        }

        return relationships;
    }

    /// <summary>
    /// A relationship's target as a part name: relative to the source's folder, or from the package's
    /// root when it starts with <c>/</c>; null when it climbs out of the package or is no part name.
    /// </summary>
    internal static string? Resolve(string folder, string target)
    {
        string unescaped;
        try
        {
            unescaped = Uri.UnescapeDataString(target);
        }
        catch (UriFormatException)
        {
            return null;
        }

        var path = unescaped.StartsWith('/') ? unescaped[1..] : folder + unescaped;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    private void ReadContentTypes()
    {
        using var reader = ReadXml(ContentTypesPart);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != ContentTypesNamespace) continue;
            if (_defaultTypes.Count + _overrideTypes.Count >= MaxEntriesPerList) break;
            var type = reader.GetAttribute("ContentType");
            if (type is null) continue;
            if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension)
                _defaultTypes[extension] = type;
            else if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part && Resolve("", part) is { } name)
                _overrideTypes[name] = type;
        }
    }

    public void Dispose() => _zip.Dispose();
}

/// <summary>One internal relationship of a package part: its id, type and target part.</summary>
internal sealed record PackageRelationship(string Id, string Type, string Target);
