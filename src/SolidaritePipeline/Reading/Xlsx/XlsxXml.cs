using System.Text;
using System.Xml;

namespace SolidaritePipeline.Reading.Xlsx;

/// <summary>
/// The plain <see cref="XmlReader"/> every part is read with. Text is read in chunks and kept up to a
/// given length, so a 300 MB string in a 3 MB workbook is scanned, never held.
/// </summary>
internal static class XlsxXml
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The Strict Open XML spelling of the same namespace.</summary>
    public const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    /// <summary>
    /// A reader over a part's counted bytes, which it closes: no DTD (a DOCTYPE is an
    /// <see cref="XmlException"/>), no resolver, insignificant white space dropped, at most
    /// <paramref name="maxCharacters"/> characters.
    /// </summary>
    public static XmlReader Open(Stream counted, long maxCharacters) => XmlReader.Create(
        counted,
        new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
            MaxCharactersInDocument = maxCharacters,
        });

    /// <summary>Whether the reader is on an element of SpreadsheetML named <paramref name="localName"/>.</summary>
    public static bool Is(XmlReader reader, string localName) =>
        reader.LocalName == localName && reader.NamespaceURI is Main or StrictMain;

    /// <summary>
    /// Reads the text of the element the reader is on, up to its end tag, appending at most
    /// <paramref name="keep"/> characters to <paramref name="into"/> in all; returns how many
    /// characters the text really has. The reader ends on the element's end tag (or on the element
    /// itself when it is empty).
    /// </summary>
    public static long AppendText(XmlReader reader, StringBuilder into, int keep, char[] chunk)
    {
        if (reader.IsEmptyElement) return 0;
        long length = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    int read;
                    while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        length += read;
                        var room = keep - into.Length;
                        if (room > 0) into.Append(chunk, 0, Math.Min(room, read));
                    }

                    break;
                case XmlNodeType.EndElement:
                    return length;
                case XmlNodeType.Element:
                    throw XlsxErrors.Malformed($"<{reader.LocalName}> in a text element"); // text only, by the schema
            }
        }

        return length;
    }
}
