using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepMath.Kernels;

/// <summary>
/// exp over float spans with the widest SIMD the machine accelerates (512, 256 or 128 bits).
/// Cody-Waite range reduction x = n ln2 + r (n rounded with the 1.5 * 2^23 trick), |r| &lt;= ln2/2, a degree-7 Taylor polynomial for e^r
/// (truncation error below 2^-27, so within 1 ulp after rounding), then scaling by 2^n split in two
/// factors so that results in the subnormal range and at the overflow edge are right.
/// </summary>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693145751953125f;      // high bits of ln 2, exact in float
    private const float Ln2Lo = 1.42860682030941723212e-6f; // ln 2 - Ln2Hi
    private const float MaxInput = 89f;   // exp(89) overflows float: the polynomial then yields +inf
    private const float MinInput = -104f; // exp(-104) is below half the smallest subnormal: yields 0

    // Adding 1.5 * 2^23 rounds to an integer held in the low mantissa bits (no round or convert instructions).
    private const float RoundingMagic = 12582912f;
    private const int RoundingMagicBits = 0x4B400000;

    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    public static void Exp(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length) throw new ArgumentException("Destination is too short.", nameof(destination));
        int n = x.Length, i = 0;
        ref float src = ref MemoryMarshal.GetReference(x);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            if (n >= NonTemporalThreshold) i = NonTemporal512(x, destination);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                Compute(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            if (i < n) Tail512(x[i..], destination[i..]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                Compute(Vector256.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            if (i < n) Tail256(x[i..], destination[i..]);
        }
        else
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
                Compute(Vector128.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            if (i < n) Tail128(x[i..], destination[i..]);
        }
    }

    /// <summary>Outputs larger than this (in elements) bypass the caches, which spares reading each destination line before writing it.</summary>
    private const int NonTemporalThreshold = 1 << 18;

    /// <summary>
    /// The bulk of a large span with aligned non-temporal stores; returns where the ordinary loop
    /// must continue. The head is done with ordinary stores until the destination is 64-byte aligned.
    /// </summary>
    private static unsafe int NonTemporal512(ReadOnlySpan<float> x, Span<float> destination)
    {
        int n = x.Length, i = 0;
        fixed (float* px = x)
        fixed (float* pd = destination)
        {
            int misalignment = (int)((nuint)pd % 64) / sizeof(float);
            if ((nuint)pd % sizeof(float) != 0) return 0;
            int head = misalignment == 0 ? 0 : 16 - misalignment;
            if (head > 0) Tail512(x[..head], destination[..head]);
            for (i = head; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                Compute(Vector512.Load(px + i)).StoreAlignedNonTemporal(pd + i);
        }
        return i;
    }

    /// <summary>exp of one float by the same algorithm as the vector path (so every element agrees).</summary>
    public static float Exp(float x)
    {
        Span<float> one = [x];
        Exp(one, one);
        return one[0];
    }

    // Tails go through a full vector on a stack buffer so every element sees the same arithmetic.
    private static void Tail512(ReadOnlySpan<float> x, Span<float> d)
    {
        Span<float> buf = stackalloc float[Vector512<float>.Count];
        x.CopyTo(buf);
        Compute(Vector512.Create((ReadOnlySpan<float>)buf)).CopyTo(buf);
        buf[..x.Length].CopyTo(d);
    }

    private static void Tail256(ReadOnlySpan<float> x, Span<float> d)
    {
        Span<float> buf = stackalloc float[Vector256<float>.Count];
        x.CopyTo(buf);
        Compute(Vector256.Create((ReadOnlySpan<float>)buf)).CopyTo(buf);
        buf[..x.Length].CopyTo(d);
    }

    private static void Tail128(ReadOnlySpan<float> x, Span<float> d)
    {
        Span<float> buf = stackalloc float[Vector128<float>.Count];
        x.CopyTo(buf);
        Compute(Vector128.Create((ReadOnlySpan<float>)buf)).CopyTo(buf);
        buf[..x.Length].CopyTo(d);
    }

    // One body per vector width: the generic ISimdVector interface is not public in .NET 10.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Compute(Vector512<float> x)
    {
        var xc = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        var t = Vector512.FusedMultiplyAdd(xc, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var k = t - Vector512.Create(RoundingMagic);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), xc);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(C7), r, Vector512.Create(C6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        Vector512<float> result;
        if (Avx512F.IsSupported)
        {
            result = Avx512F.Scale(p, k); // p * 2^k in one instruction, right through overflow and subnormals
        }
        else
        {
            var n = t.AsInt32() - Vector512.Create(RoundingMagicBits);
            var n1 = Vector512.ShiftRightArithmetic(n, 1);
            var n2 = n - n1;
            result = p * Vector512.ShiftLeft(n1 + Vector512.Create(127), 23).AsSingle() * Vector512.ShiftLeft(n2 + Vector512.Create(127), 23).AsSingle();
        }
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x); // NaN in, NaN out
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Compute(Vector256<float> x)
    {
        var xc = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        var t = Vector256.FusedMultiplyAdd(xc, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        var k = t - Vector256.Create(RoundingMagic);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), xc);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(C7), r, Vector256.Create(C6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        var n = t.AsInt32() - Vector256.Create(RoundingMagicBits);
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector256.ShiftLeft(n1 + Vector256.Create(127), 23).AsSingle();
        var s2 = Vector256.ShiftLeft(n2 + Vector256.Create(127), 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p * s1 * s2, x); // NaN in, NaN out
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Compute(Vector128<float> x)
    {
        var xc = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        var t = Vector128.FusedMultiplyAdd(xc, Vector128.Create(Log2E), Vector128.Create(RoundingMagic));
        var k = t - Vector128.Create(RoundingMagic);
        var r = Vector128.FusedMultiplyAdd(k, Vector128.Create(-Ln2Hi), xc);
        r = Vector128.FusedMultiplyAdd(k, Vector128.Create(-Ln2Lo), r);
        var p = Vector128.FusedMultiplyAdd(Vector128.Create(C7), r, Vector128.Create(C6));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C5));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C4));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C3));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C2));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        var n = t.AsInt32() - Vector128.Create(RoundingMagicBits);
        var n1 = Vector128.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector128.ShiftLeft(n1 + Vector128.Create(127), 23).AsSingle();
        var s2 = Vector128.ShiftLeft(n2 + Vector128.Create(127), 23).AsSingle();
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), p * s1 * s2, x); // NaN in, NaN out
    }
}
