using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Validates the records of a large CSV file on several cores, with the same report and the same
/// projects, in the same order, as one thread. Records are read into batches, and every check that
/// needs no other row runs on another core (shape and cells, <see cref="RowValidator.CheckCells"/>)
/// into the batch's own values and a recording log. The batches are then taken in file order, one
/// thread at a time, for what depends on the rows before: counting rows against the limit, replaying
/// the batch's issues into the file's log, the rules across rows, handing projects on. A failure while
/// reading (a malformed record) is raised only once every record before it has been taken, as one
/// thread would have taken them.
/// </summary>
internal static class ParallelCsvValidation
{
    private const int BatchRows = 2_048;

    // Pieces a thread may have read ahead of the next one to take, per thread.
    private const int PiecesAheadPerThread = 2;

    /// <summary>
    /// Validates the records after the header, read in pieces (<paramref name="cuts"/>: where records
    /// start, the first being the end of the header) by up to <paramref name="parallelism"/> threads,
    /// each with its own decoder and Sep reader over its bytes, <paramref name="openRange"/> giving
    /// them. A thread that has read a piece takes it too, when the pieces before it are taken: it then
    /// takes every piece read after it, in file order, until one is still being read (by a thread that
    /// will take it in turn). The calling thread only waits, and raises what stopped them: a read
    /// failure once every record before it has been taken, the row limit, a failure of
    /// <c>onProject</c>, cancellation. When that happens the other threads stop, and are waited for,
    /// before this returns.
    /// </summary>
    /// <remarks>
    /// Taking on the thread that read the piece, rather than handing every batch to the calling
    /// thread, spares a third thread on the cores and each row's values a trip to another core's cache:
    /// on two cores it took 4–8 % less time and 5–9 % less CPU (docs/performance.md).
    /// </remarks>
    public static void RunInPieces(
        IReadOnlyList<CsvRecordCut> cuts,
        long length,
        Func<long, long, Stream> openRange,
        CsvLayout layout,
        int width,
        RowValidator rows,
        int parallelism,
        CancellationToken cancellationToken)
    {
        var pieces = new List<Piece>(cuts.Count);
        for (var i = 0; i < cuts.Count && cuts[i].Offset < length; i++)
        {
            var end = i + 1 < cuts.Count ? cuts[i + 1].Offset : length;
            pieces.Add(new Piece(cuts[i].Offset, Math.Min(end, length), cuts[i].RecordsBefore));
        }

        if (pieces.Count == 0) return;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var readers = new PieceReaders(pieces, openRange, layout, width, rows, parallelism, stop);
        var threads = new Task[Math.Min(parallelism, pieces.Count)];
        // Threads of their own, not the pool's: they wait (for their turn to open a piece) while holding them.
        for (var i = 0; i < threads.Length; i++)
            threads[i] = Task.Factory.StartNew(readers.ReadPieces, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            readers.WaitUntilEnded(cancellationToken);
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(threads, CancellationToken.None); // ReadPieces catches everything: waiting cannot throw
        }

        readers.Failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        if (!readers.AllTaken) throw new InvalidOperationException("A piece of the file was left untaken.");
    }

    /// <summary>Bytes [Start, End) of the file, whose first record has <c>RowsBefore</c> records before it.</summary>
    private readonly record struct Piece(long Start, long End, int RowsBefore);

    /// <summary>
    /// The threads' side: each takes the next piece in file order, reads its records into batches and
    /// checks them, then takes what is ready in file order (<see cref="TakeWhatIsReady"/>). A thread
    /// waits only before opening a piece more than <see cref="PiecesAheadPerThread"/> per thread ahead
    /// of the next one to take, so memory stays a few small pieces per thread whatever the file's size.
    /// </summary>
    private sealed class PieceReaders(
        List<Piece> pieces,
        Func<long, long, Stream> openRange,
        CsvLayout layout,
        int width,
        RowValidator rows,
        int parallelism,
        CancellationTokenSource stopAll) : IDisposable
    {
        private readonly CancellationToken _stop = stopAll.Token;
        // Not a ConcurrentBag: its per-thread lists would keep the batches alive on pool threads after the file is done.
        private readonly ConcurrentQueue<Batch> _free = new();
        private readonly SemaphoreSlim _open = new(parallelism * PiecesAheadPerThread + 1);
        private readonly ManualResetEventSlim _ended = new();
        // The batches of each piece read and not yet taken; null while it is being read, and once taken.
        private readonly List<Batch>?[] _read = new List<Batch>?[pieces.Count];
        private readonly Lock _failing = new();
        private int _next = -1;
        private int _turn;
        private int _nextToTake;

        /// <summary>What stopped the threads before every piece was taken, if anything did but the caller.</summary>
        public ExceptionDispatchInfo? Failure { get; private set; }

        public bool AllTaken => Volatile.Read(ref _nextToTake) == pieces.Count;

        /// <summary>Until every piece is taken, or something stopped the threads.</summary>
        public void WaitUntilEnded(CancellationToken cancellationToken) => _ended.Wait(cancellationToken);

        public void Dispose()
        {
            _open.Dispose();
            _ended.Dispose();
        }

        public void ReadPieces()
        {
            try
            {
                // One parser per thread, not per batch: the values it pools are learnt once per thread.
                var parser = rows.CellParserFor();
                var text = new PieceText();
                while (true)
                {
                    _open.Wait(_stop);
                    var index = Interlocked.Increment(ref _next);
                    if (index >= pieces.Count) return;
                    Volatile.Write(ref _read[index], Read(pieces[index], parser, text));
                    TakeWhatIsReady();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Another thread, or the caller, stopped them all.
            }
            catch (Exception e)
            {
                // Unforeseen outside a piece's records (Read keeps those in order).
                Fail(e);
            }
        }

        /// <summary>
        /// Takes the pieces read, in file order, from the next one to take, if no other thread is: one
        /// thread at a time holds the turn, and gives it back when the next piece is still being read.
        /// A piece read meanwhile is not missed: its thread asks for the turn after putting it down, and
        /// the thread giving the turn back looks again once it has.
        /// </summary>
        private void TakeWhatIsReady()
        {
            while (Interlocked.CompareExchange(ref _turn, 1, 0) == 0)
            {
                var next = _nextToTake;
                try
                {
                    while (next < pieces.Count && Volatile.Read(ref _read[next]) is { } batches)
                    {
                        _stop.ThrowIfCancellationRequested();
                        foreach (var batch in batches)
                        {
                            batch.TakeInOrder(rows);
                            batch.ReadFailure?.Throw();
                            _free.Enqueue(batch);
                        }

                        _read[next] = null;
                        Volatile.Write(ref _nextToTake, ++next);
                        _open.Release();
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return; // the turn is kept: nothing more is taken
                }
                catch (Exception e)
                {
                    // A read failure in its place, the row limit, a failure handing a project on: the file's end.
                    Fail(e);
                    return;
                }

                if (next == pieces.Count)
                {
                    _ended.Set();
                    return;
                }

                Interlocked.Exchange(ref _turn, 0);
                if (Volatile.Read(ref _read[next]) is null) return;
            }
        }

        private void Fail(Exception e)
        {
            lock (_failing) Failure ??= ExceptionDispatchInfo.Capture(e);
            stopAll.Cancel();
            _ended.Set();
        }

        // Every record of the piece, checked, in batches; a read failure ends the last one (in order: raised when taken).
        private List<Batch> Read(Piece piece, CellParser parser, PieceText text)
        {
            var read = new List<Batch>(1);
            var batch = Rent();
            try
            {
                using var bytes = openRange(piece.Start, piece.End);
                using var records = CsvRecords.OpenPiece(text.Start(bytes, layout.Encoding), layout, width, piece.RowsBefore);
                while (records.MoveNext(_stop))
                {
                    // A check that failed is raised at its row when the batch is taken: nothing after it is needed.
                    if (!batch.AddChecked(records, parser)) break;
                    if (batch.Count < BatchRows) continue;
                    read.Add(batch);
                    batch = Rent();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // A malformed record, or anything unforeseen: after the records read before it, as one thread would.
                batch.ReadFailure = ExceptionDispatchInfo.Capture(e);
            }

            // The batch rented after a full one, for records the piece turned out not to have, goes back.
            if (batch.Count > 0 || batch.ReadFailure is not null) read.Add(batch);
            else _free.Enqueue(batch);
            return read;
        }

        private Batch Rent()
        {
            var batch = _free.TryDequeue(out var free) ? free : new Batch(rows);
            batch.Reset();
            return batch;
        }
    }

    public static void Run(CsvRecords records, RowValidator rows, int parallelism, CancellationToken cancellationToken)
    {
        var pending = new Queue<Batch>();
        var free = new Stack<Batch>();
        var inFlight = Math.Max(2, parallelism * 2);
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            while (readFailure is null)
            {
                var batch = free.Count > 0 ? free.Pop() : new Batch(rows);
                batch.Reset();
                try
                {
                    while (batch.Count < BatchRows && records.MoveNext(cancellationToken)) batch.Add(records);
                }
                catch (Exception e)
                {
                    readFailure = ExceptionDispatchInfo.Capture(e);
                }

                var full = batch.Count == BatchRows;
                if (batch.Count > 0)
                {
                    // Batches run at once on the pool here: each has a parser of its own.
                    var parser = batch.OwnParser ??= rows.CellParserFor();
                    batch.Work = Task.Run(() => batch.Check(parser), CancellationToken.None);
                    pending.Enqueue(batch);
                }
                else
                {
                    free.Push(batch);
                }

                if (!full) break;
                while (pending.Count >= inFlight) Take(pending.Dequeue(), rows, free);
            }

            while (pending.Count > 0) Take(pending.Dequeue(), rows, free);
            readFailure?.Throw();
        }
        finally
        {
            // A failure of a later row, or of the caller, leaves batches running: let none outlive this call.
            // (Check catches everything, so waiting cannot throw.)
            foreach (var batch in pending) batch.Work?.Wait(CancellationToken.None);
        }
    }

    private static void Take(Batch batch, RowValidator rows, Stack<Batch> free)
    {
        batch.Work!.GetAwaiter().GetResult();
        batch.TakeInOrder(rows);
        free.Push(batch);
    }

    /// <summary>
    /// Up to <see cref="BatchRows"/> records and what checking them found: checked as they are read by
    /// a thread that reads a piece (<see cref="AddChecked"/>), or copied cell by cell to be checked on
    /// the pool (<see cref="Add"/>, then <see cref="Check"/>).
    /// </summary>
    private sealed class Batch
    {
        private readonly RowValidator _rows;
        private readonly IssueLog _log;
        private readonly ProjectBuilder[] _values = new ProjectBuilder[BatchRows];
        private readonly int[] _rowNumber = new int[BatchRows];
        private readonly int[] _lastFilledColumn = new int[BatchRows];
        private readonly int[] _firstCell = new int[BatchRows + 1];
        private readonly bool[] _blank = new bool[BatchRows];
        private readonly bool[] _complete = new bool[BatchRows];
        private readonly int[] _issuesEnd = new int[BatchRows];
        // Cells copied by Add, sized on its first call: a batch of AddChecked never copies any.
        private char[] _chars = [];
        private int[] _cellStart = [];
        private int[] _cellLength = [];
        private int _usedChars;
        private int _failedAt = -1;
        private ExceptionDispatchInfo? _failure;

        /// <summary>Set when reading stopped after this batch's records: raised once they are taken.</summary>
        public ExceptionDispatchInfo? ReadFailure { get; set; }

        public Batch(RowValidator rows)
        {
            _rows = rows;
            _log = IssueLog.Recorder(rows.Log);
        }

        public int Count { get; private set; }

        public Task? Work { get; set; }

        public void Reset()
        {
            Count = 0;
            _usedChars = 0;
            _failedAt = -1;
            _failure = null;
            ReadFailure = null;
            _log.ClearRecorded();
        }

        public void Add(CsvRecords record)
        {
            if (_chars.Length == 0)
            {
                _chars = new char[BatchRows * 256];
                _cellStart = new int[BatchRows * 20];
                _cellLength = new int[BatchRows * 20];
            }

            var chars = record.RowChars;
            if (_chars.Length - _usedChars < chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _usedChars + chars.Length));
            chars.CopyTo(_chars.AsSpan(_usedChars));

            var first = _firstCell[Count];
            var cells = record.Count;
            if (_cellStart.Length - first < cells)
            {
                Array.Resize(ref _cellStart, Math.Max(_cellStart.Length * 2, first + cells));
                Array.Resize(ref _cellLength, _cellStart.Length);
            }

            for (var i = 0; i < cells; i++)
            {
                _cellStart[first + i] = _usedChars + record.CellStart(i);
                _cellLength[first + i] = record[i].Length;
            }

            _usedChars += chars.Length;
            _rowNumber[Count] = record.RowNumber;
            _lastFilledColumn[Count] = record.LastFilledColumn ?? 0;
            _firstCell[++Count] = first + cells;
        }

        /// <summary>The parser of this batch alone, when batches are checked at once on the pool rather than by threads of their own.</summary>
        public CellParser? OwnParser { get; set; }

        /// <summary>
        /// On the thread that reads the record: checks it now, while its characters are in this core's
        /// cache, rather than copying them into the batch to check later. False when the check failed
        /// (it is raised at this row when the batch is taken).
        /// </summary>
        public bool AddChecked(CsvRecords record, CellParser parser)
        {
            var i = Count++;
            _rowNumber[i] = record.RowNumber;
            return CheckRow(i, new CsvRecordCells(record), record.LastFilledColumn, parser);
        }

        /// <summary>On another thread: the checks of each row added that need no other row, with a parser no other thread uses meanwhile.</summary>
        public void Check(CellParser parser)
        {
            for (var i = 0; i < Count; i++)
            {
                var last = _lastFilledColumn[i];
                if (!CheckRow(i, new BatchCells(this, i), last > 0 ? last : null, parser)) return;
            }
        }

        private bool CheckRow<TCells>(int i, TCells cells, int? lastFilledColumn, CellParser parser)
            where TCells : IRowCells
        {
            try
            {
                // Made when a row with values first needs it: a piece fills a few hundred of a batch's
                // rows, and the batches of a file outlive the collections while it is read (docs/performance.md).
                _blank[i] = RowValidator.AllBlank(cells);
                if (!_blank[i])
                {
                    var values = _values[i] ??= new ProjectBuilder(_log);
                    values.Log = _log;
                    values.Start(0);
                    _complete[i] = _rows.CheckCells(cells, _rowNumber[i], lastFilledColumn, readerFailed: false, parser, values);
                }
            }
            catch (Exception e)
            {
                _failedAt = i;
                _failure = ExceptionDispatchInfo.Capture(e);
                _issuesEnd[i] = _log.Recorded;
                return false;
            }

            _issuesEnd[i] = _log.Recorded;
            return true;
        }

        /// <summary>On the calling thread, in file order: what depends on the rows before.</summary>
        public void TakeInOrder(RowValidator rows)
        {
            // The project-number slots were hashed on another core: fetch them a few rows ahead here.
            const int Ahead = 8;
            for (var i = 0; i < Math.Min(Ahead, Count); i++) Prefetch(rows, i);

            var from = 0;
            for (var i = 0; i < Count; i++)
            {
                if (i + Ahead < Count) Prefetch(rows, i + Ahead);
                if (i == _failedAt)
                {
                    rows.CountRow(_rowNumber[i]);
                    _log.ReplayInto(rows.Log, from, _issuesEnd[i]);
                    _failure!.Throw();
                }

                if (_blank[i])
                {
                    rows.BlankRow(_rowNumber[i]);
                }
                else
                {
                    rows.CountRow(_rowNumber[i]);
                    _log.ReplayInto(rows.Log, from, _issuesEnd[i]);
                    _values[i].Log = rows.Log;
                    rows.Finish(_values[i], _rowNumber[i], _complete[i]);
                }

                from = _issuesEnd[i];
            }
        }

        // A blank row has no values of its own (its slot may hold an earlier row's, or none).
        private void Prefetch(RowValidator rows, int i)
        {
            if (!_blank[i] && _values[i] is { } values) rows.Prefetch(values);
        }

        private readonly struct BatchCells(Batch batch, int row) : IRowCells
        {
            private readonly int _first = batch._firstCell[row];

            public int Count => batch._firstCell[row + 1] - _first;

            public CellText this[int i]
            {
                get
                {
                    var span = batch._chars.AsSpan(batch._cellStart[_first + i], batch._cellLength[_first + i]);
                    return new CellText(span, null, typed: false, span.Length);
                }
            }
        }
    }
}
