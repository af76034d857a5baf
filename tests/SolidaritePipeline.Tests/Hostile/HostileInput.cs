namespace SolidaritePipeline.Tests.Hostile;

/// <summary>
/// What the report of a hostile input must say. <see cref="Accepted"/> null means either verdict is
/// right (the input is odd but the design leaves the outcome open); <see cref="AnyOf"/> lists the
/// error codes of which at least one must be reported, on <see cref="Field"/> when it is set.
/// </summary>
internal sealed record Expectation(bool? Accepted, IReadOnlyList<string> AnyOf, string? Field = null, string? WarningOn = null, string? NeverCode = null)
{
    public static Expectation Accept() => new(true, []);

    /// <summary>Accepted, with a warning about <paramref name="field"/>.</summary>
    public static Expectation AcceptWithWarningOn(string field) => new(true, [], WarningOn: field);

    /// <summary>Rejected with one of <paramref name="codes"/> (any error when none is given).</summary>
    public static Expectation Reject(params string[] codes) => new(false, codes);

    public static Expectation RejectOn(string field, params string[] codes) => new(false, codes, field);

    public static Expectation Either() => new(null, []);

    public Expectation Without(string code) => this with { NeverCode = code };

    public override string ToString() =>
        (Accepted switch { true => "accepted", false => "rejected", null => "accepted or rejected" })
        + (AnyOf.Count > 0 ? $" with {string.Join(" or ", AnyOf)}" : "")
        + (Field is null ? "" : $" on {Field}")
        + (WarningOn is null ? "" : $", a warning on {WarningOn}")
        + (NeverCode is null ? "" : $", never {NeverCode}");
}

/// <summary>
/// One input of the hostile corpus: a unique name, its class, the file name the validator sees, what
/// its report must say, and how its bytes are written. <see cref="Big"/> inputs are the few large
/// files within the size limit, and the files of 200 000 rows, whose peak memory is measured in a
/// child process.
/// </summary>
internal sealed record HostileInput(
    string Name,
    string Class,
    string FileName,
    Expectation Expected,
    Action<Stream> Write,
    bool Big = false,
    string Mandataire = "estrie")
{
    public override string ToString() => Name;

    public byte[] Bytes()
    {
        using var buffer = new MemoryStream();
        Write(buffer);
        return buffer.ToArray();
    }

    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(file);
    }
}
