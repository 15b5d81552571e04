using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DeepMath.Kernels.Gemm;

/// <summary>How a micro-kernel writes its tile into C.</summary>
internal enum WriteMode
{
    /// <summary>C = tile (beta = 0: whatever C held, NaN included, is overwritten, as in BLAS).</summary>
    Overwrite,
    /// <summary>C = C + tile (later blocks of the k loop).</summary>
    Accumulate,
    /// <summary>C = beta * C + tile.</summary>
    Scale,
}

/// <summary>
/// The register-blocked GEMM micro-kernel: a 6 x (2 vectors) tile of C held in 12 vector
/// registers, updated with one fused multiply-add per register per step of k. 15 registers in all,
/// so the same kernel fits AVX2 (16 registers), AVX-512 and ARM64 (32) without spills.
/// A element (i, p) is read at a[i * aRow + p * aStep] (broadcast), B row p at b[p * bStep]
/// (2 vectors): packed panels and plain row-major operands are the same code with other strides.
/// </summary>
internal static unsafe class MicroKernel<T, TVector, TOps>
    where T : unmanaged, INumberBase<T>
    where TVector : struct
    where TOps : struct, ISimdOps<TVector, T>
{
    public const int Rows = 6;

    public static int Columns => 2 * TOps.Lanes;

    /// <summary>Columns of the narrow kernel (one vector).</summary>
    public static int NarrowColumns => TOps.Lanes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, long aRow, long aStep, T* b, long bStep, T* c, long rsC, T alpha, T beta, WriteMode mode)
    {
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        long o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow, o4 = 4 * aRow, o5 = 5 * aRow;
        int lanes = TOps.Lanes;
        PrefetchTile(c, rsC, lanes);
        for (int p = 0; p < kc; p++)
        {
            var b0 = TOps.Load(b);
            var b1 = TOps.Load(b + lanes);
            var x = TOps.Broadcast(a[0]);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[o1]);
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[o2]);
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[o3]);
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[o4]);
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[o5]);
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            a += aStep;
            b += bStep;
        }
        var alphaVector = TOps.Broadcast(alpha);
        var betaVector = TOps.Broadcast(beta);
        WriteRow(c, lanes, c00, c01, alphaVector, betaVector, mode);
        WriteRow(c + rsC, lanes, c10, c11, alphaVector, betaVector, mode);
        WriteRow(c + 2 * rsC, lanes, c20, c21, alphaVector, betaVector, mode);
        WriteRow(c + 3 * rsC, lanes, c30, c31, alphaVector, betaVector, mode);
        WriteRow(c + 4 * rsC, lanes, c40, c41, alphaVector, betaVector, mode);
        WriteRow(c + 5 * rsC, lanes, c50, c51, alphaVector, betaVector, mode);
    }

    /// <summary>
    /// The same tile with one vector of columns (6 accumulators), for the last panel when at most one
    /// vector's worth of columns remains: half the work of the full kernel there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunNarrow(int kc, T* a, long aRow, long aStep, T* b, long bStep, T* c, long rsC, T alpha, T beta, WriteMode mode)
    {
        TVector c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        long o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow, o4 = 4 * aRow, o5 = 5 * aRow;
        for (int p = 0; p < kc; p++)
        {
            var b0 = TOps.Load(b);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(a[0]), b0, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(a[o1]), b0, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(a[o2]), b0, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(a[o3]), b0, c3);
            c4 = TOps.MultiplyAdd(TOps.Broadcast(a[o4]), b0, c4);
            c5 = TOps.MultiplyAdd(TOps.Broadcast(a[o5]), b0, c5);
            a += aStep;
            b += bStep;
        }
        var alphaVector = TOps.Broadcast(alpha);
        var betaVector = TOps.Broadcast(beta);
        WriteVector(c, c0, alphaVector, betaVector, mode);
        WriteVector(c + rsC, c1, alphaVector, betaVector, mode);
        WriteVector(c + 2 * rsC, c2, alphaVector, betaVector, mode);
        WriteVector(c + 3 * rsC, c3, alphaVector, betaVector, mode);
        WriteVector(c + 4 * rsC, c4, alphaVector, betaVector, mode);
        WriteVector(c + 5 * rsC, c5, alphaVector, betaVector, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteVector(T* c, TVector v, TVector alpha, TVector beta, WriteMode mode)
    {
        switch (mode)
        {
            case WriteMode.Overwrite:
                TOps.Store(c, TOps.Multiply(v, alpha));
                break;
            case WriteMode.Accumulate:
                TOps.Store(c, TOps.MultiplyAdd(v, alpha, TOps.Load(c)));
                break;
            default:
                TOps.Store(c, TOps.MultiplyAdd(v, alpha, TOps.Multiply(TOps.Load(c), beta)));
                break;
        }
    }

    /// <summary>Starts loading the C tile now so it has arrived by the time the k loop ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(T* c, long rsC, int lanes)
    {
        if (!Sse.IsSupported) return;
        for (int i = 0; i < Rows; i++)
        {
            Sse.Prefetch0(c + i * rsC);
            Sse.Prefetch0(c + i * rsC + 2 * lanes - 1);
        }
    }

    /// <summary>Writes alpha * tile into a row of C: overwriting, accumulating, or over beta * C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(T* c, int lanes, TVector v0, TVector v1, TVector alpha, TVector beta, WriteMode mode)
    {
        switch (mode)
        {
            case WriteMode.Overwrite:
                TOps.Store(c, TOps.Multiply(v0, alpha));
                TOps.Store(c + lanes, TOps.Multiply(v1, alpha));
                break;
            case WriteMode.Accumulate:
                TOps.Store(c, TOps.MultiplyAdd(v0, alpha, TOps.Load(c)));
                TOps.Store(c + lanes, TOps.MultiplyAdd(v1, alpha, TOps.Load(c + lanes)));
                break;
            default:
                TOps.Store(c, TOps.MultiplyAdd(v0, alpha, TOps.Multiply(TOps.Load(c), beta)));
                TOps.Store(c + lanes, TOps.MultiplyAdd(v1, alpha, TOps.Multiply(TOps.Load(c + lanes), beta)));
                break;
        }
    }
}
