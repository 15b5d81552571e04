using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepMath.Kernels;

namespace DeepMath.Probability.Sampling;

/// <summary>
/// One sequential stream of random words for a sampler: consecutive Philox4x32-10 blocks under a key and
/// stream number, generated 64 blocks at a time (eight per AVX-512 pass) into a buffer. Rejection
/// samplers take as many words as they need from it; because a stream belongs to one fixed chunk of the
/// output (<see cref="ChunkedSampling"/>), the samples do not depend on the thread count.
/// </summary>
internal sealed class SampleStream
{
    private const int BufferBlocks = 64;
    private readonly uint[] _words = new uint[4 * BufferBlocks];
    private readonly ulong _key, _stream;
    private ulong _nextBlock;
    private int _index;

    public SampleStream(ulong key, ulong stream)
    {
        _key = key;
        _stream = stream;
        _index = _words.Length;
    }

    /// <summary>A uniformly random 32-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_index == _words.Length) Refill();
        return _words[_index++];
    }

    /// <summary>A uniformly random 64-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        if (_index >= _words.Length - 1) Refill();
        // _index + 1 is inside the buffer after the check above: read without bounds checks.
        ref uint word = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_words), _index);
        ulong value = ((ulong)word << 32) | Unsafe.Add(ref word, 1);
        _index += 2;
        return value;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>A uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((NextUInt64() >> 12) + 0.5) * (1.0 / 4503599627370496.0);

    /// <summary>A uniform integer in [0, n) without modulo bias (Lemire's multiply-and-reject on 64 bits).</summary>
    public ulong NextBelow(ulong n)
    {
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * n;
        ulong low = (ulong)m;
        if (low < n)
        {
            ulong threshold = (0 - n) % n;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * n;
                low = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }

    /// <summary>A standard normal draw (256-layer ziggurat).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextNormal() => Ziggurat.Normal(this);

    /// <summary>A standard exponential draw (256-layer ziggurat).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential() => ExponentialZiggurat.Next(this);

    private void Refill()
    {
        Philox.Blocks(_nextBlock, _stream, _key, _words);
        _nextBlock += BufferBlocks;
        _index = 0;
    }
}
