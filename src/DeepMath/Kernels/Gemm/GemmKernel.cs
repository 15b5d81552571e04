using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// Entry point of the matrix multiply: C = alpha * A * B + beta * C on raw pointers and strides.
/// float and double run the SIMD driver with the widest accelerated vectors; other element types
/// (and machines without SIMD) run a straightforward loop.
/// </summary>
internal static unsafe class GemmKernel
{
    /// <summary>Runs one product using at most <paramref name="maxThreads"/> threads (default: <see cref="Parallelism.MaxThreads"/>).</summary>
    public static void Multiply<T>(GemmProblem<T> g, int maxThreads = 0) where T : unmanaged, INumberBase<T>
    {
        if (maxThreads <= 0) maxThreads = Parallelism.MaxThreads;
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || T.IsZero(g.Alpha))
        {
            ScaleC(g);
            return;
        }
        // A product with one column (or one row) is a matrix-vector product: no micro-tiles to waste.
        if (g.N == 1)
        {
            GemvKernel.Multiply(g.M, g.K, g.Alpha, g.A, g.RsA, g.CsA, g.B, g.RsB, g.Beta, g.C, g.RsC);
            return;
        }
        if (g.M == 1)
        {
            GemvKernel.Multiply(g.N, g.K, g.Alpha, g.B, g.CsB, g.RsB, g.A, g.CsA, g.Beta, g.C, g.CsC);
            return;
        }
        g = BetterOrientation(g);
        if (typeof(T) == typeof(float))
        {
            var f = *(GemmProblem<float>*)&g;
            if (Vector512.IsHardwareAccelerated) GemmDriver<float, Vector512<float>, Vector512Single>.Run(f, maxThreads);
            else if (Vector256.IsHardwareAccelerated) GemmDriver<float, Vector256<float>, Vector256Single>.Run(f, maxThreads);
            else if (Vector128.IsHardwareAccelerated) GemmDriver<float, Vector128<float>, Vector128Single>.Run(f, maxThreads);
            else Reference(g);
            return;
        }
        if (typeof(T) == typeof(double))
        {
            var d = *(GemmProblem<double>*)&g;
            if (Vector512.IsHardwareAccelerated) GemmDriver<double, Vector512<double>, Vector512Double>.Run(d, maxThreads);
            else if (Vector256.IsHardwareAccelerated) GemmDriver<double, Vector256<double>, Vector256Double>.Run(d, maxThreads);
            else if (Vector128.IsHardwareAccelerated) GemmDriver<double, Vector128<double>, Vector128Double>.Run(d, maxThreads);
            else Reference(g);
            return;
        }
        Reference(g);
    }

    /// <summary>
    /// C = A B is the same as C^T = B^T A^T, which is only a swap of operands and strides. The
    /// micro-tile is 6 rows by 2 vectors (16-32 columns), so when C has few columns and more rows
    /// (n = 10, m = 64, say) the swapped problem fills the tiles far better.
    /// </summary>
    private static GemmProblem<T> BetterOrientation<T>(GemmProblem<T> g) where T : unmanaged, INumberBase<T>
    {
        int columns = 2 * (Vector512.IsHardwareAccelerated ? 64 : Vector256.IsHardwareAccelerated ? 32 : 16) / sizeof(T);
        var swapped = new GemmProblem<T>(g.N, g.M, g.K, g.Alpha, g.B, g.CsB, g.RsB, g.A, g.CsA, g.RsA, g.Beta, g.C, g.CsC, g.RsC);
        double fill = TileFill(g.M, g.N, columns), swappedFill = TileFill(g.N, g.M, columns);
        // Keeping a product that can skip packing is worth some idle lanes. Otherwise swap only for a
        // clearly better fill: the swap turns row-major operands column-major, whose packing gathers
        // with a large stride (64 x 784 by 784 x 512 ran at half speed swapped for a 2 % better fill).
        bool direct = CanSkipPacking(g), swappedDirect = CanSkipPacking(swapped);
        if (direct && !swappedDirect) return swappedFill > 2 * fill ? swapped : g;
        if (swappedDirect && !direct) return fill > 2 * swappedFill ? g : swapped;
        return swappedFill > 1.25 * fill ? swapped : g;
    }

    /// <summary>Small problems with unit-stride rows of B run without packing (see the driver).</summary>
    internal static bool CanSkipPacking<T>(GemmProblem<T> g) where T : unmanaged
        => g.CsB == 1 && ((long)g.M * g.K + (long)g.K * g.N) * sizeof(T) <= CacheInfo.Current.L2 / 2;

    /// <summary>
    /// The share of micro-tile work that lands on real elements of an m x n product (a last panel of
    /// at most half the columns runs the narrow kernel).
    /// </summary>
    private static double TileFill(int m, int n, int columns)
    {
        int full = n / columns, rest = n % columns;
        double computed = full * columns + (rest == 0 ? 0 : rest <= columns / 2 ? columns / 2 : columns);
        return m / (6.0 * ((m + 5) / 6)) * (n / computed);
    }

    /// <summary>C = beta * C (beta = 0 writes zeros, so NaN in C does not survive).</summary>
    private static void ScaleC<T>(GemmProblem<T> g) where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < g.M; i++)
            for (int j = 0; j < g.N; j++)
            {
                T* c = g.C + i * g.RsC + j * g.CsC;
                *c = T.IsZero(g.Beta) ? T.Zero : g.Beta * *c;
            }
    }

    /// <summary>The portable loop (i, p, j order, so B and C rows stream).</summary>
    private static void Reference<T>(GemmProblem<T> g) where T : unmanaged, INumberBase<T>
    {
        ScaleC(g);
        for (int i = 0; i < g.M; i++)
            for (int p = 0; p < g.K; p++)
            {
                T aip = g.Alpha * g.A[i * g.RsA + p * g.CsA];
                T* b = g.B + p * g.RsB;
                T* c = g.C + i * g.RsC;
                for (int j = 0; j < g.N; j++) c[j * g.CsC] += aip * b[j * g.CsB];
            }
    }
}
