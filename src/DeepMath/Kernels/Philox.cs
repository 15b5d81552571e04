using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepMath.Kernels;

/// <summary>
/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
/// counter-based generator. Block <c>counter</c> under <c>key</c> is a pure function, so any part of
/// a random stream can be computed independently: parallel sampling never depends on scheduling.
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>Four 32-bit random words for the 128-bit counter (counter, stream) under a 64-bit key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(ulong counter, ulong stream, ulong key, out uint r0, out uint r1, out uint r2, out uint r3)
    {
        uint c0 = (uint)counter, c1 = (uint)(counter >> 32), c2 = (uint)stream, c3 = (uint)(stream >> 32);
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        r0 = c0; r1 = c1; r2 = c2; r3 = c3;
    }

    /// <summary>
    /// The words of consecutive blocks counter, counter + 1, ... into <paramref name="words"/> (four per
    /// block, in the order <see cref="Block"/> gives them; the length must be a multiple of 4). Eight
    /// blocks at a time run in the lanes of AVX-512 vectors (32 x 32 -> 64-bit multiplies), with the
    /// same results as the scalar function.
    /// </summary>
    public static void Blocks(ulong counter, ulong stream, ulong key, Span<uint> words)
    {
        int blocks = words.Length / 4, b = 0;
        if (Avx512F.IsSupported)
        {
            Span<ulong> lanes = stackalloc ulong[32];
            for (; b + 8 <= blocks; b += 8)
            {
                Block8(counter + (ulong)b, stream, key, lanes);
                var target = words.Slice(4 * b, 32);
                for (int i = 0; i < 8; i++)
                {
                    target[4 * i] = (uint)lanes[i];
                    target[4 * i + 1] = (uint)lanes[8 + i];
                    target[4 * i + 2] = (uint)lanes[16 + i];
                    target[4 * i + 3] = (uint)lanes[24 + i];
                }
            }
        }
        for (; b < blocks; b++)
        {
            Block(counter + (ulong)b, stream, key, out var r0, out var r1, out var r2, out var r3);
            words[4 * b] = r0;
            words[4 * b + 1] = r1;
            words[4 * b + 2] = r2;
            words[4 * b + 3] = r3;
        }
    }

    /// <summary>Eight blocks: word w of block i lands in lanes[8 w + i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(ulong counter, ulong stream, ulong key, Span<ulong> lanes)
    {
        var low = Vector512.Create(0xFFFF_FFFFUL);
        var counters = Vector512.Create(counter) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        // Each 64-bit lane holds one 32-bit word in its low half, where vpmuludq reads it.
        Vector512<ulong> c0 = counters & low, c1 = counters >> 32;
        Vector512<ulong> c2 = Vector512.Create(stream & 0xFFFF_FFFF), c3 = Vector512.Create(stream >> 32);
        var m0 = Vector512.Create((ulong)M0).AsUInt32();
        var m1 = Vector512.Create((ulong)M1).AsUInt32();
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        for (int round = 0; round < 10; round++)
        {
            var p0 = Avx512F.Multiply(c0.AsUInt32(), m0);
            var p1 = Avx512F.Multiply(c2.AsUInt32(), m1);
            c0 = (p1 >> 32) ^ c1 ^ Vector512.Create((ulong)k0);
            c1 = p1 & low;
            c2 = (p0 >> 32) ^ c3 ^ Vector512.Create((ulong)k1);
            c3 = p0 & low;
            k0 += W0;
            k1 += W1;
        }
        c0.CopyTo(lanes);
        c1.CopyTo(lanes[8..]);
        c2.CopyTo(lanes[16..]);
        c3.CopyTo(lanes[24..]);
    }

    /// <summary>Uniform float in [0, 1) from the top 24 bits of a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(uint u) => (u >> 8) * (1f / 16777216f);

    /// <summary>Uniform double in [0, 1) from 53 bits of two words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(uint hi, uint lo) => (((ulong)hi << 21) ^ (lo >> 11)) * (1.0 / 9007199254740992.0);
}
