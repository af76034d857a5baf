using System.Text;
using System.Text.Json;
using SolidaritePipeline.Aggregation;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Publishing;

/// <summary>An exercice that is not <c>AAAA-AAAA</c> with consecutive years; its message is bilingual, French first.</summary>
public sealed class InvalidExerciceException(string value) : Exception(
    $"Exercice invalide « {value} » : écrivez AAAA-AAAA, deux années consécutives (ex. 2022-2023). / " +
    $"Invalid exercice '{value}': write YYYY-YYYY, two consecutive years (e.g. 2022-2023).");

/// <summary>
/// Reads the <c>RegionalTotals</c> table for the <c>GetTotals</c> function, and renders it as JSON or
/// CSV with the open data's columns: both cents and dollars, so an analyst needs no conversion and
/// loses no precision, and the same names as <c>totaux-regionaux.csv</c>.
/// </summary>
public sealed class RegionalTotalsQuery(IPublishedData data)
{
    public static string NormaliseExercice(string value) =>
        ValueParsers.ParseExercice(value, out var start) == ParseOutcome.Ok
            ? ValueParsers.FormatExercice(start)
            : throw new InvalidExerciceException(value);

    /// <summary>Rows of one exercice (or every exercice when null), ordered by exercice then region code.</summary>
    public Task<IReadOnlyList<RegionalTotal>> ReadAsync(string? exercice, CancellationToken cancellationToken) =>
        data.ReadRegionalTotalsAsync(exercice is null ? null : NormaliseExercice(exercice), cancellationToken);

    /// <summary>The rows with the columns and names of <c>totaux-regionaux.json</c> (one vocabulary, docs/bi.md).</summary>
    public static byte[] ToJson(IReadOnlyList<RegionalTotal> rows) => OpenDataTables.RegionalTotals(ReferenceCatalog.Default).ToJson(rows);

    /// <summary>The rows as <c>totaux-regionaux.csv</c> writes them.</summary>
    public static Task<byte[]> ToCsvAsync(IReadOnlyList<RegionalTotal> rows, CancellationToken cancellationToken) =>
        OpenDataTables.RegionalTotals(ReferenceCatalog.Default).ToCsvAsync(rows, cancellationToken);
}
