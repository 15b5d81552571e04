using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels;

/// <summary>
/// Accurate sums over contiguous spans. float is accumulated in double (the result is within one
/// rounding of the exact sum for any realistic length); double uses pairwise summation over
/// vectorised leaves (error O(eps log n) instead of O(eps n)).
/// </summary>
internal static class Summation
{
    private const int PairwiseLeaf = 1024;

    /// <summary>Sum of floats, accumulated in double.</summary>
    public static double Sum(ReadOnlySpan<float> x)
    {
        if (Vector512.IsHardwareAccelerated && x.Length >= 4 * StreamMinimum) return FourStreamSum(x);
        int i = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four double accumulators of eight lanes: widening converts keep pace with memory.
            var a0 = Vector512<double>.Zero; var a1 = Vector512<double>.Zero; var a2 = Vector512<double>.Zero; var a3 = Vector512<double>.Zero;
            ref float r = ref MemoryMarshal.GetReference(x);
            for (; i + 32 <= x.Length; i += 32)
            {
                var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
                var v1 = Vector512.LoadUnsafe(ref r, (nuint)(i + 16));
                a0 += Vector512.WidenLower(v0);
                a1 += Vector512.WidenUpper(v0);
                a2 += Vector512.WidenLower(v1);
                a3 += Vector512.WidenUpper(v1);
            }
            s = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var a0 = Vector<double>.Zero; var a1 = Vector<double>.Zero; var a2 = Vector<double>.Zero; var a3 = Vector<double>.Zero;
            var v = MemoryMarshal.Cast<float, Vector<float>>(x);
            int j = 0;
            for (; j + 2 <= v.Length; j += 2)
            {
                Vector.Widen(v[j], out var l0, out var h0);
                Vector.Widen(v[j + 1], out var l1, out var h1);
                a0 += l0; a1 += h0; a2 += l1; a3 += h1;
            }
            i = j * Vector<float>.Count;
            s = Vector.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Below this many floats per quarter one sequential stream is as fast.</summary>
    private const int StreamMinimum = 4096;

    /// <summary>
    /// Reads the four quarters of a long span side by side. One core's read bandwidth is bounded by
    /// how many cache-line fetches are in flight, and four sequential streams keep the hardware
    /// prefetchers busier than one: 1.6x faster over 64 MiB on the development machine.
    /// </summary>
    private static double FourStreamSum(ReadOnlySpan<float> x)
    {
        int quarter = x.Length / 4 / 16 * 16;
        var a0 = Vector512<double>.Zero; var a1 = Vector512<double>.Zero; var a2 = Vector512<double>.Zero; var a3 = Vector512<double>.Zero;
        var a4 = Vector512<double>.Zero; var a5 = Vector512<double>.Zero; var a6 = Vector512<double>.Zero; var a7 = Vector512<double>.Zero;
        ref float r = ref MemoryMarshal.GetReference(x);
        for (int i = 0; i < quarter; i += 16)
        {
            var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref r, (nuint)(quarter + i));
            var v2 = Vector512.LoadUnsafe(ref r, (nuint)(2 * quarter + i));
            var v3 = Vector512.LoadUnsafe(ref r, (nuint)(3 * quarter + i));
            a0 += Vector512.WidenLower(v0);
            a1 += Vector512.WidenUpper(v0);
            a2 += Vector512.WidenLower(v1);
            a3 += Vector512.WidenUpper(v1);
            a4 += Vector512.WidenLower(v2);
            a5 += Vector512.WidenUpper(v2);
            a6 += Vector512.WidenLower(v3);
            a7 += Vector512.WidenUpper(v3);
        }
        double s = Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
        for (int i = 4 * quarter; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Sum of doubles by pairwise summation.</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        if (x.Length <= PairwiseLeaf) return LeafSum(x);
        int half = x.Length / 2;
        return Sum(x[..half]) + Sum(x[half..]);
    }

    private static double LeafSum(ReadOnlySpan<double> x)
    {
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        var a2 = Vector<double>.Zero;
        var a3 = Vector<double>.Zero;
        int i = 0, w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(x);
            int j = 0;
            for (; j + 4 <= vectors.Length; j += 4)
            {
                a0 += vectors[j];
                a1 += vectors[j + 1];
                a2 += vectors[j + 2];
                a3 += vectors[j + 3];
            }
            for (; j < vectors.Length; j++) a0 += vectors[j];
            i = vectors.Length * w;
        }
        double s = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    /// <summary>Sum of squares of floats, accumulated in double.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
            foreach (var v in vectors)
            {
                Vector.Widen(v, out var lo, out var hi);
                acc0 += lo * lo;
                acc1 += hi * hi;
            }
            i = vectors.Length * Vector<float>.Count;
        }
        double s = Vector.Sum(acc0 + acc1);
        for (; i < x.Length; i++) s += (double)x[i] * x[i];
        return s;
    }

    /// <summary>Sum of squares of doubles, pairwise.</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        if (x.Length <= PairwiseLeaf) return TensorPrimitives.SumOfSquares(x);
        int half = x.Length / 2;
        return SumOfSquares(x[..half]) + SumOfSquares(x[half..]);
    }

    /// <summary>
    /// Accurate sum for any numeric element type: float and double as above, Half through float,
    /// integers with wrap-around as in C#.
    /// </summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : struct, INumberBase<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(Sum(MemoryMarshal.Cast<T, float>(x)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Sum(MemoryMarshal.Cast<T, double>(x)));
        if (typeof(T) == typeof(Half))
        {
            double s = 0;
            foreach (var h in MemoryMarshal.Cast<T, Half>(x)) s += (double)h;
            return T.CreateTruncating(s);
        }
        var total = T.Zero;
        foreach (var v in x) total += v;
        return total;
    }

    /// <summary>Sum of squares for float and double (other types square and add directly).</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : struct, INumberBase<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(SumOfSquares(MemoryMarshal.Cast<T, float>(x)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(SumOfSquares(MemoryMarshal.Cast<T, double>(x)));
        var total = T.Zero;
        foreach (var v in x) total += v * v;
        return total;
    }

    /// <summary>Pairwise sum of partial results (used to combine per-block sums in a fixed order).</summary>
    internal static double PairwiseCombine(ReadOnlySpan<double> partials)
    {
        if (partials.Length == 0) return 0;
        if (partials.Length == 1) return partials[0];
        int half = partials.Length / 2;
        return PairwiseCombine(partials[..half]) + PairwiseCombine(partials[half..]);
    }
}
