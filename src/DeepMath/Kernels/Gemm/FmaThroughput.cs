using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// Measures the core's fused multiply-add ceiling: twelve independent FMA chains on the widest
/// accelerated vectors (enough to cover FMA latency on current cores). GEMM efficiency is quoted
/// against this measured peak.
/// </summary>
public static class FmaThroughput
{
    /// <summary>Runs the chains on the calling thread and returns the floating-point operations performed.</summary>
    /// <param name="doublePrecision">float64 lanes instead of float32.</param>
    /// <param name="iterations">Steps of the twelve chains.</param>
    public static double Run(bool doublePrecision, long iterations)
    {
        if (doublePrecision)
        {
            if (Vector512.IsHardwareAccelerated) return Chains<double, Vector512<double>, Vector512Double>(iterations);
            if (Vector256.IsHardwareAccelerated) return Chains<double, Vector256<double>, Vector256Double>(iterations);
            return Chains<double, Vector128<double>, Vector128Double>(iterations);
        }
        if (Vector512.IsHardwareAccelerated) return Chains<float, Vector512<float>, Vector512Single>(iterations);
        if (Vector256.IsHardwareAccelerated) return Chains<float, Vector256<float>, Vector256Single>(iterations);
        return Chains<float, Vector128<float>, Vector128Single>(iterations);
    }

    /// <summary>Bits per vector on the widest accelerated path.</summary>
    public static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe double Chains<T, TVector, TOps>(long iterations)
        where T : unmanaged, System.Numerics.INumberBase<T> where TVector : struct where TOps : struct, ISimdOps<TVector, T>
    {
        var a = TOps.Broadcast(T.CreateTruncating(0.9999999));
        var b = TOps.Broadcast(T.CreateTruncating(1e-7));
        TVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (long i = 0; i < iterations; i++)
        {
            c0 = TOps.MultiplyAdd(c0, a, b); c1 = TOps.MultiplyAdd(c1, a, b); c2 = TOps.MultiplyAdd(c2, a, b);
            c3 = TOps.MultiplyAdd(c3, a, b); c4 = TOps.MultiplyAdd(c4, a, b); c5 = TOps.MultiplyAdd(c5, a, b);
            c6 = TOps.MultiplyAdd(c6, a, b); c7 = TOps.MultiplyAdd(c7, a, b); c8 = TOps.MultiplyAdd(c8, a, b);
            c9 = TOps.MultiplyAdd(c9, a, b); c10 = TOps.MultiplyAdd(c10, a, b); c11 = TOps.MultiplyAdd(c11, a, b);
        }
        var sum = TOps.Add(TOps.Add(TOps.Add(c0, c1), TOps.Add(c2, c3)), TOps.Add(TOps.Add(c4, c5), TOps.Add(c6, c7)));
        sum = TOps.Add(sum, TOps.Add(TOps.Add(c8, c9), TOps.Add(c10, c11)));
        T* first = stackalloc T[TOps.Lanes];
        TOps.Store(first, sum);
        // The result is consumed so the chains cannot be removed; it is tiny, not NaN.
        return double.IsNaN(double.CreateTruncating(first[0])) ? 0 : 2.0 * 12 * TOps.Lanes * iterations;
    }
}
