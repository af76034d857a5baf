namespace SolidaritePipeline.Ingestion;

/// <summary>What an upload's blob name says: where its report and original go, and whether it is a valid path.</summary>
/// <param name="Folder">The folder its report, original and <c>Submissions</c> row are filed under: the
/// mandataire folder in lower case when it is a plain code, else <c>_racine</c> (no folder) or <c>_invalide</c>.</param>
/// <param name="FileName">The file name its original is stored under: the uploaded one when it is safe, else <see cref="UploadName.ReplacementFileName"/>.</param>
/// <param name="Problem">Why the name is a <c>path-error</c>, in English for logs; null when it is valid.</param>
public sealed record UploadNameCheck(string Folder, string FileName, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// The rule for upload names: exactly <c>{mandataire}/{file}</c>, before and after URL-decoding; no
/// <c>.</c> or <c>..</c> segment, no segment ending with a dot, no backslash, no control character;
/// the mandataire folder a plain code (letters, digits, <c>-</c>, <c>_</c>, at most 63); and the
/// archived name <c>{mandataire}/{submissionId}/{file}</c> within Azure's 1,024 characters. A name
/// that breaks it is a <c>path-error</c>, filed under a folder and a file name that are safe to put in
/// blob names and table keys, whatever the upload was called.
/// </summary>
public static class UploadName
{
    /// <summary>Azure's limit on a blob name, in characters.</summary>
    public const int MaxBlobNameLength = 1024;

    public const int MaxFolderLength = 63;

    /// <summary><c>yyyyMMddTHHmmssfffZ-</c> and 12 hex digits (<see cref="UploadIdentity"/>).</summary>
    public const int SubmissionIdLength = 32;

    public const string RootFolder = "_racine";
    public const string InvalidFolder = "_invalide";
    public const string ReplacementFileName = "nom-invalide";

    /// <summary>The longest file name whose archive name <c>{folder}/{submissionId}/{file}</c> fits in a blob name.</summary>
    public static int MaxFileNameLength(string folder) => MaxBlobNameLength - folder.Length - SubmissionIdLength - 2;

    public static UploadNameCheck Check(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var parts = blobName.Split('/');
        // Codes are case-insensitive (design.md section 7): uploads/ESTRIE/ is filed, keyed and totalled as estrie,
        // so one mandataire never has two rows. The upload's own blob keeps its name.
        var folder = parts.Length == 1 ? RootFolder : IsPlainCode(parts[0]) ? parts[0].ToLowerInvariant() : InvalidFolder;
        var last = parts[^1];
        var fileName = SegmentProblem(last) is null && last.Length <= MaxFileNameLength(folder) ? last : ReplacementFileName;
        return new UploadNameCheck(folder, fileName, Problem(blobName, parts, folder));
    }

    /// <summary>Why <c>{mandataire}/{fileName}</c> could not be uploaded, or null when it can (for <c>solidarite upload</c>).</summary>
    public static string? ProblemWith(string mandataire, string fileName) => Check($"{mandataire}/{fileName}").Problem;

    private static string? Problem(string blobName, string[] parts, string folder)
    {
        if (parts.Length != 2) return parts.Length == 1 ? "not in a mandataire folder" : "not exactly {mandataire}/{file}";
        if (!IsPlainCode(parts[0])) return "the mandataire folder is not a code (letters, digits, '-', '_', at most 63)";
        if (SegmentProblem(parts[1]) is { } fileProblem) return fileProblem;
        if (parts[1].Length > MaxFileNameLength(folder)) return $"the file name is over {MaxFileNameLength(folder)} characters";

        // Checked again as a server or a URI parser would read it once decoded: %2F, %5C and %2E%2E hide separators and dot segments.
        var decoded = Decode(blobName);
        if (decoded == blobName) return null;
        var decodedParts = decoded.Split('/');
        if (decodedParts.Length != 2) return "a percent-encoded '/' hides another folder";
        return (SegmentProblem(decodedParts[0]) ?? SegmentProblem(decodedParts[1])) is { } decodedProblem
            ? $"once URL-decoded, {decodedProblem}"
            : null;
    }

    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0) return "an empty segment";
        if (segment is "." or "..") return "a '.' or '..' segment";
        if (segment[^1] == '.') return "a segment ending with '.'";
        foreach (var c in segment)
        {
            if (c == '\\') return "a backslash";
            if (char.IsControl(c)) return "a control character";
        }

        return null;
    }

    // Letters and digits of any script (codes are case-insensitive), '-' and '_': safe in blob names and table keys.
    private static bool IsPlainCode(string segment)
    {
        if (segment.Length is 0 or > MaxFolderLength) return false;
        foreach (var c in segment)
        {
            if (!(char.IsLetterOrDigit(c) || c is '-' or '_')) return false;
        }

        return true;
    }

    // Until stable, a few rounds at most: %252E is %2E once decoded, then '.'.
    private static string Decode(string name)
    {
        for (var i = 0; i < 4; i++)
        {
            var next = Uri.UnescapeDataString(name);
            if (next == name) return name;
            name = next;
        }

        return name;
    }
}
