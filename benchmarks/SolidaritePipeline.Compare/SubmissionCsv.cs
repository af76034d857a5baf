using System.Globalization;
using System.Text;
using SolidaritePipeline.ReferenceData;

namespace SolidaritePipeline.Compare;

/// <summary>
/// Writes a valid submission CSV of any size, streamed (no row is kept): codes and invariant numbers,
/// comma-delimited, UTF-8, some quoted titles holding a comma, optional cells left empty now and then.
/// The same seed and row count always give the same bytes.
/// </summary>
public static class SubmissionCsv
{
    public const string Mandataire = "estrie";
    public const string Exercice = "2022-2023";

    private static readonly string[] Header =
    [
        "exercice", "no_projet", "titre_projet", "organisme_promoteur", "neq", "region_code", "municipalite",
        "axe_intervention", "clientele_cible", "montant_fqis", "montant_autres_sources", "date_debut", "date_fin",
        "personnes_rejointes", "statut", "courriel_contact",
    ];

    private static readonly string[] Municipalites = ["Sherbrooke", "Magog", "Granby", "Coaticook", "Lac-Mégantic", ""];

    public static void Write(string path, int rows, int seed) =>
        Write(path, rows, seed, ReferenceCatalog.Default.FindMandataire(Mandataire)!.RegionCode, "EST-");

    /// <summary>The same rows for a mandataire of <paramref name="region"/>, project numbers starting with <paramref name="numberPrefix"/>.</summary>
    public static void Write(string path, int rows, int seed, string region, string numberPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var axes = CodeLists.Axes.Select(a => a.Code).ToArray();
        var clienteles = CodeLists.Clienteles.Select(c => c.Code).ToArray();
        var statuts = CodeLists.Statuts.Select(s => s.Code).ToArray();
        var random = new Random(seed);
        var exerciceStart = new DateOnly(2022, 4, 1);

        using var output = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        output.NewLine = "\n";
        output.WriteLine(string.Join(',', Header));
        for (var i = 0; i < rows; i++)
        {
            var start = exerciceStart.AddDays(random.Next(0, 180));
            var end = start.AddDays(random.Next(0, 180));
            var neq = random.Next(3) == 0 ? (1_140_000_000L + random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture) : "";
            output.Write(Exercice);
            output.Write(',');
            output.Write(numberPrefix);
            output.Write(i.ToString("0000000", CultureInfo.InvariantCulture));
            output.Write(i % 10 == 0 ? $",\"Projet {i}, volet communautaire\"" : $",Projet {i}");
            output.Write(",Organisme communautaire de l'Estrie,");
            output.Write(neq);
            output.Write(',');
            output.Write(region);
            output.Write(',');
            output.Write(Municipalites[random.Next(Municipalites.Length)]);
            output.Write(',');
            output.Write(axes[random.Next(axes.Length)]);
            output.Write(',');
            output.Write(clienteles[random.Next(clienteles.Length)]);
            output.Write(',');
            output.Write(Amount(random.Next(100_000, 10_000_000)));
            output.Write(',');
            output.Write(random.Next(2) == 0 ? "" : Amount(random.Next(0, 5_000_000)));
            output.Write(',');
            output.Write(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            output.Write(',');
            output.Write(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            output.Write(',');
            output.Write(random.Next(0, 5_000).ToString(CultureInfo.InvariantCulture));
            output.Write(',');
            output.Write(statuts[random.Next(statuts.Length)]);
            output.Write(',');
            if (i % 4 == 0) output.Write($"contact{i}@organisme.example");
            output.Write('\n');
        }
    }

    // Cents as invariant dollars with two decimals ("12345.67"), as a spreadsheet exports them.
    private static string Amount(int cents) =>
        string.Create(CultureInfo.InvariantCulture, $"{cents / 100}.{cents % 100:00}");
}
