using DeepMath.Kernels;

namespace DeepMath.Tensors;

/// <summary>
/// A seeded, counter-based random generator (Philox4x32-10). Its state is the seed, a stream number
/// and a position (how many 128-bit blocks have been used), so streams can be saved, restored and
/// split, and a tensor's random fill is the same whatever the thread count.
/// </summary>
public sealed class RandomGenerator
{
    private long _position;

    /// <summary>A generator for a seed and an optional independent stream.</summary>
    public RandomGenerator(ulong seed, ulong stream = 0)
    {
        Seed = seed;
        Stream = stream;
    }

    /// <summary>The generator used when none is given; reseed it with <see cref="ManualSeed"/>.</summary>
    public static RandomGenerator Default { get; private set; } = new(0x5EED);

    /// <summary>Replaces <see cref="Default"/> by a generator with this seed (like torch.manual_seed).</summary>
    public static void ManualSeed(ulong seed) => Default = new RandomGenerator(seed);

    /// <summary>The key.</summary>
    public ulong Seed { get; }

    /// <summary>The stream number (independent sequences under one seed).</summary>
    public ulong Stream { get; }

    /// <summary>Blocks consumed so far; set it to restore a saved state.</summary>
    public long Position
    {
        get => Interlocked.Read(ref _position);
        set => Interlocked.Exchange(ref _position, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Reserves <paramref name="blocks"/> consecutive blocks and returns the first (thread-safe).</summary>
    internal ulong Reserve(long blocks) => (ulong)(Interlocked.Add(ref _position, blocks) - blocks);

    /// <summary>The four words of block <paramref name="counter"/>.</summary>
    internal void Block(ulong counter, out uint r0, out uint r1, out uint r2, out uint r3)
        => Philox.Block(counter, Stream, Seed, out r0, out r1, out r2, out r3);

    /// <summary>A uniformly random 32-bit word.</summary>
    public uint NextUInt32()
    {
        Block(Reserve(1), out var r0, out _, out _, out _);
        return r0;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        Block(Reserve(1), out var r0, out var r1, out _, out _);
        return Philox.ToDouble(r0, r1);
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => Philox.ToSingle(NextUInt32());

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        uint range = (uint)maxExclusive;
        ulong m = (ulong)NextUInt32() * range;
        if ((uint)m < range)
        {
            uint threshold = (0u - range) % range;
            while ((uint)m < threshold) m = (ulong)NextUInt32() * range;
        }
        return (int)(m >> 32);
    }

    /// <summary>A standard normal draw (Box-Muller in double precision).</summary>
    public double NextNormal()
    {
        Block(Reserve(1), out var r0, out var r1, out var r2, out var r3);
        return BoxMuller(Philox.ToDouble(r0, r1), Philox.ToDouble(r2, r3)).Z0;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    /// <summary>Shuffles a span in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A new generator on a different stream, derived deterministically from this one's next draw.</summary>
    public RandomGenerator Fork()
    {
        Block(Reserve(1), out var r0, out var r1, out _, out _);
        return new RandomGenerator(Seed, ((ulong)r0 << 32) | r1);
    }

    /// <summary>Two independent standard normals from two uniforms in [0, 1).</summary>
    internal static (double Z0, double Z1) BoxMuller(double u1, double u2)
    {
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - u1)); // 1 - u1 is in (0, 1]: never log(0)
        double angle = 2.0 * Math.PI * u2;
        return (radius * Math.Cos(angle), radius * Math.Sin(angle));
    }
}
