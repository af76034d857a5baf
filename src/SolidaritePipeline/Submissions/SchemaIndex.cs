using System.Text;

namespace SolidaritePipeline.Submissions;

/// <summary>Positions of <see cref="SchemaV1.Fields"/> by name, and the lookups derived from the schema data.</summary>
internal static class SchemaIndex
{
    public static readonly IReadOnlyList<SchemaField> Fields = SchemaV1.Fields;

    public static int Count => Fields.Count;

    public static readonly int Exercice = Of("exercice");
    public static readonly int NoProjet = Of("no_projet");
    public static readonly int TitreProjet = Of("titre_projet");
    public static readonly int OrganismePromoteur = Of("organisme_promoteur");
    public static readonly int Neq = Of("neq");
    public static readonly int RegionCode = Of("region_code");
    public static readonly int Municipalite = Of("municipalite");
    public static readonly int AxeIntervention = Of("axe_intervention");
    public static readonly int ClienteleCible = Of("clientele_cible");
    public static readonly int MontantFqis = Of("montant_fqis");
    public static readonly int MontantAutresSources = Of("montant_autres_sources");
    public static readonly int DateDebut = Of("date_debut");
    public static readonly int DateFin = Of("date_fin");
    public static readonly int PersonnesRejointes = Of("personnes_rejointes");
    public static readonly int Statut = Of("statut");
    public static readonly int CourrielContact = Of("courriel_contact");

    /// <summary>Field names as UTF-8, to match JSON property names without decoding them.</summary>
    public static readonly byte[][] Utf8Names = Fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();

    private static readonly Dictionary<string, int> ByKey =
        Fields.Select((f, i) => (Key: TextKey.Normalize(f.Name), i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);

    /// <summary>For each enumerated field, the code of every accepted spelling's key (codes and French labels).</summary>
    public static readonly Dictionary<string, string>?[] AllowedByKey = Fields
        .Select(f => f.AllowedValues is { Count: > 0 } values
            ? values.SelectMany(v => new[] { (Key: TextKey.Normalize(v.Code), v.Code), (Key: TextKey.Normalize(v.LabelFr), v.Code) })
                .DistinctBy(p => p.Key)
                .ToDictionary(p => p.Key, p => p.Code, StringComparer.Ordinal)
            : null)
        .ToArray();

    /// <summary>The field a header label or JSON property names, by its comparison key; -1 if none.</summary>
    public static int FindByLabel(ReadOnlySpan<char> label)
    {
        Span<char> key = stackalloc char[Math.Min(label.Length * 2, 512)];
        if (label.Length > 256) return -1;
        var length = TextKey.Normalize(label, key);
        return ByKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..length], out var index) ? index : -1;
    }

    private static int Of(string name)
    {
        for (var i = 0; i < SchemaV1.Fields.Count; i++)
        {
            if (SchemaV1.Fields[i].Name == name) return i;
        }

        throw new InvalidOperationException($"Schema v1 has no field '{name}'.");
    }
}
