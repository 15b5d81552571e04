using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

/// <summary>A reduction: its identity, a body for one contiguous run, and a vector accumulate for column sweeps.</summary>
internal interface IReducer<T>
{
    /// <summary>Name used in error messages.</summary>
    string Name { get; }

    /// <summary>False for min and max, which refuse empty input.</summary>
    bool HasIdentity { get; }

    T Identity { get; }

    /// <summary>Reduces one contiguous run (accurately: pairwise or widened for sums).</summary>
    T ReduceRun(ReadOnlySpan<T> x);

    /// <summary>Reduces a long run by fixed-size blocks (parallel, the same result for any thread count).</summary>
    T ReduceLarge(T[] data, int offset, int length);

    /// <summary>accumulator[i] = combine(accumulator[i], x[i]).</summary>
    void Accumulate(Span<T> accumulator, ReadOnlySpan<T> x);
}

/// <summary>
/// The reduction engine. The reduced axes are arranged (by a view when possible, a copy otherwise)
/// as [outer, reduced, inner]: with inner = 1 each output is the reduction of a contiguous run,
/// otherwise whole rows of the inner block are accumulated with vector operations, pairwise over the
/// reduced axis. Work is split over outputs (or over fixed blocks of one long run), so results do
/// not depend on the thread count.
/// </summary>
internal static class Reduction
{
    /// <summary>Block length for splitting one long run; fixed so the result never depends on threads.</summary>
    public const int BlockLength = 1 << 16;

    /// <summary>
    /// Block length of float and double sums: long enough that the four read streams of
    /// <see cref="Summation"/> run at full speed between block starts; also fixed.
    /// </summary>
    public const int SumBlockLength = 1 << 18;

    private const int MinInnerForColumns = 8;

    /// <summary>Normalises, sorts and de-duplicates axes (all axes when null).</summary>
    public static int[] NormalizeAxes(ReadOnlySpan<int> axes, bool all, int rank)
    {
        if (all) return rank < AllAxes.Length ? AllAxes[rank] : [.. Enumerable.Range(0, rank)];
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) result[i] = Shape.NormalizeAxis(axes[i], rank);
        Array.Sort(result);
        for (int i = 1; i < result.Length; i++)
            if (result[i] == result[i - 1]) throw new ArgumentException($"Axis {result[i]} is repeated in the reduction axes.");
        return result;
    }

    // Shared, never mutated: the "all axes" lists for small ranks.
    private static readonly int[][] AllAxes = [.. Enumerable.Range(0, 9).Select(r => Enumerable.Range(0, r).ToArray())];

    /// <summary>The output shape of reducing <paramref name="axes"/>.</summary>
    public static int[] OutputShape(int[] shape, int[] axes, bool keepDims)
    {
        if (!keepDims && axes.Length == shape.Length) return [];
        var result = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            bool reduced = Array.BinarySearch(axes, i) >= 0;
            if (!reduced) result.Add(shape[i]);
            else if (keepDims) result.Add(1);
        }
        return [.. result];
    }

    public static Tensor<T> Reduce<T, TR>(Tensor<T> x, int[] axes, bool keepDims, TR reducer)
        where T : unmanaged where TR : struct, IReducer<T>
    {
        var shape = x.ShapeArray;
        var outShape = OutputShape(shape, axes, keepDims);
        long reducedCount = 1;
        foreach (var a in axes) reducedCount *= shape[a];
        int outCount = Shape.CheckedCount(outShape);
        if (reducedCount == 0 && !reducer.HasIdentity && outCount > 0)
            throw new ArgumentException($"{reducer.Name}: cannot reduce an empty axis of shape {Shape.Format(shape)} (no identity).");
        var result = new Tensor<T>(Elementwise.Allocate<T>(outCount), outShape);
        if (outCount == 0) return result;
        if (axes.Length == 0)
        {
            Elementwise.Copy(x.Detach(), result);
            return result;
        }
        if (reducedCount == 0)
        {
            result.Storage.AsSpan().Fill(reducer.Identity);
            return result;
        }

        var (source, outer, mid, inner) = Arrange(x, axes);
        var output = result.Storage;
        var data = source.Storage;
        int baseOffset = source.Offset;
        if (inner == 1 && outer == 1)
            output[0] = mid >= 2 * BlockLength ? reducer.ReduceLarge(data, baseOffset, mid) : reducer.ReduceRun(data.AsSpan(baseOffset, mid));
        else if (inner == 1)
        {
            int parts = Parallelism.PartsFor((long)outer * mid, Elementwise.CheapGrain);
            if (parts == 1) Rows(data, baseOffset, mid, output, 0, outer, reducer);
            else Parallelism.For(parts, p => Rows(data, baseOffset, mid, output, Parallelism.PartStart(outer, parts, p), Parallelism.PartStart(outer, parts, p + 1), reducer));
        }
        else if (outer == 1)
        {
            // One block: split its columns across threads (each column's result is independent of the split).
            int parts = Math.Min(Parallelism.PartsFor((long)mid * inner, Elementwise.CheapGrain), Math.Max(1, inner / MinInnerForColumns));
            if (parts == 1) Columns(data, baseOffset, mid, inner, inner, output, reducer);
            else ColumnsParallel(data, baseOffset, mid, inner, output, reducer, parts);
        }
        else
        {
            int parts = Parallelism.PartsFor((long)outer * mid * inner, Elementwise.CheapGrain);
            if (parts == 1) Blocks(data, baseOffset, mid, inner, output, 0, outer, reducer);
            else Parallelism.For(parts, p => Blocks(data, baseOffset, mid, inner, output, Parallelism.PartStart(outer, parts, p), Parallelism.PartStart(outer, parts, p + 1), reducer));
        }
        return result;
    }

    private static void Rows<T, TR>(T[] data, int offset, int mid, T[] output, int first, int last, TR reducer) where TR : struct, IReducer<T>
    {
        for (int o = first; o < last; o++) output[o] = reducer.ReduceRun(data.AsSpan(offset + o * mid, mid));
    }

    private static void Blocks<T, TR>(T[] data, int offset, int mid, int inner, T[] output, int first, int last, TR reducer) where TR : struct, IReducer<T>
    {
        for (int o = first; o < last; o++) Columns(data, offset + o * mid * inner, mid, inner, inner, output.AsSpan(o * inner, inner), reducer);
    }

    private static void ColumnsParallel<T, TR>(T[] data, int offset, int mid, int inner, T[] output, TR reducer, int parts) where TR : struct, IReducer<T>
        => Parallelism.For(parts, p =>
        {
            int c0 = Parallelism.PartStart(inner, parts, p), c1 = Parallelism.PartStart(inner, parts, p + 1);
            Columns(data, offset + c0, mid, c1 - c0, inner, output.AsSpan(c0, c1 - c0), reducer);
        });

    /// <summary>Views or copies x so the reduced axes form the middle of a contiguous [outer, mid, inner] block.</summary>
    private static (Tensor<T> Source, int Outer, int Mid, int Inner) Arrange<T>(Tensor<T> x, int[] axes) where T : unmanaged
    {
        var shape = x.ShapeArray;
        bool block = true;
        for (int i = 1; i < axes.Length; i++) block &= axes[i] == axes[i - 1] + 1;
        if (block)
        {
            int first = axes[0], last = axes[^1];
            int outer = Product(shape, 0, first), mid = Product(shape, first, last + 1), inner = Product(shape, last + 1, shape.Length);
            if (inner == 1 || inner >= MinInnerForColumns) return (x.Contiguous(), outer, mid, inner);
        }
        var order = new int[shape.Length];
        int k = 0;
        for (int i = 0; i < shape.Length; i++)
            if (Array.BinarySearch(axes, i) < 0) order[k++] = i;
        foreach (var a in axes) order[k++] = a;
        Tensor<T> permuted;
        using (GradMode.Disable()) permuted = x.Detach().Permute(order).Contiguous();
        int reduced = 1;
        foreach (var a in axes) reduced *= shape[a];
        return (permuted, x.Length / reduced, reduced, 1);
    }

    private static int Product(int[] shape, int from, int to)
    {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /// <summary>Reduces `rows` rows of `cols` columns (row stride `stride`) pairwise into output.</summary>
    private static void Columns<T, TR>(T[] data, int offset, int rows, int cols, int stride, Span<T> output, TR reducer)
        where TR : struct, IReducer<T>
    {
        if (rows <= 8)
        {
            data.AsSpan(offset, cols).CopyTo(output);
            for (int r = 1; r < rows; r++) reducer.Accumulate(output, data.AsSpan(offset + r * stride, cols));
            return;
        }
        int half = rows / 2;
        Columns(data, offset, half, cols, stride, output, reducer);
        var buffer = ArrayPool<T>.Shared.Rent(cols);
        try
        {
            var second = buffer.AsSpan(0, cols);
            Columns(data, offset + half * stride, rows - half, cols, stride, second, reducer);
            reducer.Accumulate(output, second);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>Reduces fixed-size blocks in parallel, then the block results in order.</summary>
    public static T BlockReduce<T, TR>(T[] data, int offset, int length, TR reducer) where TR : struct, IReducer<T>
    {
        int blocks = (length + BlockLength - 1) / BlockLength;
        var partial = new T[blocks];
        int parts = Math.Min(blocks, Parallelism.PartsFor(length, BlockLength));
        Parallelism.For(parts, p =>
        {
            int s = Parallelism.PartStart(blocks, parts, p), e = Parallelism.PartStart(blocks, parts, p + 1);
            for (int b = s; b < e; b++)
            {
                int start = b * BlockLength;
                partial[b] = reducer.ReduceRun(data.AsSpan(offset + start, Math.Min(BlockLength, length - start)));
            }
        });
        return reducer.ReduceRun(partial);
    }
}

internal readonly struct SumReducer<T> : IReducer<T> where T : struct, INumberBase<T>
{
    public string Name => "sum";
    public bool HasIdentity => true;
    public T Identity => T.Zero;
    public T ReduceRun(ReadOnlySpan<T> x) => Summation.Sum(x);
    public void Accumulate(Span<T> accumulator, ReadOnlySpan<T> x) => TensorPrimitives.Add(accumulator, x, accumulator);

    public T ReduceLarge(T[] data, int offset, int length)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return Reduction.BlockReduce(data, offset, length, this);
        // Block sums are kept in double and combined pairwise, so float totals round only once.
        int blocks = (length + Reduction.SumBlockLength - 1) / Reduction.SumBlockLength;
        var partial = new double[blocks];
        int parts = Math.Min(blocks, Parallelism.PartsFor(length, Reduction.SumBlockLength));
        Parallelism.For(parts, p =>
        {
            int s = Parallelism.PartStart(blocks, parts, p), e = Parallelism.PartStart(blocks, parts, p + 1);
            for (int b = s; b < e; b++)
            {
                int start = b * Reduction.SumBlockLength, n = Math.Min(Reduction.SumBlockLength, length - start);
                partial[b] = typeof(T) == typeof(float)
                    ? Summation.Sum(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(data.AsSpan(offset + start, n)))
                    : Summation.Sum(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(data.AsSpan(offset + start, n)));
            }
        });
        return T.CreateTruncating(Summation.PairwiseCombine(partial));
    }
}

internal readonly struct ProdReducer<T> : IReducer<T> where T : INumberBase<T>
{
    public string Name => "prod";
    public bool HasIdentity => true;
    public T Identity => T.One;

    public T ReduceRun(ReadOnlySpan<T> x)
    {
        var p = T.One;
        foreach (var v in x) p *= v;
        return p;
    }

    public T ReduceLarge(T[] data, int offset, int length) => Reduction.BlockReduce(data, offset, length, this);
    public void Accumulate(Span<T> accumulator, ReadOnlySpan<T> x) => TensorPrimitives.Multiply(accumulator, x, accumulator);
}

/// <summary>Maximum; NaN propagates (as NumPy's max).</summary>
internal readonly struct MaxReducer<T> : IReducer<T> where T : INumber<T>
{
    public string Name => "max";
    public bool HasIdentity => false;
    public T Identity => T.Zero;
    public T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);
    public T ReduceLarge(T[] data, int offset, int length) => Reduction.BlockReduce(data, offset, length, this);
    public void Accumulate(Span<T> accumulator, ReadOnlySpan<T> x) => TensorPrimitives.Max(accumulator, x, accumulator);
}

/// <summary>Minimum; NaN propagates.</summary>
internal readonly struct MinReducer<T> : IReducer<T> where T : INumber<T>
{
    public string Name => "min";
    public bool HasIdentity => false;
    public T Identity => T.Zero;
    public T ReduceRun(ReadOnlySpan<T> x) => TensorPrimitives.Min(x);
    public T ReduceLarge(T[] data, int offset, int length) => Reduction.BlockReduce(data, offset, length, this);
    public void Accumulate(Span<T> accumulator, ReadOnlySpan<T> x) => TensorPrimitives.Min(accumulator, x, accumulator);
}
