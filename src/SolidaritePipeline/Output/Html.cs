using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SolidaritePipeline.Output;

/// <summary>
/// The one HTML encoder of the project, for every value from data written into a page (text content
/// or an attribute value between double quotes): System.Text.Encodings.Web's <see cref="HtmlEncoder"/>,
/// which encodes the markup characters and keeps accents readable in the source. The validation
/// report and the snapshot page use it; their markup is the program's own.
/// </summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
