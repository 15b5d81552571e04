namespace DeepMath.Kernels;

/// <summary>
/// Ambient compute settings: how many threads an operation may use and, for tuning experiments, the
/// matrix-multiply block sizes. A scope overrides a setting for the code inside it (and for async
/// code it awaits), then restores the previous value; scopes nest:
/// <code>using (Compute.Threads(1)) { ... }</code>
/// Results never depend on the thread count for elementwise operations, reductions and random fills;
/// matrix products are bit-identical for a given thread count. The library reads no environment
/// variables; the <c>deepmath</c> command line maps <c>DEEPMATH_THREADS</c> to <see cref="DefaultThreads"/>.
/// </summary>
public static class Compute
{
    private static readonly AsyncLocal<int> s_threads = new();
    private static readonly AsyncLocal<GemmBlocking?> s_blocking = new();
    private static int s_defaultThreads = Environment.ProcessorCount;

    /// <summary>The thread count outside any scope (at least 1; initially the processor count).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int DefaultThreads
    {
        get => s_defaultThreads;
        set => s_defaultThreads = CheckThreads(value, nameof(value));
    }

    /// <summary>The most threads an operation started here may use: the innermost scope's count, or <see cref="DefaultThreads"/>.</summary>
    public static int CurrentThreads
    {
        get
        {
            int scoped = s_threads.Value;
            return scoped > 0 ? scoped : s_defaultThreads;
        }
    }

    /// <summary>The block sizes forced by the innermost <see cref="GemmBlockSizes"/> scope, or null for the sizes computed from the caches.</summary>
    public static GemmBlocking? CurrentGemmBlocking => s_blocking.Value;

    /// <summary>Runs the code inside the returned scope with at most <paramref name="threads"/> threads per operation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static Scope Threads(int threads)
    {
        CheckThreads(threads, nameof(threads));
        var scope = new Scope(s_threads.Value, s_blocking.Value);
        s_threads.Value = threads;
        return scope;
    }

    /// <summary>Runs the code inside the returned scope with forced matrix-multiply block sizes (rounded to the micro-tile).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static Scope GemmBlockSizes(GemmBlocking blocking)
    {
        ArgumentNullException.ThrowIfNull(blocking);
        var scope = new Scope(s_threads.Value, s_blocking.Value);
        s_blocking.Value = blocking;
        return scope;
    }

    private static int CheckThreads(int value, string name)
        => value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "The thread count must be at least 1.");

    /// <summary>Restores the settings in force before the scope when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly int _threads;
        private readonly GemmBlocking? _blocking;

        internal Scope(int threads, GemmBlocking? blocking)
        {
            _threads = threads;
            _blocking = blocking;
        }

        /// <summary>Leaves the scope.</summary>
        public void Dispose()
        {
            s_threads.Value = _threads;
            s_blocking.Value = _blocking;
        }
    }
}

/// <summary>Matrix-multiply block sizes (BLIS's kc, mc, nc), for tuning experiments.</summary>
/// <param name="Kc">Depth of a packed panel.</param>
/// <param name="Mc">Rows of a packed block of A.</param>
/// <param name="Nc">Columns of a packed panel of B.</param>
public sealed record GemmBlocking(int Kc, int Mc, int Nc)
{
    /// <summary>Kc: at least 1.</summary>
    public int Kc { get; } = Kc >= 1 ? Kc : throw new ArgumentOutOfRangeException(nameof(Kc), Kc, "Block sizes must be at least 1.");

    /// <summary>Mc: at least 1.</summary>
    public int Mc { get; } = Mc >= 1 ? Mc : throw new ArgumentOutOfRangeException(nameof(Mc), Mc, "Block sizes must be at least 1.");

    /// <summary>Nc: at least 1.</summary>
    public int Nc { get; } = Nc >= 1 ? Nc : throw new ArgumentOutOfRangeException(nameof(Nc), Nc, "Block sizes must be at least 1.");

    /// <summary>Parses "kc,mc,nc" (the form of the command line's DEEPMATH_GEMM_BLOCKING); null when malformed.</summary>
    public static GemmBlocking? TryParse(string? text)
    {
        var parts = text?.Split(',');
        if (parts is not { Length: 3 }) return null;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (!int.TryParse(parts[0], c, out var kc) || !int.TryParse(parts[1], c, out var mc) || !int.TryParse(parts[2], c, out var nc)
            || kc < 1 || mc < 1 || nc < 1) return null;
        return new GemmBlocking(kc, mc, nc);
    }
}
