using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>Runs the validator over a fixture file of <c>tests/fixtures/submissions</c>.</summary>
internal static class Fixture
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 14, 3, 11, TimeSpan.Zero);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "submissions", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static async Task<(ValidationReport Report, List<Project> Projects)> ValidateAsync(
        string name, string mandataire = "estrie", ValidationOptions? options = null, bool seekable = true)
    {
        var bytes = Bytes(name);
        Stream content = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);
        return await ValidateAsync(content, Path.GetFileName(name), mandataire, options);
    }

    public static Task<(ValidationReport Report, List<Project> Projects)> ValidateTextAsync(
        string text, string fileName = "rapport.csv", string mandataire = "estrie", ValidationOptions? options = null) =>
        ValidateAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), fileName, mandataire, options);

    public static async Task<(ValidationReport Report, List<Project> Projects)> ValidateAsync(
        Stream content, string fileName, string mandataire = "estrie", ValidationOptions? options = null)
    {
        var projects = new List<Project>();
        var validator = new SubmissionValidator(ReferenceCatalog.Default, options);
        var file = new SubmissionFile(mandataire, $"uploads/{mandataire}/{fileName}", fileName, "test-submission", ReceivedAt);
        var report = await validator.ValidateAsync(content, file, projects.Add);
        return (report, projects);
    }

    public static IEnumerable<(string Code, int? Row, string? Field)> Issues(IEnumerable<ReportIssue> issues) =>
        issues.Select(i => (i.Code, i.Row, i.Field));

    /// <summary>A seekable stream that hands out at most a few bytes per read, so that a reader stops and resumes anywhere.</summary>
    public sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);
    }

    /// <summary>A download stream: reads forward only, in small uneven chunks.</summary>
    public sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 777), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
