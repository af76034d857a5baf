using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SolidaritePipeline.Reading;

namespace SolidaritePipeline.Validation;

/// <summary>
/// Validates the records of a large CSV file on several cores, with the same report and the same
/// projects, in the same order, as one thread. The calling thread reads records into batches and
/// hands each batch to the thread pool, where every check that needs no other row runs (shape and
/// cells, <see cref="RowValidator.CheckCells"/>) into the batch's own values and a recording log.
/// The calling thread then takes the batches back in file order and does what depends on the rows
/// before: counting rows against the limit, replaying the batch's issues into the file's log, the
/// rules across rows, handing projects on. A failure while reading (a malformed record) is raised
/// only once every record before it has been taken, as one thread would have taken them.
/// <see cref="RunInPieces"/> also moves the reading off the calling thread: the file is cut where
/// records start, and each piece is read and checked by a thread of its own.
/// </summary>
internal static class ParallelCsvValidation
{
    private const int BatchRows = 2_048;

    // Pieces a thread may have read ahead of the one the calling thread takes, per thread.
    private const int PiecesAheadPerThread = 2;

    /// <summary>
    /// Validates the records after the header, read in pieces (<paramref name="cuts"/>: where records
    /// start, the first being the end of the header) by up to <paramref name="parallelism"/> threads,
    /// each with its own decoder and Sep reader over its bytes, <paramref name="openRange"/> giving
    /// them. The calling thread takes the batches of the pieces in file order, as <see cref="Run"/>
    /// does; a piece's read failure is raised once every record before it has been taken. When the
    /// calling thread stops (row limit, read failure, cancellation) the pieces' threads stop, and are
    /// waited for, before this returns.
    /// </summary>
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
        var readers = new PieceReaders(pieces, openRange, layout, width, rows, parallelism, stop.Token);
        var threads = new Task[Math.Min(parallelism, pieces.Count)];
        // Threads of their own, not the pool's: they wait (for the calling thread to catch up) while holding them.
        for (var i = 0; i < threads.Length; i++)
            threads[i] = Task.Factory.StartNew(readers.ReadPieces, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var piece in pieces)
            {
                foreach (var batch in piece.Batches.GetConsumingEnumerable(cancellationToken))
                {
                    batch.TakeInOrder(rows);
                    batch.ReadFailure?.Throw();
                    readers.Return(batch);
                }

                // A piece is left unread only if the caller cancelled, or a thread failed outside any piece's records.
                cancellationToken.ThrowIfCancellationRequested();
                if (!piece.Whole) throw new InvalidOperationException("A piece of the file was left unread.");
                piece.LetGo();
                readers.PieceTaken();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(threads, CancellationToken.None); // ReadPieces catches everything: waiting cannot throw
            foreach (var piece in pieces) piece.Dispose();
        }
    }

    /// <summary>Bytes [Start, End) of the file, whose first record has <see cref="RowsBefore"/> records before it.</summary>
    private sealed class Piece(long start, long end, int rowsBefore) : IDisposable
    {
        public long Start { get; } = start;

        public long End { get; } = end;

        public int RowsBefore { get; } = rowsBefore;

        private BlockingCollection<Batch>? _batches;

        /// <summary>
        /// The piece's batches, handed from the thread reading it to the calling thread. Made by whichever
        /// of the two comes first, and let go once taken: a file has thousands of pieces, and a collection
        /// for each, made up front, outlived the collections of the whole file (docs/performance.md).
        /// Not bounded: a piece is a batch or two; what bounds memory is the pieces open at once.
        /// </summary>
        public BlockingCollection<Batch> Batches => LazyInitializer.EnsureInitialized(ref _batches);

        /// <summary>
        /// Lets the taken piece's collection go, without disposing it: the thread that read the piece may
        /// still be returning from completing it, and it holds nothing but memory. (A thread that asks for
        /// it later gets a new one, which it completes and nobody reads.)
        /// </summary>
        public void LetGo() => Volatile.Write(ref _batches, null);

        /// <summary>Once no thread reads the pieces any more.</summary>
        public void Dispose() => Interlocked.Exchange(ref _batches, null)?.Dispose();

        /// <summary>Set once every batch of the piece was handed over (the last one may end in a read failure).</summary>
        public volatile bool Whole;
    }

    /// <summary>
    /// The threads' side: each takes the next piece in file order, reads its records into batches and
    /// checks them. A thread never waits for the calling thread within a piece (which would leave the
    /// others idle while it takes a piece of many batches); it waits only before opening a piece more
    /// than <see cref="PiecesAheadPerThread"/> per thread ahead of the one being taken, so memory stays
    /// a few small pieces per thread whatever the file's size.
    /// </summary>
    private sealed class PieceReaders(
        List<Piece> pieces, Func<long, long, Stream> openRange, CsvLayout layout, int width, RowValidator rows, int parallelism, CancellationToken stop)
    {
        // Not a ConcurrentBag: its per-thread lists would keep the batches alive on pool threads after the file is done.
        private readonly ConcurrentQueue<Batch> _free = new();
        private readonly SemaphoreSlim _open = new(parallelism * PiecesAheadPerThread + 1);
        private int _next = -1;

        public void Return(Batch batch) => _free.Enqueue(batch);

        public void PieceTaken() => _open.Release();

        public void ReadPieces()
        {
            try
            {
                // One parser per thread, not per batch: the values it pools are learnt once per thread.
                var parser = rows.CellParserFor();
                var text = new PieceText();
                while (true)
                {
                    _open.Wait(stop);
                    var index = Interlocked.Increment(ref _next);
                    if (index >= pieces.Count) return;
                    Read(pieces[index], parser, text);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The calling thread stopped taking batches.
            }
            catch (Exception)
            {
                // Unforeseen outside a piece's records (Read keeps those in order): end every piece, so the
                // calling thread stops at the first one left unread instead of waiting for it.
                foreach (var piece in pieces) piece.Batches.CompleteAdding();
            }
        }

        private void Read(Piece piece, CellParser parser, PieceText text)
        {
            try
            {
                var batch = Rent();
                try
                {
                    using var bytes = openRange(piece.Start, piece.End);
                    using var records = CsvRecords.OpenPiece(text.Start(bytes, layout.Encoding), layout, width, piece.RowsBefore);
                    while (records.MoveNext(stop))
                    {
                        // A check that failed is raised at its row by the calling thread: nothing after it is needed.
                        if (!batch.AddChecked(records, parser)) break;
                        if (batch.Count < BatchRows) continue;
                        piece.Batches.Add(batch, stop);
                        batch = Rent();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    // A malformed record, or anything unforeseen: after the records read before it, as one thread would.
                    batch.ReadFailure = ExceptionDispatchInfo.Capture(e);
                }

                if (batch.Count > 0 || batch.ReadFailure is not null) piece.Batches.Add(batch, stop);

                piece.Whole = true;
            }
            finally
            {
                piece.Batches.CompleteAdding();
            }
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
                // Made when a row first needs it: a piece fills a few hundred of a batch's rows, and the
                // batches of a file outlive the collections while it is read (docs/performance.md).
                var values = _values[i] ??= new ProjectBuilder(_log);
                _blank[i] = RowValidator.AllBlank(cells);
                if (!_blank[i])
                {
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
            for (var i = 0; i < Math.Min(Ahead, Count); i++) rows.Prefetch(_values[i]);

            var from = 0;
            for (var i = 0; i < Count; i++)
            {
                if (i + Ahead < Count) rows.Prefetch(_values[i + Ahead]);
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
