using System.Runtime.CompilerServices;

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

    /// <summary>Uniform float in [0, 1) from the top 24 bits of a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(uint u) => (u >> 8) * (1f / 16777216f);

    /// <summary>Uniform double in [0, 1) from 53 bits of two words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(uint hi, uint lo) => (((ulong)hi << 21) ^ (lo >> 11)) * (1.0 / 9007199254740992.0);
}
