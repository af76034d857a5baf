using System.Text.Json;
using SolidaritePipeline.Cli;
using SolidaritePipeline.Tests.Validation;

namespace SolidaritePipeline.Tests.Cli;

public sealed class ValidateCommandTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(
        IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new FixedTime(Fixture.ReceivedAt),
            name => environment?.GetValueOrDefault(name), CancellationToken.None);
        var exit = await CliApp.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_accepted_file_exits_0_with_a_french_summary()
    {
        var (exit, output, _) = await RunAsync(null, "validate", Fixture.PathOf("accepted/utf8-comma.csv"), "--mandataire", "estrie");

        Assert.Equal(0, exit);
        Assert.StartsWith("Fichier accepté", output);
        Assert.Contains("3 ligne(s) de projet, 0 erreur(s)", output);
    }

    [Fact]
    public async Task A_rejected_file_exits_1_and_lists_its_first_errors()
    {
        var (exit, output, _) = await RunAsync(null, "validate", Fixture.PathOf("rejected/cell-errors.csv"), "--mandataire", "estrie");

        Assert.Equal(1, exit);
        Assert.StartsWith("Fichier refusé", output);
        Assert.Contains("Ligne 2, montant_fqis : Le montant « 1,500 » est ambigu", output);
        Assert.Contains("… et 9 autre(s) erreur(s).", output);
    }

    [Fact]
    public async Task With_json_standard_output_holds_only_the_report()
    {
        var path = Fixture.PathOf("rejected/row-rules.csv");

        var (exit, output, _) = await RunAsync(null, "validate", path, "--mandataire", "estrie", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("rejected", root.GetProperty("status").GetString());
        Assert.Equal(path, root.GetProperty("source").GetString());
        Assert.Equal("2026-11-26T14:03:11Z", root.GetProperty("receivedAt").GetString());
        var sha256 = root.GetProperty("sha256").GetString()!;
        Assert.Equal(sha256[..16], root.GetProperty("submissionId").GetString());
        Assert.Equal(4, root.GetProperty("errorCount").GetInt32());
    }

    [Fact]
    public async Task Html_is_written_where_asked()
    {
        var html = Path.Combine(Path.GetTempPath(), $"rapport-{Guid.NewGuid():N}.html");
        try
        {
            var (exit, output, _) = await RunAsync(null, "validate", Fixture.PathOf("rejected/cell-errors.csv"), "--mandataire", "estrie", "--html", html);

            Assert.Equal(1, exit);
            Assert.Contains(html, output);
            Assert.Contains("Le montant « 1,500 » est ambigu", await File.ReadAllTextAsync(html));
        }
        finally
        {
            File.Delete(html);
        }
    }

    [Fact]
    public async Task Max_rows_overrides_the_limit_and_zero_removes_it()
    {
        var path = Fixture.PathOf("accepted/utf8-comma.csv");

        var limited = await RunAsync(null, "validate", path, "--mandataire", "estrie", "--max-rows", "2", "--json");
        var unlimited = await RunAsync(new Dictionary<string, string> { ["Validation__MaxRows"] = "1" },
            "validate", path, "--mandataire", "estrie", "--max-rows", "0");

        Assert.Equal(1, limited.Exit);
        Assert.Equal("row-limit", JsonDocument.Parse(limited.Out).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(0, unlimited.Exit);
    }

    [Fact]
    public async Task The_byte_limit_comes_from_the_setting_unless_overridden()
    {
        var path = Fixture.PathOf("accepted/utf8-comma.csv");
        var setting = new Dictionary<string, string> { ["Validation__MaxBytes"] = "100" };

        var fromSetting = await RunAsync(setting, "validate", path, "--mandataire", "estrie", "--json");
        var overridden = await RunAsync(setting, "validate", path, "--mandataire", "estrie", "--max-bytes", "0");

        Assert.Equal(1, fromSetting.Exit);
        Assert.Contains("\"file-too-large\"", fromSetting.Out);
        Assert.Equal(0, overridden.Exit);
    }

    [Fact]
    public async Task A_malformed_limit_setting_is_a_usage_error_naming_the_setting_as_the_hosts_read_it()
    {
        // The command used to ignore a setting it could not parse and validate without the limit the
        // Functions host refused to start with; both now read it through the same parser.
        var setting = new Dictionary<string, string> { ["Validation__MaxBytes"] = "50 Mo" };

        var (exit, output, error) = await RunAsync(setting, "validate", Fixture.PathOf("accepted/utf8-comma.csv"), "--mandataire", "estrie");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("Validation__MaxBytes", error);
    }

    [Theory]
    [InlineData("validate", "--mandataire", "estrie")]
    [InlineData("validate", "does-not-exist.csv", "--mandataire", "estrie")]
    [InlineData("validate", "FIXTURE")]
    [InlineData("validate", "FIXTURE", "--mandataire", "estrie", "--colour")]
    [InlineData("validate", "FIXTURE", "--mandataire", "estrie", "--max-rows", "beaucoup")]
    public async Task Usage_mistakes_exit_2_with_nothing_on_standard_output(params string[] args)
    {
        var resolved = args.Select(a => a == "FIXTURE" ? Fixture.PathOf("accepted/utf8-comma.csv") : a).ToArray();

        var (exit, output, error) = await RunAsync(null, resolved);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("usage: solidarite validate", error);
    }

    [Fact]
    public async Task An_unknown_mandataire_is_a_rejected_report()
    {
        var (exit, output, _) = await RunAsync(null, "validate", Fixture.PathOf("accepted/utf8-comma.csv"), "--mandataire", "atlantide", "--json");

        Assert.Equal(1, exit);
        Assert.Equal("unknown-mandataire", JsonDocument.Parse(output).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_workbook_whose_header_label_is_a_300_MB_string_exits_1_with_a_small_json_report()
    {
        // The JSON writer refused the 314 572 800-character label and the command died with exit 134.
        var bytes = HostileFiles.Workbook(
            rows: w =>
            {
                w.Write(HostileFiles.InlineRow(1, HostileFiles.Labels).Replace("</row>", """<c r="Q1" t="s"><v>0</v></c></row>""", StringComparison.Ordinal));
                w.Write(HostileFiles.InlineRow(2, HostileFiles.Project(1)));
            },
            sharedStrings: w =>
            {
                w.Write("<si><t>");
                HostileFiles.WriteFiller(w, 300L * 1024 * 1024);
                w.Write("</t></si>");
            });
        var path = Path.Combine(Path.GetTempPath(), $"solidarite-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (exit, output, _) = await RunAsync(null, "validate", path, "--mandataire", "estrie", "--json");

            Assert.Equal(1, exit);
            Assert.InRange(output.Length, 1, 16 * 1024);
            using var json = JsonDocument.Parse(output);
            var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal("constraint-error", error.GetProperty("code").GetString());
            Assert.Equal(201, error.GetProperty("value").GetString()!.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
