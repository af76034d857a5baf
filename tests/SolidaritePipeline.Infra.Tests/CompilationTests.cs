namespace SolidaritePipeline.Infra.Tests;

/// <summary>Every Bicep and parameter file compiles and lints with no diagnostic at all.</summary>
public class CompilationTests
{
    public static TheoryData<string> BicepFiles() => new(InfraFiles.BicepFiles());

    public static TheoryData<string> ParameterFiles() => new(InfraFiles.ParameterFiles());

    [Fact]
    public void The_infra_folder_has_the_main_template_its_modules_the_subscription_and_environments()
    {
        var files = InfraFiles.BicepFiles();
        Assert.Contains("main.bicep", files);
        Assert.Contains("eventgrid.bicep", files);
        Assert.Contains("modules/storage.bicep", files);
        Assert.Contains("modules/functionapp.bicep", files);
        Assert.Contains("modules/monitoring.bicep", files);
        Assert.Contains("modules/eventgrid-topic.bicep", files);
        Assert.Contains("env/prod.bicepparam", InfraFiles.ParameterFiles());
        Assert.Contains("env/dev.bicepparam", InfraFiles.ParameterFiles());
        Assert.Contains("main.bicepparam", InfraFiles.ParameterFiles());
    }

    [Fact]
    public void Building_linting_and_building_parameters_report_nothing_at_all()
    {
        var build = InfraBuild.Current;

        Assert.True(build.Build.IsClean, $"bicep build: {build.Build}");
        Assert.True(build.Lint.IsClean && string.IsNullOrWhiteSpace(build.Lint.StandardOutput), $"bicep lint: {build.Lint}\n{build.Lint.StandardOutput}");
        Assert.True(build.BuildParams.IsClean, $"bicep build-params: {build.BuildParams}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_file_builds_without_errors_or_warnings(string file)
    {
        var build = InfraBuild.Current;

        Assert.Empty(InfraBuild.DiagnosticsFor(build.Build, file));
        Assert.NotEmpty(build.Template(file).Root["$schema"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    [MemberData(nameof(ParameterFiles))]
    public void File_passes_the_linter_without_warnings(string file)
    {
        Assert.Empty(InfraBuild.DiagnosticsFor(InfraBuild.Current.Lint, file));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Parameter_file_builds_into_deployment_parameters(string file)
    {
        var build = InfraBuild.Current;

        Assert.Empty(InfraBuild.DiagnosticsFor(build.BuildParams, file));
        Assert.Contains("\"environmentName\"", build.ParametersJson(file), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lint_check_sees_a_warning_when_there_is_one()
    {
        // Guards the guard: lint exits 0 on warnings, so the tests must read its output.
        var directory = Directory.CreateTempSubdirectory("solidarite-lint-");
        var path = Path.Combine(directory.FullName, "unused.bicep");
        File.WriteAllText(path, "param unused string\n");
        try
        {
            var result = Bicep.Run(["lint", path]);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("no-unused-params", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
            Assert.False(result.IsClean && string.IsNullOrWhiteSpace(result.StandardOutput));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
