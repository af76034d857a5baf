using System.Buffers;
using System.Text;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using SolidaritePipeline.Reading;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Tests.Reading;

/// <summary>
/// The JSON reader as it was before it handed the validator spans (a string per cell), kept
/// as the reference the span reader is held to (<c>JsonSpanPropertyTests</c>), unchanged but for a
/// property name holding half a surrogate pair, which is now the lone-surrogate error in both.
/// Streams a JSON submission with <see cref="Utf8JsonReader"/> over a window of the file (never a
/// DOM): an array of project objects, or <c>{ "exercice": …, "projets": [ … ] }</c>. The header it
/// yields is the schema's field names, with the envelope's exercice as the default of that column;
/// each project is then a row whose cells follow <see cref="SchemaIndex.Fields"/>, with the issues of
/// its properties (unknown, given twice, not a scalar); row numbers are 1-based positions in the
/// array. An envelope's unknown property comes as <see cref="SourceNotes"/>. Numbers come as typed
/// cells in their JSON (invariant) spelling.
/// </summary>
internal sealed class PreviousJsonReader
{
    private readonly Stream _stream;
    private readonly int _maxDepth;
    private readonly int _maxProperties;
    private readonly int _maxTokenBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;
    private List<ReaderIssue>? _issues;

    private PreviousJsonReader(Stream stream, ReadingLimits options)
    {
        _stream = stream;
        _maxDepth = options.MaxJsonDepth;
        _maxProperties = options.MaxColumns > 0 ? options.MaxColumns : int.MaxValue;
        // A single token far beyond the cell limit is not project data; do not grow the window for it.
        _maxTokenBytes = options.MaxCellLength > 0 ? Math.Max(1024 * 1024, options.MaxCellLength * 8) : int.MaxValue;
        _state = new JsonReaderState(new JsonReaderOptions
        {
            MaxDepth = _maxDepth > 0 ? _maxDepth + 1 : 4096,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
    }

    private readonly record struct Token(JsonTokenType Type, int Depth, int Field, string? Text);

    /// <summary>The envelope's <c>exercice</c> value when the file is an object that has one (read ahead, so its place in the object does not matter).</summary>
    private static SourceCell? FindEnvelopeExercice(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        var reader = new PreviousJsonReader(stream, options);
        try
        {
            reader.SkipByteOrderMark();
            if (!reader.Next(out var top) || top.Type != JsonTokenType.StartObject) return null;
            while (reader.Next(out var token) && token.Type == JsonTokenType.PropertyName)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isExercice = token.Field == SchemaIndex.Exercice || (token.Text is { } name && SchemaIndex.FindByLabel(name) == SchemaIndex.Exercice);
                if (!reader.Next(out var value)) return null;
                if (isExercice && IsScalar(value.Type)) return new SourceCell(value.Text ?? "", value.Type == JsonTokenType.Number);
                reader.Skip(value);
            }

            return null;
        }
        catch (JsonException)
        {
            return null; // the main pass reports the malformed JSON
        }
        finally
        {
            reader.Release();
        }
    }

    /// <summary>
    /// The header, then every project of the file, in order. Throws <see cref="SubmissionFileException"/>
    /// for a malformed or misshapen file.
    /// </summary>
    public static IEnumerable<SourceRow> ReadRows(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var exercice = FindEnvelopeExercice(stream, options, cancellationToken);
        stream.Position = start;
        yield return SchemaHeader(exercice);

        var reader = new PreviousJsonReader(stream, options);
        try
        {
            foreach (var row in reader.ReadDocument(cancellationToken)) yield return row;
        }
        finally
        {
            reader.Release();
        }
    }

    private IEnumerable<SourceRow> ReadDocument(CancellationToken cancellationToken)
    {
        SkipByteOrderMark();
        if (!Next(out var top)) throw new SubmissionFileException(ReadFailure.EmptyFile);

        if (top.Type == JsonTokenType.StartArray)
        {
            foreach (var row in ReadProjects(cancellationToken)) yield return row;
        }
        else if (top.Type == JsonTokenType.StartObject)
        {
            var sawProjets = false;
            var sawExercice = false;
            while (Next(out var property) && property.Type == JsonTokenType.PropertyName)
            {
                var name = property.Field >= 0 ? SchemaIndex.Fields[property.Field].Name : property.Text!;
                var key = TextKey.Normalize(name);
                if (!Next(out var value)) break;

                // A second list or exercice would silently lose one of the two: the file says two things.
                if ((key == "projets" && sawProjets) || (key == "exercice" && sawExercice))
                    throw new SubmissionFileException(ReadFailure.JsonEnvelopeTwice, detail: key);
                if (key == "projets")
                {
                    if (value.Type != JsonTokenType.StartArray) throw new SubmissionFileException(ReadFailure.JsonShape);
                    sawProjets = true;
                    foreach (var row in ReadProjects(cancellationToken)) yield return row;
                }
                else
                {
                    if (key == "exercice") sawExercice = true;
                    else yield return new SourceNotes([Unknown(name)]);
                    Skip(value);
                }
            }

            if (!sawProjets) throw new SubmissionFileException(ReadFailure.JsonNoProjets);
        }
        else
        {
            throw new SubmissionFileException(ReadFailure.JsonShape);
        }

        // Reading on makes the reader refuse anything after the top-level value.
        if (Next(out _)) throw new SubmissionFileException(ReadFailure.JsonShape);
    }

    private IEnumerable<SourceRow> ReadProjects(CancellationToken cancellationToken)
    {
        var position = 0;
        while (Next(out var item) && item.Type != JsonTokenType.EndArray)
        {
            cancellationToken.ThrowIfCancellationRequested();
            position++;
            if (item.Type != JsonTokenType.StartObject)
                throw new SubmissionFileException(ReadFailure.JsonProjectNotObject, position);

            _issues = null;
            SourceCell[] cells;
            ExceptionDispatchInfo? failure = null;
            try
            {
                cells = ReadProject(position);
            }
            catch (SubmissionFileException e) when (_issues is not null)
            {
                // What the project showed before the file broke is still said, as it was found.
                cells = [];
                failure = ExceptionDispatchInfo.Capture(e);
            }

            if (failure is not null)
            {
                yield return new SourceNotes(_issues!, position);
                failure.Throw();
            }

            yield return new SourceRow(position, cells) { Issues = _issues };
        }
    }

    // One project's properties as cells, in schema order; its issues go to _issues.
    private SourceCell[] ReadProject(int position)
    {
        var cells = new SourceCell[SchemaIndex.Count];
        Array.Fill(cells, SourceCell.Empty);
        var seen = new bool[SchemaIndex.Count];
        var properties = 0;
        while (Next(out var property) && property.Type == JsonTokenType.PropertyName)
        {
            // A project's properties are its columns: the same bound as a header's width.
            if (++properties > _maxProperties)
                throw new SubmissionFileException(ReadFailure.TooManyProperties, position, _maxProperties);
            var field = property.Field >= 0 ? property.Field : SchemaIndex.FindByLabel(property.Text);
            if (!Next(out var value)) break;
            if (field < 0)
            {
                (_issues ??= []).Add(Unknown(property.Text!));
                Skip(value);
                continue;
            }

            // Skip first: a value nested too deep is a file error, reported alone.
            Skip(value);
            if (seen[field])
            {
                (_issues ??= []).Add(new ReaderIssue(ReaderIssueKind.DuplicateProperty, field, property.Text ?? SchemaIndex.Fields[field].Name));
            }
            else if (!IsScalar(value.Type))
            {
                (_issues ??= []).Add(new ReaderIssue(ReaderIssueKind.NotScalar, field, SchemaIndex.Fields[field].Name));
            }
            else
            {
                cells[field] = new SourceCell(value.Text ?? "", value.Type == JsonTokenType.Number);
            }

            seen[field] = true;
        }

        return cells;
    }

    private static SourceHeader SchemaHeader(SourceCell? exercice)
    {
        var labels = new SourceCell[SchemaIndex.Count];
        for (var f = 0; f < labels.Length; f++) labels[f] = new SourceCell(SchemaIndex.Fields[f].Name);
        SourceCell?[]? defaults = null;
        if (exercice is { } envelope)
        {
            defaults = new SourceCell?[SchemaIndex.Count];
            defaults[SchemaIndex.Exercice] = envelope;
        }

        return new SourceHeader(0, labels) { Defaults = defaults };
    }

    // Kept up to what a report can echo of it: a file of huge property names holds no more than that per name.
    private static ReaderIssue Unknown(string name) =>
        new(ReaderIssueKind.UnknownProperty, -1, name.Length > EchoedText.MaxMessageLength ? name[..EchoedText.MaxMessageLength] : name);

    private static bool IsScalar(JsonTokenType type) =>
        type is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;

    /// <summary>Skips the rest of a value whose first token was <paramref name="first"/>.</summary>
    private void Skip(Token first)
    {
        if (first.Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        while (Next(out var token))
        {
            if (token.Type is JsonTokenType.EndObject or JsonTokenType.EndArray && token.Depth == first.Depth) return;
        }
    }

    private void SkipByteOrderMark()
    {
        Fill();
        if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start += 3;
    }

    private bool Next(out Token token)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (TryRead(ref reader))
            {
                token = Capture(ref reader);
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return true;
            }

            if (_final)
            {
                token = default;
                return false;
            }

            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            Fill();
        }
    }

    private bool TryRead(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            // Line and position count from 0 in the exception, from 1 for the person reading the report.
            throw new SubmissionFileException(ReadFailure.MalformedJson, null, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
    }

    private Token Capture(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (_maxDepth > 0 && depth + 1 > _maxDepth)
                    throw new SubmissionFileException(ReadFailure.JsonTooDeep, null, _maxDepth);
                return new Token(reader.TokenType, depth, -1, null);
            case JsonTokenType.PropertyName:
                for (var i = 0; i < SchemaIndex.Utf8Names.Length; i++)
                {
                    if (ValueTextEquals(ref reader, SchemaIndex.Utf8Names[i])) return new Token(reader.TokenType, depth, i, null);
                }

                return new Token(reader.TokenType, depth, -1, Text(ref reader));
            case JsonTokenType.String:
                return new Token(reader.TokenType, depth, -1, Text(ref reader));
            case JsonTokenType.Number:
                return new Token(reader.TokenType, depth, -1, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new Token(reader.TokenType, depth, -1, "true");
            case JsonTokenType.False:
                return new Token(reader.TokenType, depth, -1, "false");
            default:
                return new Token(reader.TokenType, depth, -1, null);
        }
    }

    // The one change since: a name holding half a surrogate pair was an unforeseen exception, not the lone-surrogate error.
    private static bool ValueTextEquals(ref Utf8JsonReader reader, byte[] name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            throw new SubmissionFileException(ReadFailure.JsonLoneSurrogate);
        }
    }

    // JSON lets an escape name half of a surrogate pair (\ud800 alone), which is no text at all.
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new SubmissionFileException(ReadFailure.JsonLoneSurrogate);
        }
    }

    // Moves what is left to the front of the window and reads more; grows the window only for a token longer than it.
    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxTokenBytes)
                throw new SubmissionFileException(ReadFailure.JsonValueTooLong);
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        _end += read;
    }

    private void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
