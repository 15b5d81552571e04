using DeepMath.Kernels;

namespace DeepMath.Tensors;

/// <summary>
/// Drivers that apply an elementwise operator to tensors of any layout: contiguous tensors go
/// straight to the operator's span body (split across threads when large), everything else through
/// <see cref="StridedLoop"/>.
/// </summary>
internal static class Elementwise
{
    /// <summary>Minimum elements per thread for cheap operations (memory bound).</summary>
    public const int CheapGrain = 1 << 16;

    /// <summary>Minimum elements per thread for transcendental operations.</summary>
    public const int CostlyGrain = 1 << 13;

    public static T[] Allocate<T>(int count) => count == 0 ? [] : GC.AllocateUninitializedArray<T>(count);

    /// <summary>A new row-major tensor for <paramref name="like"/>'s shape, reusing its stride array when it is contiguous.</summary>
    public static Tensor<TOut> NewLike<TIn, TOut>(Tensor<TIn> like) where TIn : unmanaged where TOut : unmanaged
        => like.IsContiguous
            ? new Tensor<TOut>(Allocate<TOut>(like.Length), like.ShapeArray, like.StrideArray, like.Length, contiguous: true)
            : new Tensor<TOut>(Allocate<TOut>(like.Length), like.ShapeArray);

    public static Tensor<TOut> Map<TIn, TOut, TOp>(Tensor<TIn> x, TOp op, int grain = CheapGrain)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        var result = NewLike<TIn, TOut>(x);
        if (x.IsContiguous) SpanMap(x.Storage, x.Offset, result.Storage, 0, x.Length, op, grain);
        else StridedLoop.Run(new UnaryRow<TIn, TOut, TOp>(result.Storage, x.Storage, op), x.ShapeArray,
            [new(result.StrideArray, 0), new(x.StrideArray, x.Offset)], grain);
        return result;
    }

    /// <summary>destination = op(source), with source broadcast to the destination's shape.</summary>
    public static void MapInto<TIn, TOut, TOp>(Tensor<TIn> source, Tensor<TOut> destination, TOp op, string operation, int grain = CheapGrain)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        CheckWritable(destination, operation);
        source = Unaliased(source, destination);
        if (source.IsContiguous && destination.IsContiguous && source.ShapeArray.AsSpan().SequenceEqual(destination.ShapeArray))
        {
            SpanMap(source.Storage, source.Offset, destination.Storage, destination.Offset, source.Length, op, grain);
            return;
        }
        var sourceStrides = Broadcasting.StridesTo(source.ShapeArray, source.StrideArray, destination.ShapeArray, operation);
        StridedLoop.Run(new UnaryRow<TIn, TOut, TOp>(destination.Storage, source.Storage, op), destination.ShapeArray,
            [new(destination.StrideArray, destination.Offset), new(sourceStrides, source.Offset)], grain);
    }

    public static Tensor<TOut> Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, TOp op, string operation, int grain = CheapGrain)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        if (a.IsContiguous && b.IsContiguous)
        {
            if (ReferenceEquals(a.ShapeArray, b.ShapeArray) || a.ShapeArray.AsSpan().SequenceEqual(b.ShapeArray))
            {
                var same = NewLike<TIn, TOut>(a);
                SpanZip(a.Storage, a.Offset, b.Storage, b.Offset, same.Storage, 0, a.Length, op, grain);
                return same;
            }
            if (b.Length == 1 && b.Rank <= a.Rank && IsAllOnes(b.ShapeArray))
            {
                var scaled = NewLike<TIn, TOut>(a);
                SpanZipScalar(a.Storage, a.Offset, b.Storage[b.Offset], scaled.Storage, a.Length, op, grain, scalarFirst: false);
                return scaled;
            }
            if (a.Length == 1 && a.Rank <= b.Rank && IsAllOnes(a.ShapeArray))
            {
                var scaled = NewLike<TIn, TOut>(b);
                SpanZipScalar(b.Storage, b.Offset, a.Storage[a.Offset], scaled.Storage, b.Length, op, grain, scalarFirst: true);
                return scaled;
            }
        }
        var shape = Broadcasting.Shapes(a.ShapeArray, b.ShapeArray, operation);
        var result = new Tensor<TOut>(Allocate<TOut>(Shape.CheckedCount(shape)), shape);
        StridedLoop.Run(new BinaryRow<TIn, TOut, TOp>(result.Storage, a.Storage, b.Storage, op), shape,
            [new(result.StrideArray, 0),
             new(Broadcasting.StridesTo(a.ShapeArray, a.StrideArray, shape, operation), a.Offset),
             new(Broadcasting.StridesTo(b.ShapeArray, b.StrideArray, shape, operation), b.Offset)], grain);
        return result;
    }

    /// <summary>destination = op(a, b), with a and b broadcast to the destination's shape.</summary>
    public static void ZipInto<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, Tensor<TOut> destination, TOp op, string operation, int grain = CheapGrain)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        CheckWritable(destination, operation);
        a = Unaliased(a, destination);
        b = Unaliased(b, destination);
        var shape = destination.ShapeArray;
        if (a.IsContiguous && b.IsContiguous && destination.IsContiguous
            && a.ShapeArray.AsSpan().SequenceEqual(shape) && b.ShapeArray.AsSpan().SequenceEqual(shape))
        {
            SpanZip(a.Storage, a.Offset, b.Storage, b.Offset, destination.Storage, destination.Offset, a.Length, op, grain);
            return;
        }
        StridedLoop.Run(new BinaryRow<TIn, TOut, TOp>(destination.Storage, a.Storage, b.Storage, op), shape,
            [new(destination.StrideArray, destination.Offset),
             new(Broadcasting.StridesTo(a.ShapeArray, a.StrideArray, shape, operation), a.Offset),
             new(Broadcasting.StridesTo(b.ShapeArray, b.StrideArray, shape, operation), b.Offset)], grain);
    }

    public static void Copy<T>(Tensor<T> source, Tensor<T> destination) where T : unmanaged
        => MapInto(source, destination, default(IdentityOperator<T>), "copy");

    public static void Fill<T>(Tensor<T> destination, T value) where T : unmanaged
    {
        if (destination.IsContiguous)
        {
            destination.Storage.AsSpan(destination.Offset, destination.Length).Fill(value);
            return;
        }
        MapInto(destination, destination, new FillOperator<T>(value), "fill");
    }

    /// <summary>Writes into a broadcast or overlapping view would hit one element many times: refuse them.</summary>
    public static void CheckWritable<T>(Tensor<T> destination, string operation) where T : unmanaged
    {
        var strides = destination.StrideArray;
        var shape = destination.ShapeArray;
        for (int i = 0; i < shape.Length; i++)
            if (strides[i] == 0 && shape[i] > 1)
                throw new InvalidOperationException(
                    $"{operation}: cannot write into a broadcast view of shape {destination.Shape} (axis {i} repeats one element); Clone() it first.");
        if (!destination.IsContiguous && !LayoutTransforms.IsInjective(shape, strides))
            throw new InvalidOperationException(
                $"{operation}: cannot write into a view of shape {destination.Shape} whose windows overlap (strides {Shape.Format(strides)}); Clone() it first.");
    }

    /// <summary>An operand that shares storage with the destination in a different layout is copied first (as NumPy does).</summary>
    private static Tensor<TIn> Unaliased<TIn, TOut>(Tensor<TIn> source, Tensor<TOut> destination) where TIn : unmanaged where TOut : unmanaged
    {
        if (!ReferenceEquals(source.Storage, destination.Storage)) return source;
        bool sameLayout = source.Offset == destination.Offset
            && source.ShapeArray.AsSpan().SequenceEqual(destination.ShapeArray)
            && source.StrideArray.AsSpan().SequenceEqual(destination.StrideArray);
        if (sameLayout) return source;
        var copy = new Tensor<TIn>(Allocate<TIn>(source.Length), source.ShapeArray);
        StridedLoop.Run(new UnaryRow<TIn, TIn, IdentityOperator<TIn>>(copy.Storage, source.Storage, default), source.ShapeArray,
            [new(copy.StrideArray, 0), new(source.StrideArray, source.Offset)]);
        return copy;
    }

    private static bool IsAllOnes(int[] shape)
    {
        foreach (var d in shape)
            if (d != 1) return false;
        return true;
    }

    private static void SpanMap<TIn, TOut, TOp>(TIn[] x, int xOffset, TOut[] d, int dOffset, int n, TOp op, int grain)
        where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        if (n == 0) return;
        int parts = Parallelism.PartsFor(n, grain);
        if (parts == 1) op.Invoke(new ReadOnlySpan<TIn>(x, xOffset, n), new Span<TOut>(d, dOffset, n));
        else SpanMapParallel(x, xOffset, d, dOffset, n, op, parts);
    }

    // Parallel paths live in their own methods so the lambda's closure is only allocated when used.
    private static void SpanMapParallel<TIn, TOut, TOp>(TIn[] x, int xOffset, TOut[] d, int dOffset, int n, TOp op, int parts)
        where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        Parallelism.For(parts, p =>
        {
            int s = Parallelism.PartStart(n, parts, p), e = Parallelism.PartStart(n, parts, p + 1);
            op.Invoke(new ReadOnlySpan<TIn>(x, xOffset + s, e - s), new Span<TOut>(d, dOffset + s, e - s));
        });
    }

    private static void SpanZip<TIn, TOut, TOp>(TIn[] a, int aOffset, TIn[] b, int bOffset, TOut[] d, int dOffset, int n, TOp op, int grain)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        if (n == 0) return;
        int parts = Parallelism.PartsFor(n, grain);
        if (parts == 1) op.Invoke(new ReadOnlySpan<TIn>(a, aOffset, n), new ReadOnlySpan<TIn>(b, bOffset, n), new Span<TOut>(d, dOffset, n));
        else SpanZipParallel(a, aOffset, b, bOffset, d, dOffset, n, op, parts);
    }

    private static void SpanZipParallel<TIn, TOut, TOp>(TIn[] a, int aOffset, TIn[] b, int bOffset, TOut[] d, int dOffset, int n, TOp op, int parts)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        Parallelism.For(parts, p =>
        {
            int s = Parallelism.PartStart(n, parts, p), e = Parallelism.PartStart(n, parts, p + 1);
            op.Invoke(new ReadOnlySpan<TIn>(a, aOffset + s, e - s), new ReadOnlySpan<TIn>(b, bOffset + s, e - s), new Span<TOut>(d, dOffset + s, e - s));
        });
    }

    private static void SpanZipScalar<TIn, TOut, TOp>(TIn[] x, int xOffset, TIn scalar, TOut[] d, int n, TOp op, int grain, bool scalarFirst)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        if (n == 0) return;
        int parts = Parallelism.PartsFor(n, grain);
        if (parts == 1) ZipScalarRange(x, xOffset, scalar, d, 0, n, op, scalarFirst);
        else SpanZipScalarParallel(x, xOffset, scalar, d, n, op, parts, scalarFirst);
    }

    private static void SpanZipScalarParallel<TIn, TOut, TOp>(TIn[] x, int xOffset, TIn scalar, TOut[] d, int n, TOp op, int parts, bool scalarFirst)
        where TOp : struct, IBinaryOperator<TIn, TOut>
        => Parallelism.For(parts, p => ZipScalarRange(x, xOffset, scalar, d, Parallelism.PartStart(n, parts, p), Parallelism.PartStart(n, parts, p + 1), op, scalarFirst));

    private static void ZipScalarRange<TIn, TOut, TOp>(TIn[] x, int xOffset, TIn scalar, TOut[] d, int start, int end, TOp op, bool scalarFirst)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        var xs = new ReadOnlySpan<TIn>(x, xOffset + start, end - start);
        var ds = new Span<TOut>(d, start, end - start);
        if (scalarFirst) op.Invoke(scalar, xs, ds);
        else op.Invoke(xs, scalar, ds);
    }

    /// <summary>op(a, scalar) (or op(scalar, a)) without wrapping the scalar in a tensor.</summary>
    public static Tensor<TOut> ZipScalar<TIn, TOut, TOp>(Tensor<TIn> a, TIn scalar, TOp op, bool scalarFirst, string operation, int grain = CheapGrain)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        if (!a.IsContiguous)
        {
            var s = new Tensor<TIn>([scalar], []);
            return scalarFirst ? Zip<TIn, TOut, TOp>(s, a, op, operation, grain) : Zip<TIn, TOut, TOp>(a, s, op, operation, grain);
        }
        var result = NewLike<TIn, TOut>(a);
        SpanZipScalar(a.Storage, a.Offset, scalar, result.Storage, a.Length, op, grain, scalarFirst);
        return result;
    }
}

/// <summary>Strided rows are gathered in chunks and go through the operator's span body, so every element sees the same code as in a contiguous tensor.</summary>
internal readonly struct UnaryRow<TIn, TOut, TOp>(TOut[] destination, TIn[] source, TOp op) : IRowKernel
    where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOperator<TIn, TOut>
{
    private const int Chunk = 64;

    public void Run(int n, int o0, int s0, int o1, int s1, int o2, int s2, int o3, int s3)
    {
        if (s0 == 1 && s1 == 1)
            op.Invoke(new ReadOnlySpan<TIn>(source, o1, n), new Span<TOut>(destination, o0, n));
        else if (s0 == 1 && s1 == 0)
            new Span<TOut>(destination, o0, n).Fill(op.Invoke(source[o1]));
        else
            Gathered(n, o0, s0, o1, s1);
    }

    private void Gathered(int n, int o0, int s0, int o1, int s1)
    {
        Span<TIn> input = stackalloc TIn[Chunk];
        Span<TOut> output = stackalloc TOut[Chunk];
        for (int start = 0; start < n; start += Chunk)
        {
            int m = Math.Min(Chunk, n - start);
            for (int i = 0; i < m; i++) input[i] = source[o1 + (start + i) * s1];
            op.Invoke(input[..m], output[..m]);
            for (int i = 0; i < m; i++) destination[o0 + (start + i) * s0] = output[i];
        }
    }
}

/// <summary>Unit-stride rows go to the span bodies directly; other rows are gathered in chunks and go through them too.</summary>
internal readonly struct BinaryRow<TIn, TOut, TOp>(TOut[] destination, TIn[] a, TIn[] b, TOp op) : IRowKernel
    where TIn : unmanaged where TOut : unmanaged where TOp : struct, IBinaryOperator<TIn, TOut>
{
    private const int Chunk = 64;

    public void Run(int n, int o0, int s0, int o1, int s1, int o2, int s2, int o3, int s3)
    {
        if (s0 == 1)
        {
            var d = new Span<TOut>(destination, o0, n);
            if (s1 == 1 && s2 == 1) { op.Invoke(new ReadOnlySpan<TIn>(a, o1, n), new ReadOnlySpan<TIn>(b, o2, n), d); return; }
            if (s1 == 1 && s2 == 0) { op.Invoke(new ReadOnlySpan<TIn>(a, o1, n), b[o2], d); return; }
            if (s1 == 0 && s2 == 1) { op.Invoke(a[o1], new ReadOnlySpan<TIn>(b, o2, n), d); return; }
            if (s1 == 0 && s2 == 0) { d.Fill(op.Invoke(a[o1], b[o2])); return; }
        }
        Gathered(n, o0, s0, o1, s1, o2, s2);
    }

    private void Gathered(int n, int o0, int s0, int o1, int s1, int o2, int s2)
    {
        Span<TIn> x = stackalloc TIn[Chunk];
        Span<TIn> y = stackalloc TIn[Chunk];
        Span<TOut> output = stackalloc TOut[Chunk];
        for (int start = 0; start < n; start += Chunk)
        {
            int m = Math.Min(Chunk, n - start);
            for (int i = 0; i < m; i++)
            {
                x[i] = a[o1 + (start + i) * s1];
                y[i] = b[o2 + (start + i) * s2];
            }
            op.Invoke(x[..m], y[..m], output[..m]);
            for (int i = 0; i < m; i++) destination[o0 + (start + i) * s0] = output[i];
        }
    }
}
