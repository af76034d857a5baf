using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Reading;

/// <summary>
/// Streams a JSON submission with <see cref="Utf8JsonReader"/> over a window of the file (never a
/// DOM): an array of project objects, or <c>{ "exercice": …, "projets": [ … ] }</c>. It yields the
/// schema's field names as the header, with the envelope's exercice as the default of that column,
/// an envelope's unknown property as <see cref="SourceNotes"/>, and each project in turn as the
/// current project: its values, unescaped into one character buffer reused project after project,
/// by schema field (<see cref="SchemaIndex.Fields"/>), with the issues of its properties (unknown,
/// given twice, not a scalar). A value becomes a string only when its reader keeps it. Row numbers
/// are 1-based positions in the array. Numbers are typed values in their JSON (invariant) spelling.
/// </summary>
internal sealed class JsonSubmissionReader : IDisposable
{
    private static readonly char[] TrueText = ['t', 'r', 'u', 'e'];
    private static readonly char[] FalseText = ['f', 'a', 'l', 's', 'e'];

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

    // The current project: field f is _chars[_starts[f].._starts[f]+_lengths[f]]. A value being read
    // is written at _used and kept only if the project keeps it.
    private char[] _chars = new char[4096];
    private int _used;
    private readonly int[] _starts = new int[SchemaIndex.Count];
    private readonly int[] _lengths = new int[SchemaIndex.Count];
    private readonly bool[] _typed = new bool[SchemaIndex.Count];
    private readonly bool[] _seen = new bool[SchemaIndex.Count];
    private IEnumerator<SourceRow?>? _items;
    private int _nextField;

    private JsonSubmissionReader(Stream stream, ReadingLimits options)
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

    // A property name is its schema field, or its text when it is none; a value is its text in _chars.
    private readonly record struct Token(JsonTokenType Type, int Depth, int Field, string? Name, int Start = 0, int Length = 0);

    /// <summary>The header, or a note, when one is current; null when the current item is a project.</summary>
    public SourceRow? Current { get; private set; }

    /// <summary>The current project's 1-based position in the array.</summary>
    public int RowNumber { get; private set; }

    /// <summary>What the current project's properties showed (null when nothing), in the order found.</summary>
    public IReadOnlyList<ReaderIssue>? Issues => _issues;

    /// <summary>The current project's value of schema field <paramref name="field"/> (empty when absent or null), valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<char> this[int field] => _chars.AsSpan(_starts[field], _lengths[field]);

    /// <summary>True when the current project's value of <paramref name="field"/> is a JSON number.</summary>
    public bool IsTyped(int field) => _typed[field];

    /// <summary>
    /// Opens a JSON submission; nothing is read until <see cref="MoveNext"/>. Reading throws
    /// <see cref="SubmissionFileException"/> for a malformed or misshapen file.
    /// </summary>
    public static JsonSubmissionReader Open(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        var reader = new JsonSubmissionReader(stream, options);
        reader._items = reader.ReadItems(options, cancellationToken).GetEnumerator();
        return reader;
    }

    /// <summary>Reads the header, then the next note or project; false at the end of the file.</summary>
    public bool MoveNext()
    {
        if (!_items!.MoveNext()) return false;
        Current = _items.Current;
        return true;
    }

    /// <summary>The header, then every project of the file as a row of strings, in order.</summary>
    public static IEnumerable<SourceRow> ReadRows(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        using var reader = Open(stream, options, cancellationToken);
        while (reader.MoveNext()) yield return reader.Current ?? reader.ProjectRow();
    }

    private SourceRow ProjectRow()
    {
        var cells = new SourceCell[SchemaIndex.Count];
        for (var f = 0; f < cells.Length; f++)
            cells[f] = _lengths[f] == 0 ? SourceCell.Empty : new SourceCell(new string(this[f]), _typed[f]);
        return new SourceRow(RowNumber, cells) { Issues = _issues };
    }

    private IEnumerable<SourceRow?> ReadItems(ReadingLimits options, CancellationToken cancellationToken)
    {
        var start = _stream.Position;
        var exercice = FindEnvelopeExercice(_stream, options, cancellationToken);
        _stream.Position = start;
        yield return SchemaHeader(exercice);
        foreach (var item in ReadDocument(cancellationToken)) yield return item;
    }

    /// <summary>The envelope's <c>exercice</c> value when the file is an object that has one (read ahead, so its place in the object does not matter).</summary>
    private static SourceCell? FindEnvelopeExercice(Stream stream, ReadingLimits options, CancellationToken cancellationToken)
    {
        using var reader = new JsonSubmissionReader(stream, options);
        try
        {
            reader.SkipByteOrderMark();
            if (!reader.Next(out var top) || top.Type != JsonTokenType.StartObject) return null;
            while (reader.Next(out var token) && token.Type == JsonTokenType.PropertyName)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isExercice = token.Field == SchemaIndex.Exercice || (token.Name is { } name && SchemaIndex.FindByLabel(name) == SchemaIndex.Exercice);
                if (!reader.Next(out var value)) return null;
                if (isExercice && IsScalar(value.Type))
                    return new SourceCell(new string(reader._chars, value.Start, value.Length), value.Type == JsonTokenType.Number);
                reader.Skip(value);
            }

            return null;
        }
        catch (JsonException)
        {
            return null; // the main pass reports the malformed JSON
        }
    }

    private IEnumerable<SourceRow?> ReadDocument(CancellationToken cancellationToken)
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
                var name = property.Field >= 0 ? SchemaIndex.Fields[property.Field].Name : property.Name!;
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

    // Yields null for each project read into the reader's state, or the notes of a project the file broke off in.
    private IEnumerable<SourceRow?> ReadProjects(CancellationToken cancellationToken)
    {
        var position = 0;
        while (Next(out var item) && item.Type != JsonTokenType.EndArray)
        {
            cancellationToken.ThrowIfCancellationRequested();
            position++;
            if (item.Type != JsonTokenType.StartObject)
                throw new SubmissionFileException(ReadFailure.JsonProjectNotObject, position);

            _issues = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                ReadProject(position);
            }
            catch (SubmissionFileException e) when (_issues is not null)
            {
                // What the project showed before the file broke is still said, as it was found.
                failure = ExceptionDispatchInfo.Capture(e);
            }

            if (failure is not null)
            {
                yield return new SourceNotes(_issues!, position);
                failure.Throw();
            }

            RowNumber = position;
            yield return null;
        }
    }

    // One project's properties into the field table; its issues go to _issues. One reader reads them
    // all, rather than one made per token from the saved state (which cost more than the tokens).
    private void ReadProject(int position)
    {
        _used = 0;
        Array.Clear(_lengths);
        Array.Clear(_typed);
        Array.Clear(_seen);
        var reader = Resume();
        ReadProperties(ref reader, position);
        Save(ref reader);
    }

    private void ReadProperties(ref Utf8JsonReader reader, int position)
    {
        var properties = 0;
        while (Next(ref reader, out var property) && property.Type == JsonTokenType.PropertyName)
        {
            // A project's properties are its columns: the same bound as a header's width.
            if (++properties > _maxProperties)
                throw new SubmissionFileException(ReadFailure.TooManyProperties, position, _maxProperties);
            var field = property.Field >= 0 ? property.Field : SchemaIndex.FindByLabel(property.Name);
            if (!Next(ref reader, out var value)) break;
            if (field < 0)
            {
                (_issues ??= []).Add(Unknown(property.Name!));
                Skip(ref reader, value);
                continue;
            }

            // Skip first: a value nested too deep is a file error, reported alone.
            Skip(ref reader, value);
            if (_seen[field])
            {
                (_issues ??= []).Add(new ReaderIssue(ReaderIssueKind.DuplicateProperty, field, property.Name ?? SchemaIndex.Fields[field].Name));
            }
            else if (!IsScalar(value.Type))
            {
                (_issues ??= []).Add(new ReaderIssue(ReaderIssueKind.NotScalar, field, SchemaIndex.Fields[field].Name));
            }
            else
            {
                // A scalar's Skip reads nothing: its text is still the last written at _used.
                _starts[field] = value.Start;
                _lengths[field] = value.Length;
                _typed[field] = value.Type == JsonTokenType.Number;
                _used = value.Start + value.Length;
            }

            _seen[field] = true;
        }
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
        var reader = Resume();
        Skip(ref reader, first);
        Save(ref reader);
    }

    private void Skip(ref Utf8JsonReader reader, Token first)
    {
        if (first.Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        while (Next(ref reader, out var token))
        {
            if (token.Type is JsonTokenType.EndObject or JsonTokenType.EndArray && token.Depth == first.Depth) return;
        }
    }

    private void SkipByteOrderMark()
    {
        // A stream may hand out fewer bytes than asked: the mark is looked for in three of them.
        do Fill();
        while (_end - _start < 3 && !_final);
        if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start += 3;
    }

    private bool Next(out Token token)
    {
        var reader = Resume();
        if (!Next(ref reader, out token)) return false;
        Save(ref reader);
        return true;
    }

    // The next token, read on with the reader over the window; the window is moved and filled when it runs out.
    private bool Next(ref Utf8JsonReader reader, out Token token)
    {
        while (true)
        {
            if (TryRead(ref reader))
            {
                token = Capture(ref reader);
                return true;
            }

            if (_final)
            {
                token = default;
                return false;
            }

            Save(ref reader);
            Fill();
            reader = Resume();
        }
    }

    // A reader over what is left of the window, where the last one stopped.
    private Utf8JsonReader Resume() => new(_buffer.AsSpan(_start, _end - _start), _final, _state);

    private void Save(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private static bool TryRead(ref Utf8JsonReader reader)
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

    // Every string is decoded, kept or not (a skipped value too): a lone surrogate anywhere fails the file.
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
                var field = FieldOf(ref reader);
                return new Token(reader.TokenType, depth, field, field >= 0 ? null : Name(ref reader));
            case JsonTokenType.String:
                return new Token(reader.TokenType, depth, -1, null, _used, CopyString(ref reader));
            case JsonTokenType.Number:
                // A number token is ASCII: one character per byte.
                var digits = reader.ValueSpan;
                var length = Encoding.UTF8.GetChars(digits, Room(digits.Length));
                return new Token(reader.TokenType, depth, -1, null, _used, length);
            case JsonTokenType.True:
                TrueText.CopyTo(Room(TrueText.Length));
                return new Token(reader.TokenType, depth, -1, null, _used, TrueText.Length);
            case JsonTokenType.False:
                FalseText.CopyTo(Room(FalseText.Length));
                return new Token(reader.TokenType, depth, -1, null, _used, FalseText.Length);
            default:
                return new Token(reader.TokenType, depth, -1, null, _used);
        }
    }

    // Projects mostly list their properties in one order: the field after the last one found is tried first.
    private int FieldOf(ref Utf8JsonReader reader)
    {
        var names = SchemaIndex.Utf8Names;
        try
        {
            if (_nextField < names.Length && reader.ValueTextEquals(names[_nextField])) return _nextField++;
            for (var i = 0; i < names.Length; i++)
            {
                if (!reader.ValueTextEquals(names[i])) continue;
                _nextField = i + 1;
                return i;
            }

            return -1;
        }
        catch (InvalidOperationException)
        {
            // Comparing an escaped name unescapes it: half a surrogate pair is no name.
            throw new SubmissionFileException(ReadFailure.JsonLoneSurrogate);
        }
    }

    // JSON lets an escape name half of a surrogate pair (\ud800 alone), which is no text at all.
    private static string Name(ref Utf8JsonReader reader)
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

    // As Name, into the character buffer: UTF-8 never takes fewer bytes than UTF-16 takes characters, nor an escape.
    private int CopyString(ref Utf8JsonReader reader)
    {
        var room = Room(reader.ValueSpan.Length);
        try
        {
            return reader.CopyString(room);
        }
        catch (InvalidOperationException)
        {
            throw new SubmissionFileException(ReadFailure.JsonLoneSurrogate);
        }
    }

    // Space for a value of up to length characters at _used; the values kept before it move with the buffer.
    private Span<char> Room(int length)
    {
        if (_chars.Length - _used < length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + length));
        return _chars.AsSpan(_used, length);
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

    public void Dispose()
    {
        _items?.Dispose();
        _items = null;
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
