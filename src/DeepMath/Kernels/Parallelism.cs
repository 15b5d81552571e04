namespace DeepMath.Kernels;

/// <summary>
/// How many threads DeepMath's kernels may use. Results never depend on the thread count for
/// elementwise operations and reductions (work is split into fixed blocks); matrix multiply is
/// bit-identical for a given thread count.
/// </summary>
public static class Parallelism
{
    private static int _maxThreads = InitialThreads();

    /// <summary>
    /// The most threads a single operation uses (at least 1). Defaults to the environment variable
    /// <c>DEEPMATH_THREADS</c> when set, otherwise <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Thread count must be at least 1.");
    }

    private static int InitialThreads()
    {
        var text = Environment.GetEnvironmentVariable("DEEPMATH_THREADS");
        return int.TryParse(text, out var n) && n >= 1 ? n : Environment.ProcessorCount;
    }

    /// <summary>How many parts to split <paramref name="work"/> units into, given a minimum grain per part.</summary>
    internal static int PartsFor(long work, long grain)
    {
        int threads = _maxThreads;
        if (threads <= 1 || work < 2 * grain) return 1;
        return (int)Math.Min(threads, work / grain);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for part indices 0..parts-1, in parallel when parts &gt; 1.
    /// The caller decides the partition, so results do not depend on scheduling.
    /// </summary>
    internal static void For(int parts, Action<int> body)
    {
        if (parts > 1 && Pool.TryRun(parts, body)) return;
        // One part, a nested call from inside a part, or another caller holding the pool: run here.
        for (int i = 0; i < parts; i++) body(i);
    }

    private static WorkerPool Pool => LazyPool.Instance;

    private static class LazyPool
    {
        public static readonly WorkerPool Instance = new(Math.Max(1, Environment.ProcessorCount - 1));
    }

    /// <summary>Start of part <paramref name="part"/> when <paramref name="count"/> items are split into <paramref name="parts"/> near-equal ranges.</summary>
    internal static int PartStart(int count, int parts, int part) => (int)((long)count * part / parts);
}
