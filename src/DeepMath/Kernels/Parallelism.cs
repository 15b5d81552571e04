namespace DeepMath.Kernels;

/// <summary>
/// Fork-join over the kernels' worker pool. The thread count comes from the ambient
/// <see cref="Compute"/> setting, read on the calling thread when an operation starts.
/// </summary>
internal static class Parallelism
{
    /// <summary>The most threads an operation started on this thread may use.</summary>
    public static int MaxThreads => Compute.CurrentThreads;

    /// <summary>How many parts to split <paramref name="work"/> units into, given a minimum grain per part.</summary>
    internal static int PartsFor(long work, long grain)
    {
        if (work < 2 * grain) return 1; // small operations never read the ambient setting
        int threads = Compute.CurrentThreads;
        if (threads <= 1) return 1;
        return (int)Math.Min(threads, work / grain);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for part indices 0..parts-1, in parallel when parts &gt; 1.
    /// The caller decides the partition, so results do not depend on scheduling.
    /// </summary>
    internal static void For(int parts, Action<int> body)
    {
        if (parts > 1)
        {
            var pool = Pool;
            pool.EnsureWorkers(Math.Min(parts - 1, MaxWorkers)); // more parts than threads just queue on the counter
            if (pool.TryRun(parts, body)) return;
        }
        // One part, a nested call from inside a part, or another caller holding the pool: run here.
        for (int i = 0; i < parts; i++) body(i);
    }

    /// <summary>The most workers a scope can make the pool start (a huge thread count must not start thousands of threads).</summary>
    private static readonly int MaxWorkers = Math.Max(64, 4 * Environment.ProcessorCount);

    private static WorkerPool Pool => LazyPool.Instance;

    private static class LazyPool
    {
        public static readonly WorkerPool Instance = new(Math.Max(1, Environment.ProcessorCount - 1));
    }

    /// <summary>Start of part <paramref name="part"/> when <paramref name="count"/> items are split into <paramref name="parts"/> near-equal ranges.</summary>
    internal static int PartStart(int count, int parts, int part) => (int)((long)count * part / parts);
}
