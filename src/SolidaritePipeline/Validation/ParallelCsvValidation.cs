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
/// </summary>
internal static class ParallelCsvValidation
{
    private const int BatchRows = 2_048;

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
                    batch.Work = Task.Run(batch.Check, CancellationToken.None);
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

    /// <summary>Up to <see cref="BatchRows"/> records: their cells back to back, then what checking them found.</summary>
    private sealed class Batch
    {
        private readonly RowValidator _rows;
        private readonly IssueLog _log = IssueLog.Recorder();
        private readonly CellParser _parser;
        private readonly ProjectBuilder[] _values = new ProjectBuilder[BatchRows];
        private readonly int[] _rowNumber = new int[BatchRows];
        private readonly int[] _lastFilledColumn = new int[BatchRows];
        private readonly int[] _firstCell = new int[BatchRows + 1];
        private readonly bool[] _blank = new bool[BatchRows];
        private readonly bool[] _complete = new bool[BatchRows];
        private readonly int[] _issuesEnd = new int[BatchRows];
        private char[] _chars = new char[BatchRows * 256];
        private int[] _cellStart = new int[BatchRows * 20];
        private int[] _cellLength = new int[BatchRows * 20];
        private int _usedChars;
        private int _failedAt = -1;
        private ExceptionDispatchInfo? _failure;

        public Batch(RowValidator rows)
        {
            _rows = rows;
            _parser = rows.CellParserFor(_log);
            for (var i = 0; i < BatchRows; i++) _values[i] = new ProjectBuilder(_log);
        }

        public int Count { get; private set; }

        public Task? Work { get; set; }

        public void Reset()
        {
            Count = 0;
            _usedChars = 0;
            _failedAt = -1;
            _failure = null;
            _log.ClearRecorded();
        }

        public void Add(CsvRecords record)
        {
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

        /// <summary>On a pool thread: the checks of each row that need no other row.</summary>
        public void Check()
        {
            for (var i = 0; i < Count; i++)
            {
                try
                {
                    var cells = new BatchCells(this, i);
                    _blank[i] = RowValidator.AllBlank(cells);
                    if (!_blank[i])
                    {
                        _values[i].Log = _log;
                        _values[i].Start(0);
                        var last = _lastFilledColumn[i];
                        _complete[i] = _rows.CheckCells(cells, _rowNumber[i], last > 0 ? last : null, readerFailed: false, _parser, _values[i]);
                    }
                }
                catch (Exception e)
                {
                    _failedAt = i;
                    _failure = ExceptionDispatchInfo.Capture(e);
                    _issuesEnd[i] = _log.Recorded;
                    return;
                }

                _issuesEnd[i] = _log.Recorded;
            }
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
