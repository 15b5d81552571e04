using System.Numerics;
using System.Numerics.Tensors;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// y = alpha * A * x + beta * y for an m x k matrix A (pointer and strides) and vectors with strides:
/// row dot products when A's rows are contiguous, column updates (axpy) when its columns are, a plain
/// loop otherwise. Rows are split across threads for large matrices; each y element is computed by
/// one thread, so results do not depend on the thread count.
/// </summary>
internal static unsafe class GemvKernel
{
    private const long MinWorkPerThread = 1 << 16;

    public static void Multiply<T>(int m, int k, T alpha, T* a, long rs, long cs, T* x, long incX, T beta, T* y, long incY)
        where T : unmanaged, INumberBase<T>
    {
        if (m == 0) return;
        if (k == 0 || T.IsZero(alpha))
        {
            for (int i = 0; i < m; i++) y[i * incY] = T.IsZero(beta) ? T.Zero : beta * y[i * incY];
            return;
        }
        T[]? packedX = null;
        if (incX != 1)
        {
            packedX = new T[k];
            for (int p = 0; p < k; p++) packedX[p] = x[p * incX];
        }
        fixed (T* xs = packedX)
        {
            T* xv = packedX is null ? x : xs;
            int parts = Parallelism.PartsFor((long)m * k, MinWorkPerThread);
            if (cs == 1)
            {
                if (parts == 1) Rows(0, m, k, alpha, a, rs, xv, beta, y, incY);
                else
                {
                    var job = new RowsJob<T>(m, k, alpha, a, rs, xv, beta, y, incY, parts);
                    Parallelism.For(parts, job.Execute);
                }
            }
            else Columns(m, k, alpha, a, rs, cs, xv, beta, y, incY);
        }
    }

    private static void Rows<T>(int first, int last, int k, T alpha, T* a, long rs, T* x, T beta, T* y, long incY)
        where T : unmanaged, INumberBase<T>
    {
        var xs = new ReadOnlySpan<T>(x, k);
        for (int i = first; i < last; i++)
        {
            T dot = TensorPrimitives.Dot(new ReadOnlySpan<T>(a + i * rs, k), xs);
            T* target = y + i * incY;
            *target = T.IsZero(beta) ? alpha * dot : alpha * dot + beta * *target;
        }
    }

    private sealed class RowsJob<T>(int m, int k, T alpha, T* a, long rs, T* x, T beta, T* y, long incY, int parts)
        where T : unmanaged, INumberBase<T>
    {
        public void Execute(int part)
            => Rows(Parallelism.PartStart(m, parts, part), Parallelism.PartStart(m, parts, part + 1), k, alpha, a, rs, x, beta, y, incY);
    }

    /// <summary>Accumulates x[p] times column p (contiguous when rs == 1), then combines with y.</summary>
    private static void Columns<T>(int m, int k, T alpha, T* a, long rs, long cs, T* x, T beta, T* y, long incY)
        where T : unmanaged, INumberBase<T>
    {
        var sum = new T[m];
        if (rs == 1)
        {
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(a + p * cs, m), x[p], sum, sum);
        }
        else
        {
            for (int p = 0; p < k; p++)
            {
                T xp = x[p];
                for (int i = 0; i < m; i++) sum[i] += a[i * rs + p * cs] * xp;
            }
        }
        for (int i = 0; i < m; i++)
        {
            T* target = y + i * incY;
            *target = T.IsZero(beta) ? alpha * sum[i] : alpha * sum[i] + beta * *target;
        }
    }
}
