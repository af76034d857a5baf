using SolidaritePipeline.Cli;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Tools.Templates;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Templates;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static (CliContext Context, StringWriter Out, StringWriter Error) Context()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, TimeProvider.System, _ => null, CancellationToken.None), output, error);
    }

    [Fact]
    public async Task Template_writes_the_xlsx_and_csv_and_prints_where()
    {
        var (context, output, _) = Context();

        var exit = await CliApp.RunAsync(["template", "--out", _directory, "--mandataire", "laval"], context);

        Assert.Equal(CliApp.ExitOk, exit);
        var xlsx = Path.Combine(_directory, SubmissionTemplate.XlsxFileName);
        var csv = Path.Combine(_directory, SubmissionTemplate.CsvFileName);
        Assert.Equal([xlsx, csv], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(";Laval;", File.ReadAllText(csv), StringComparison.Ordinal);
        await using var stream = File.OpenRead(xlsx);
        var rows = XlsxSheetReader.ReadRows(stream, new ValidationOptions(), CancellationToken.None).ToList();
        Assert.Contains(new SourceCell("Laval"), rows[1].Cells);
    }

    [Fact]
    public async Task An_unknown_mandataire_is_a_usage_error()
    {
        var (context, _, error) = Context();

        var exit = await CliApp.RunAsync(["template", "--out", _directory, "--mandataire", "atlantide"], context);

        Assert.Equal(CliApp.ExitUsage, exit);
        Assert.Contains("atlantide", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task The_output_directory_is_required()
    {
        var (context, _, _) = Context();

        Assert.Equal(CliApp.ExitUsage, await CliApp.RunAsync(["template"], context));
    }
}
