using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SolidaritePipeline.Infra.Tests;

public partial class ParameterFileTests
{
    public static TheoryData<string> ParameterFiles() => new(InfraFiles.ParameterFiles());

    [Fact]
    public void Production_publishes_open_data_and_development_keeps_everything_private()
    {
        Assert.True(Parameter("env/prod.bicepparam", "openDataPublicRead")!.GetValue<bool>());
        Assert.False(Parameter("env/dev.bicepparam", "openDataPublicRead")!.GetValue<bool>());
        // azd environments stay private unless someone sets SOLIDARITE_OPENDATA_PUBLIC_READ=true.
        Assert.False(Parameter("main.bicepparam", "openDataPublicRead")!.GetValue<bool>());
    }

    [Fact]
    public void Production_storage_survives_the_loss_of_a_zone()
    {
        Assert.Equal("Standard_ZRS", Parameter("env/prod.bicepparam", "storageSku")!.GetValue<string>());
        Assert.Equal("prod", Parameter("env/prod.bicepparam", "environmentName")!.GetValue<string>());
        Assert.Equal("dev", Parameter("env/dev.bicepparam", "environmentName")!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Parameter_file_holds_no_secret(string file)
    {
        var source = File.ReadAllText(InfraFiles.PathOf(file));
        var built = InfraBuild.Current.ParametersJson(file);

        foreach (var text in new[] { source, built })
        {
            Assert.DoesNotMatch(SecretLike(), text);
        }
        Assert.DoesNotContain("reference", JsonNode.Parse(built)!["parameters"]!.AsObject().Select(parameter => parameter.Key));
        Assert.DoesNotContain("getSecret", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_detector_recognises_a_storage_key_and_a_sas()
    {
        Assert.Matches(SecretLike(), "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc");
        Assert.Matches(SecretLike(), "https://x.blob.core.windows.net/uploads/a?sv=2024-08-04&sig=abcd%3D");
        Assert.Matches(SecretLike(), "param password = 'hunter2'");
    }

    private static JsonNode? Parameter(string file, string name) =>
        JsonNode.Parse(InfraBuild.Current.ParametersJson(file))!["parameters"]![name]?["value"];

    [GeneratedRegex(@"AccountKey=|SharedAccessSignature|[?&]sig=|password|secret|client_secret|[A-Za-z0-9+/]{60,}={0,2}", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();
}
