using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DeepMath.Kernels;

/// <summary>
/// A small fork-join pool for the kernels: background workers that spin briefly after each job
/// (so back-to-back operations start in about a microsecond, where the thread pool takes several)
/// and then sleep. The caller always takes part; parts are claimed from a counter, so any part may
/// run on any thread, and callers partition work so that results do not depend on which.
/// </summary>
internal sealed class WorkerPool
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 microseconds

    [ThreadStatic] private static bool t_busy;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private Job? _job;
    private int _generation;
    private int _sleeping;

    private readonly object _growth = new();
    private int _workers;

    public WorkerPool(int workers) => EnsureWorkers(workers);

    /// <summary>Starts workers until there are at least <paramref name="workers"/> (a scope may ask for more threads than cores).</summary>
    public void EnsureWorkers(int workers)
    {
        if (Volatile.Read(ref _workers) >= workers) return;
        lock (_growth)
        {
            while (_workers < workers)
            {
                var thread = new Thread(WorkerLoop) { IsBackground = true, Name = $"DeepMath worker {_workers + 1}" };
                thread.Start();
                Volatile.Write(ref _workers, _workers + 1);
            }
        }
    }

    /// <summary>Runs body(0..parts-1) on the caller and the workers; false (nothing run) when called from inside a job or while another caller holds the pool.</summary>
    public bool TryRun(int parts, Action<int> body)
    {
        if (t_busy || !Monitor.TryEnter(_gate)) return false;
        try
        {
            t_busy = true;
            var job = new Job(body, parts);
            Volatile.Write(ref _job, job);
            Interlocked.Increment(ref _generation);
            int sleepers = Volatile.Read(ref _sleeping);
            if (sleepers > 0) _wake.Release(Math.Min(sleepers, parts - 1));
            job.Work();
            var spin = default(SpinWait);
            while (Volatile.Read(ref job.Finished) < parts) spin.SpinOnce(sleep1Threshold: -1);
            job.Error?.Throw();
            return true;
        }
        finally
        {
            t_busy = false;
            Monitor.Exit(_gate);
        }
    }

    private void WorkerLoop()
    {
        t_busy = true; // a job's parts never start nested jobs on the pool
        int seen = 0;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() - start < SpinTicks)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                Interlocked.Increment(ref _sleeping);
                if (Volatile.Read(ref _generation) == seen) _wake.Wait();
                Interlocked.Decrement(ref _sleeping);
                start = Stopwatch.GetTimestamp();
            }
            seen = Volatile.Read(ref _generation);
            Volatile.Read(ref _job)?.Work();
        }
    }

    /// <summary>One call's parts and counters; immutable apart from the counters, so late workers see a consistent job.</summary>
    private sealed class Job(Action<int> body, int parts)
    {
        private int _next;
        public int Finished;
        public ExceptionDispatchInfo? Error;

        public void Work()
        {
            while (true)
            {
                int part = Interlocked.Increment(ref _next) - 1;
                if (part >= parts) return;
                try
                {
                    body(part);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    Interlocked.Increment(ref Finished);
                }
            }
        }
    }
}
