using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Rows of an import file in blocks, as a <see cref="RowPipeline"/> hands them from the thread
/// that reads and parses the file to the thread that writes the database. A subclass may prepare
/// each row further on the reading thread (<see cref="Prepare"/>), so the writer has less to do.
/// </summary>
internal class RowBlock<T>(int capacity) where T : class
{
    private readonly SourceRow<T>[] _rows = new SourceRow<T>[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == _rows.Length;

    public ref readonly SourceRow<T> this[int index] => ref _rows[index];

    public void Add(in SourceRow<T> row)
    {
        if (row.Record is { } record)
        {
            Prepare(Count, row.Line, record);
        }

        _rows[Count++] = row;
    }

    /// <summary>Prepares the valid row at <paramref name="index"/> on the reading thread; nothing by default.</summary>
    protected virtual void Prepare(int index, long line, T record)
    {
    }

    public virtual void Clear()
    {
        Array.Clear(_rows, 0, Count);
        Count = 0;
    }
}

/// <summary>
/// Reads and parses an import file on a thread of its own while the caller writes the rows it has
/// already received: on two cores, parsing the CSV costs no wall time as long as writing is
/// slower. The hand-over is bounded (a few blocks in flight, reused), so memory stays flat
/// whatever the size of the file. Rows arrive in file order, invalid ones included. A failure
/// while reading (an I/O error, a file that is unusable past some line) is raised on the writing
/// thread after the rows read before it, exactly as a plain loop over the rows would raise it;
/// a failure or cancellation of the writer stops the reader before the call returns.
/// </summary>
internal static class RowPipeline
{
    /// <summary>Blocks in flight: one being read, one being written, two waiting.</summary>
    private const int Blocks = 4;

    public static void Run<T, TBlock>(IEnumerable<SourceRow<T>> rows, Func<TBlock> newBlock, Action<TBlock> write, CancellationToken ct, ImportTiming? timing = null)
        where T : class where TBlock : RowBlock<T>
    {
        var readTime = new System.Diagnostics.Stopwatch();
        TimeSpan readCpu = default, writeCpu = ImportTiming.ThreadCpu();
        var writeTime = new System.Diagnostics.Stopwatch();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var free = new BlockingCollection<TBlock>(Blocks);
        using var full = new BlockingCollection<TBlock>(Blocks);
        for (var i = 0; i < Blocks; i++)
        {
            free.Add(newBlock());
        }

        ExceptionDispatchInfo? readFailure = null;
        var reader = new Thread(() =>
        {
            readTime.Start();
            try
            {
                var block = free.Take(stop.Token);
                foreach (var row in rows)
                {
                    block.Add(row);
                    if (block.IsFull)
                    {
                        full.Add(block, stop.Token);
                        block = free.Take(stop.Token);
                    }
                }

                if (block.Count > 0)
                {
                    full.Add(block, stop.Token);
                }
            }
            catch (Exception e)
            {
                readFailure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                readTime.Stop();
                readCpu = ImportTiming.ThreadCpu();
                full.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "GovKpi import reader",
        };

        reader.Start();
        try
        {
            foreach (var block in full.GetConsumingEnumerable(stop.Token))
            {
                writeTime.Start();
                write(block);
                writeTime.Stop();
                block.Clear();
                free.Add(block, stop.Token);
            }
        }
        finally
        {
            // On success the reader has finished already; on a failure of the writer it stops at its next block.
            stop.Cancel();
            reader.Join();
        }

        readFailure?.Throw();
        writeCpu = ImportTiming.ThreadCpu() - writeCpu;
        timing?.Note($"reader thread {readTime.Elapsed.TotalSeconds:0.000} s (waits included, cpu {readCpu.TotalSeconds:0.00} s), writer busy {writeTime.Elapsed.TotalSeconds:0.000} s (cpu {writeCpu.TotalSeconds:0.00} s)");
    }
}
