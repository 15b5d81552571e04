using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels;

/// <summary>
/// Keeps TensorPrimitives' transcendental functions (log, sin, cos, pow) on one code path. For a span
/// of at least one widest vector, TensorPrimitives computes every element (the tail too, by an
/// overlapping vector) with the widest vector body; shorter spans would take a narrower body or its
/// scalar loop, whose results can differ in the last bit. Short spans and single elements are
/// therefore padded to one widest vector, so an element's result never depends on the length or
/// layout of the tensor it is in.
/// </summary>
internal static class UniformWidth
{
    /// <summary>True when a span of <paramref name="length"/> elements is shorter than one widest vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe bool NeedsPadding<T>(int length) where T : unmanaged => length < Lanes<T>();

    private static unsafe int Lanes<T>() where T : unmanaged
        => (Vector512.IsHardwareAccelerated ? 64 : Vector256.IsHardwareAccelerated ? 32 : 16) / sizeof(T);

    /// <summary>op(x) for one element through the span body.</summary>
    public static TOut One<TIn, TOut, TOp>(TOp op, TIn x) where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        Span<TOut> result = stackalloc TOut[1];
        Padded(op, [x], result);
        return result[0];
    }

    /// <summary>op(x) for one element through the span body.</summary>
    public static T One<T, TOp>(TOp op, T x) where T : unmanaged where TOp : struct, IUnaryOperator<T, T> => One<T, T, TOp>(op, x);

    /// <summary>op(x, y) for one pair through the span body.</summary>
    public static T One<T, TOp>(TOp op, T x, T y) where T : unmanaged where TOp : struct, IBinaryOperator<T, T>
    {
        Span<T> result = stackalloc T[1];
        Padded(op, [x], [y], result);
        return result[0];
    }

    /// <summary>A short span through the span body on one widest vector (padded with ones, harmless for every function here).</summary>
    public static void Padded<TIn, TOut, TOp>(TOp op, ReadOnlySpan<TIn> x, Span<TOut> destination)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        int lanes = Lanes<TIn>();
        Span<TIn> input = stackalloc TIn[lanes];
        Span<TOut> output = stackalloc TOut[lanes];
        input.Fill(x.Length > 0 ? x[0] : default);
        x.CopyTo(input);
        op.Invoke(input, output);
        output[..x.Length].CopyTo(destination);
    }

    /// <summary>A short pair of spans through the span body on one widest vector.</summary>
    public static void Padded<T, TOp>(TOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged where TOp : struct, IBinaryOperator<T, T>
    {
        int lanes = Lanes<T>();
        Span<T> a = stackalloc T[lanes];
        Span<T> b = stackalloc T[lanes];
        Span<T> output = stackalloc T[lanes];
        a.Fill(x.Length > 0 ? x[0] : default);
        b.Fill(y.Length > 0 ? y[0] : default);
        x.CopyTo(a);
        y.CopyTo(b);
        op.Invoke(a, b, output);
        output[..x.Length].CopyTo(destination);
    }

    /// <summary>A short span with a scalar second operand.</summary>
    public static void Padded<T, TOp>(TOp op, ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : unmanaged where TOp : struct, IBinaryOperator<T, T>
    {
        Span<T> b = stackalloc T[x.Length];
        b.Fill(y);
        Padded(op, x, b, destination);
    }

    /// <summary>A short span with a scalar first operand.</summary>
    public static void Padded<T, TOp>(TOp op, T x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged where TOp : struct, IBinaryOperator<T, T>
    {
        Span<T> a = stackalloc T[y.Length];
        a.Fill(x);
        Padded(op, a, y, destination);
    }
}
