using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// y = alpha * A * x + beta * y for an m x k matrix A (pointer and strides) and vectors with strides.
/// Every y element is one fused multiply-add chain over p = 0..k-1 from zero, then scaled, whatever
/// A's layout: contiguous columns are swept with vector FMAs across rows; contiguous rows are first
/// transposed in blocks of rows (so the chains still run across rows); other layouts run the chain
/// element by element. Results are therefore bit-identical across layouts and thread counts (rows are
/// split across threads; each y element is computed by one thread).
/// </summary>
internal static unsafe class GemvKernel
{
    private const long MinWorkPerThread = 1 << 16;

    /// <summary>Rows transposed at once when A's rows are contiguous.</summary>
    private const int RowBlock = 64;

    /// <summary>Columns transposed at once (bounds the buffer to RowBlock x ColumnBlock elements).</summary>
    private const int ColumnBlock = 256;

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
            int blocks = (m + RowBlock - 1) / RowBlock;
            int parts = Math.Min(blocks, Parallelism.PartsFor((long)m * k, MinWorkPerThread));
            var job = new RowsJob<T>(m, k, alpha, a, rs, cs, xv, beta, y, incY, parts, blocks);
            if (parts == 1) job.Execute(0);
            else Parallelism.For(parts, job.Execute);
        }
    }

    private sealed class RowsJob<T>(int m, int k, T alpha, T* a, long rs, long cs, T* x, T beta, T* y, long incY, int parts, int blocks)
        where T : unmanaged, INumberBase<T>
    {
        public void Execute(int part)
        {
            int first = Parallelism.PartStart(blocks, parts, part) * RowBlock;
            int last = Math.Min(m, Parallelism.PartStart(blocks, parts, part + 1) * RowBlock);
            Span<T> sum = stackalloc T[RowBlock];
            // Pooled: a fresh 128 KiB buffer per product would land in the large object heap every call.
            T[]? transposed = cs == 1 && rs != 1 ? ArrayPool<T>.Shared.Rent(RowBlock * ColumnBlock) : null;
            try
            {
            for (int i0 = first; i0 < last; i0 += RowBlock)
            {
                int rows = Math.Min(RowBlock, last - i0);
                var acc = sum[..rows];
                acc.Clear();
                if (rs == 1) Columns(acc, a + i0, cs, k, x);
                else if (transposed is not null) TransposedRows(acc, a + i0 * rs, rs, k, x, transposed);
                else Elements(acc, a + i0 * rs, rs, cs, k, x);
                for (int i = 0; i < rows; i++)
                {
                    T* target = y + (i0 + i) * incY;
                    *target = T.IsZero(beta) ? alpha * acc[i] : alpha * acc[i] + beta * *target;
                }
            }
            }
            finally
            {
                if (transposed is not null) ArrayPool<T>.Shared.Return(transposed);
            }
        }
    }

    /// <summary>acc[i] = fma(a[i, p], x[p], acc[i]) for p in order, columns contiguous.</summary>
    private static void Columns<T>(Span<T> acc, T* a, long cs, int k, T* x) where T : unmanaged, INumberBase<T>
    {
        for (int p = 0; p < k; p++) FusedAxpy(new ReadOnlySpan<T>(a + p * cs, acc.Length), x[p], acc);
    }

    /// <summary>The same chains for contiguous rows: a block of columns is transposed into a buffer, then swept as columns.</summary>
    private static void TransposedRows<T>(Span<T> acc, T* a, long rs, int k, T* x, T[] buffer) where T : unmanaged, INumberBase<T>
    {
        int rows = acc.Length;
        for (int p0 = 0; p0 < k; p0 += ColumnBlock)
        {
            int columns = Math.Min(ColumnBlock, k - p0);
            for (int i = 0; i < rows; i++)
            {
                T* row = a + i * rs + p0;
                for (int p = 0; p < columns; p++) buffer[p * rows + i] = row[p];
            }
            fixed (T* b = buffer)
                for (int p = 0; p < columns; p++) FusedAxpy(new ReadOnlySpan<T>(b + p * rows, rows), x[p0 + p], acc);
        }
    }

    private static void Elements<T>(Span<T> acc, T* a, long rs, long cs, int k, T* x) where T : unmanaged, INumberBase<T>
    {
        for (int i = 0; i < acc.Length; i++)
        {
            T s = acc[i];
            for (int p = 0; p < k; p++) s = Fma(a[i * rs + p * cs], x[p], s);
            acc[i] = s;
        }
    }

    /// <summary>acc = column * scalar + acc with one rounding per element (an exact multiply-add for integers).</summary>
    private static void FusedAxpy<T>(ReadOnlySpan<T> column, T scalar, Span<T> acc) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(float))
        {
            var sums = MemoryMarshal.Cast<T, float>(acc);
            TensorPrimitives.FusedMultiplyAdd(MemoryMarshal.Cast<T, float>(column), Unsafe.As<T, float>(ref scalar), sums, sums);
        }
        else if (typeof(T) == typeof(double))
        {
            var sums = MemoryMarshal.Cast<T, double>(acc);
            TensorPrimitives.FusedMultiplyAdd(MemoryMarshal.Cast<T, double>(column), Unsafe.As<T, double>(ref scalar), sums, sums);
        }
        else
            for (int i = 0; i < acc.Length; i++) acc[i] = Fma(column[i], scalar, acc[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Fma<T>(T a, T b, T c) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(double))
        {
            double r = Math.FusedMultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref r);
        }
        if (typeof(T) == typeof(float))
        {
            float r = MathF.FusedMultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
            return Unsafe.As<float, T>(ref r);
        }
        return a * b + c;
    }
}
