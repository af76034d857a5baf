using System.Text.Json;
using SolidaritePipeline.Reports;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Hostile;

/// <summary>
/// What a clean report of a hostile input is: the command's exit code agrees with a report that parses,
/// every echoed string is short, every code is a known one and no failure went unforeseen, the HTML
/// twin carries no markup from the file, and the verdict is the one the input expects.
/// </summary>
internal static class CleanReport
{
    /// <summary>Longer than any label, value or message a report should echo.</summary>
    public const int MaxEchoedChars = 2_048;

    private static readonly HashSet<string> KnownCodes = typeof(IssueCodes).GetFields()
        .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    // Tags a hostile file carries; the report's own HTML uses none of them (their escaped text is harmless).
    private static readonly string[] ForeignMarkup = ["<script", "<img", "<iframe", "<svg", "<b>"];

    public static ValidationReport Check(HostileInput input, int exit, string json, string html)
    {
        Assert.True(exit is 0 or 1, $"{input.Name}: exit code {exit}, expected 0 or 1.");
        Assert.False(string.IsNullOrWhiteSpace(json), $"{input.Name}: no report on standard output.");

        using (var document = JsonDocument.Parse(json))
        {
            var longest = LongestString(document.RootElement);
            Assert.True(longest.Length <= MaxEchoedChars,
                $"{input.Name}: the report echoes a string of {longest.Length:N0} characters (at most {MaxEchoedChars:N0} expected): {longest[..Math.Min(120, longest.Length)]}…");
        }

        var report = ReportJson.Deserialize(json);
        Assert.Equal(exit == 0, report.IsAccepted);
        Assert.Equal(report.ErrorCount == 0, report.IsAccepted);
        Assert.InRange(report.Errors.Count, 0, 5_001); // the listing limit, and the error that stopped reading
        foreach (var issue in report.Errors.Concat(report.Warnings))
        {
            Assert.Contains(issue.Code, KnownCodes);
            Assert.False(issue.Message.En.Contains("could not be read (", StringComparison.Ordinal),
                $"{input.Name}: a reader failed in a way nobody foresaw: {issue.Message.En}");
        }

        CheckHtml(input, html);
        Assert.DoesNotContain("root:x:0:0", json, StringComparison.Ordinal);
        CheckExpectation(input, report);
        return report;
    }

    public static string Summary(ValidationReport report) =>
        $"{report.Status}; errors: {string.Join(", ", report.Errors.Take(8).Select(e => $"{e.Code}@{e.Row}/{e.Field}"))}"
        + $"; warnings: {string.Join(", ", report.Warnings.Take(8).Select(e => $"{e.Code}@{e.Row}/{e.Field?[..Math.Min(40, e.Field.Length)]}"))}";

    private static void CheckExpectation(HostileInput input, ValidationReport report)
    {
        var expected = input.Expected;
        var why = $"{input.Name}: expected {expected}, got {Summary(report)}";
        if (expected.Accepted is { } accepted) Assert.True(accepted == report.IsAccepted, why);
        if (expected.AnyOf.Count > 0)
        {
            Assert.True(report.Errors.Any(e => expected.AnyOf.Contains(e.Code) && (expected.Field is null || e.Field == expected.Field)), why);
        }

        if (expected.WarningOn is { } field) Assert.True(report.Warnings.Any(w => w.Field == field), why);
        if (expected.NeverCode is { } never) Assert.True(report.Errors.All(e => e.Code != never), why);
    }

    private static void CheckHtml(HostileInput input, string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        foreach (var markup in ForeignMarkup)
            Assert.False(html.Contains(markup, StringComparison.OrdinalIgnoreCase), $"{input.Name}: the HTML report holds \"{markup}\" unescaped.");
        Assert.DoesNotContain("root:x:0:0", html, StringComparison.Ordinal);
    }

    private static string LongestString(JsonElement element)
    {
        var longest = "";
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var inner = LongestString(property.Value);
                    if (property.Name.Length > longest.Length) longest = property.Name;
                    if (inner.Length > longest.Length) longest = inner;
                }

                return longest;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    var inner = LongestString(item);
                    if (inner.Length > longest.Length) longest = inner;
                }

                return longest;
            default:
                return longest;
        }
    }
}
