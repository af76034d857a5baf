using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SolidaritePipeline.Publishing;

/// <summary>How the snapshot writes numbers, dates and JSON, in CSV and JSON alike.</summary>
public static class OpenDataFormat
{
    /// <summary>
    /// The JSON files and answers: indented, <c>\n</c> line ends, accents kept readable (the files are
    /// served as <c>application/json</c>, never inlined in HTML). JSON values are not neutralised: no
    /// spreadsheet evaluates them.
    /// </summary>
    public static JsonWriterOptions JsonOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Cents as dollars with exactly two decimals and a <c>.</c>: 1250050 → <c>12500.50</c>.</summary>
    public static string Amount(long cents) => Amount((Int128)cents);

    /// <summary>The same for a sum of Int64 cents, which may not fit Int64 itself.</summary>
    public static string Amount(Int128 cents)
    {
        var sign = cents < 0 ? "-" : "";
        var magnitude = Int128.Abs(cents);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:00}");
    }

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
