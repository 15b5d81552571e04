using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Probability.Sampling;

/// <summary>
/// Fills an output with random variates in fixed chunks of <see cref="ChunkSize"/>: chunk c draws from
/// its own <see cref="SampleStream"/>, whose stream number mixes the generator's stream, one block
/// reserved from the generator for the whole call, and c. The chunks are a fixed partition, so the
/// result is the same for any thread count, and threads take whole chunks.
/// </summary>
internal static class ChunkedSampling
{
    /// <summary>Samples per chunk (and per independent stream).</summary>
    public const int ChunkSize = 16384;

    /// <summary>Fills an array chunk by chunk, in parallel for large outputs.</summary>
    public static void Fill(double[] destination, int offset, int count, RandomGenerator generator, Action<double[], int, int, SampleStream> fill)
    {
        if (count == 0) return;
        ulong position = generator.Reserve(1);
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        int parts = Parallelism.PartsFor(count, ChunkSize);
        Parallelism.For(parts, part =>
        {
            long first = (long)chunks * part / parts, last = (long)chunks * (part + 1) / parts;
            for (long c = first; c < last; c++)
            {
                int start = (int)(c * ChunkSize), length = Math.Min(ChunkSize, count - start);
                fill(destination, offset + start, length, StreamFor(generator, position, (ulong)c));
            }
        });
    }

    /// <summary>The stream of one chunk: a SplitMix64 hash of (generator stream, reserved position, chunk).</summary>
    public static SampleStream StreamFor(RandomGenerator generator, ulong position, ulong chunk)
    {
        ulong h = Mix(generator.Stream ^ Mix(position ^ Mix(chunk + 0x9E3779B97F4A7C15UL)));
        return new SampleStream(generator.Seed, h);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
