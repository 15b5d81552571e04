using System.Numerics;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    private const int RandomGrainBlocks = 1 << 12;

    /// <summary>Uniform values in [low, high) (float32 from 24 random bits, float64 from 53).</summary>
    public static Tensor<T> Uniform<T>(Shape shape, T low, T high, RandomGenerator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(low <= high)) throw new ArgumentException($"Uniform bounds are reversed or NaN: low {low}, high {high}.");
        var rng = generator ?? RandomGenerator.Default;
        var dims = shape.Dims;
        var storage = Elementwise.Allocate<T>(Shape.CheckedCount(dims));
        double lo = double.CreateTruncating(low), width = double.CreateTruncating(high) - lo;
        bool single = typeof(T) != typeof(double);
        FillFromWords(storage, rng, single ? 1 : 2, (words, into) =>
        {
            if (single)
                for (int i = 0; i < into.Length; i++) into[i] = T.CreateTruncating(lo + width * Philox.ToSingle(words[i]));
            else
                for (int i = 0; i < into.Length; i++) into[i] = T.CreateTruncating(lo + width * Philox.ToDouble(words[2 * i], words[2 * i + 1]));
        });
        ClampBelowHigh(storage, low, high);
        return new Tensor<T>(storage, dims);
    }

    /// <summary>Uniform values in [low, high) from a generator seeded with <paramref name="seed"/>.</summary>
    public static Tensor<T> Uniform<T>(Shape shape, T low, T high, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
        => Uniform(shape, low, high, new RandomGenerator(seed));

    /// <summary>
    /// Independent Bernoulli draws: each element is <paramref name="value"/> (default one) with
    /// probability <paramref name="probability"/> and zero otherwise, like torch.bernoulli. One 32-bit
    /// word decides each element (word &lt; round(p 2^32)), so p is honoured to within 2^-33.
    /// </summary>
    public static Tensor<T> Bernoulli<T>(Shape shape, double probability, RandomGenerator? generator = null, T? value = null) where T : unmanaged, INumber<T>
    {
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Bernoulli probability must be in [0, 1].");
        var rng = generator ?? RandomGenerator.Default;
        var dims = shape.Dims;
        var storage = Elementwise.Allocate<T>(Shape.CheckedCount(dims));
        ulong threshold = (ulong)Math.Round(probability * 4294967296.0);
        T hit = value ?? T.One;
        FillFromWords(storage, rng, 1, (words, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = words[i] < threshold ? hit : T.Zero;
        });
        return new Tensor<T>(storage, dims);
    }

    /// <summary>Normal values with the given mean and standard deviation (Box-Muller).</summary>
    public static Tensor<T> Normal<T>(Shape shape, T mean, T std, RandomGenerator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(std >= T.Zero)) throw new ArgumentException($"Normal standard deviation must be non-negative, got {std}.");
        var rng = generator ?? RandomGenerator.Default;
        var dims = shape.Dims;
        var storage = Elementwise.Allocate<T>(Shape.CheckedCount(dims));
        double m = double.CreateTruncating(mean), s = double.CreateTruncating(std);
        bool single = typeof(T) != typeof(double);
        FillBlocks(storage, rng, single ? 4 : 2, (counter, into) =>
        {
            rng.Block(counter, out var r0, out var r1, out var r2, out var r3);
            if (single)
            {
                // 32-bit uniforms are plenty for float output and give four normals per block.
                var (a, b) = RandomGenerator.BoxMuller(r0 * (1.0 / 4294967296.0), r1 * (1.0 / 4294967296.0));
                var (c, d) = RandomGenerator.BoxMuller(r2 * (1.0 / 4294967296.0), r3 * (1.0 / 4294967296.0));
                into[0] = T.CreateTruncating(m + s * a);
                into[1] = T.CreateTruncating(m + s * b);
                into[2] = T.CreateTruncating(m + s * c);
                into[3] = T.CreateTruncating(m + s * d);
            }
            else
            {
                var (a, b) = RandomGenerator.BoxMuller(Philox.ToDouble(r0, r1), Philox.ToDouble(r2, r3));
                into[0] = T.CreateTruncating(m + s * a);
                into[1] = T.CreateTruncating(m + s * b);
            }
        });
        return new Tensor<T>(storage, dims);
    }

    /// <summary>Normal values from a generator seeded with <paramref name="seed"/>.</summary>
    public static Tensor<T> Normal<T>(Shape shape, T mean, T std, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
        => Normal(shape, mean, std, new RandomGenerator(seed));

    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor<T> RandomIntegers<T>(Shape shape, T low, T high, RandomGenerator? generator = null) where T : unmanaged, IBinaryInteger<T>
    {
        if (low >= high) throw new ArgumentException($"RandomIntegers needs low < high, got [{low}, {high}).");
        var rng = generator ?? RandomGenerator.Default;
        long lo = long.CreateTruncating(low), range = long.CreateTruncating(high) - lo;
        if (range > int.MaxValue) throw new ArgumentException("RandomIntegers supports ranges up to 2^31 - 1.");
        var dims = shape.Dims;
        var storage = new T[Shape.CheckedCount(dims)];
        for (int i = 0; i < storage.Length; i++) storage[i] = T.CreateTruncating(lo + rng.NextInt((int)range));
        return new Tensor<T>(storage, dims);
    }

    /// <summary>
    /// Fills storage from the words of consecutive generator blocks, <paramref name="wordsPerElement"/>
    /// words per element in order (so the result matches block-by-block generation). Chunks of words
    /// are generated eight blocks at a time (<see cref="Philox.Blocks"/>); work is split by block
    /// ranges, so the result is independent of the thread count.
    /// </summary>
    private static void FillFromWords<T>(T[] storage, RandomGenerator rng, int wordsPerElement, WordsToElements<T> convert) where T : unmanaged
    {
        const int ChunkBlocks = 256;
        int elementsPerBlock = 4 / wordsPerElement;
        long blocks = (storage.Length + elementsPerBlock - 1) / elementsPerBlock;
        ulong first = rng.Reserve(blocks);
        int parts = Parallelism.PartsFor(blocks, RandomGrainBlocks);
        Parallelism.For(parts, p =>
        {
            long start = blocks * p / parts, end = blocks * (p + 1) / parts;
            Span<uint> words = stackalloc uint[4 * ChunkBlocks];
            for (long b = start; b < end; b += ChunkBlocks)
            {
                int count = (int)Math.Min(ChunkBlocks, end - b);
                var chunk = words[..(4 * count)];
                Philox.Blocks(first + (ulong)b, rng.Stream, rng.Seed, chunk);
                long at = b * elementsPerBlock;
                int n = (int)Math.Min((long)count * elementsPerBlock, storage.Length - at);
                convert(chunk, storage.AsSpan((int)at, n));
            }
        });
    }

    /// <summary>Turns random words into elements (wordsPerElement words each).</summary>
    private delegate void WordsToElements<T>(ReadOnlySpan<uint> words, Span<T> into);

    /// <summary>
    /// Fills storage from consecutive generator blocks; block b fills elements [b*perBlock, (b+1)*perBlock).
    /// Work is split by block ranges, so the result is independent of the thread count.
    /// </summary>
    private static void FillBlocks<T>(T[] storage, RandomGenerator rng, int perBlock, Action<ulong, Span<T>> fillBlock) where T : unmanaged
    {
        long blocks = (storage.Length + perBlock - 1) / perBlock;
        ulong first = rng.Reserve(blocks);
        int parts = Parallelism.PartsFor(blocks, RandomGrainBlocks);
        Parallelism.For(parts, p =>
        {
            long start = blocks * p / parts, end = blocks * (p + 1) / parts;
            Span<T> buffer = stackalloc T[4];
            for (long b = start; b < end; b++)
            {
                fillBlock(first + (ulong)b, buffer);
                long at = b * perBlock;
                int n = (int)Math.Min(perBlock, storage.Length - at);
                buffer[..n].CopyTo(storage.AsSpan((int)at, n));
            }
        });
    }

    /// <summary>Rounding lo + width*u to T can land exactly on high; keep the interval half-open.</summary>
    private static void ClampBelowHigh<T>(T[] storage, T low, T high) where T : IFloatingPointIeee754<T>
    {
        if (low == high) return;
        var below = T.BitDecrement(high);
        for (int i = 0; i < storage.Length; i++)
            if (storage[i] >= high) storage[i] = below;
    }
}
