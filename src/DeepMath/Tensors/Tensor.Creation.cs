using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Tensors;

/// <summary>
/// Creates tensors and holds every tensor operation: arithmetic operators, elementwise math,
/// reductions, indexing and joining (as static methods and as extension members of
/// <see cref="Tensor{T}"/>).
/// </summary>
public static partial class Tensor
{
    /// <summary>A tensor of zeros (default(T): false for bool).</summary>
    public static Tensor<T> Zeros<T>(params ReadOnlySpan<int> shape) where T : unmanaged
    {
        var dims = new Shape(shape).Dims;
        return new Tensor<T>(new T[Shape.CheckedCount(dims)], dims);
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones<T>(params ReadOnlySpan<int> shape) where T : unmanaged, INumberBase<T>
        => Full(new Shape(shape), T.One);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(Shape shape, T value) where T : unmanaged
    {
        var dims = shape.Dims;
        var storage = Elementwise.Allocate<T>(Shape.CheckedCount(dims));
        storage.AsSpan().Fill(value);
        return new Tensor<T>(storage, dims);
    }

    /// <summary>Zeros with the shape of <paramref name="like"/>.</summary>
    public static Tensor<T> ZerosLike<T>(Tensor<T> like) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(like);
        return new Tensor<T>(new T[like.Length], like.ShapeArray);
    }

    /// <summary>Ones with the shape of <paramref name="like"/>.</summary>
    public static Tensor<T> OnesLike<T>(Tensor<T> like) where T : unmanaged, INumberBase<T>
        => FullLike(like, T.One);

    /// <summary>A constant with the shape of <paramref name="like"/>.</summary>
    public static Tensor<T> FullLike<T>(Tensor<T> like, T value) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(like);
        return Full(like.Shape, value);
    }

    /// <summary>A 0-d tensor holding one value.</summary>
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged => new([value], []);

    /// <summary>
    /// An n-by-m matrix with ones on diagonal <paramref name="k"/> (0 main, &gt; 0 above, &lt; 0 below)
    /// and zeros elsewhere (NumPy's eye).
    /// </summary>
    public static Tensor<T> Eye<T>(int n, int? m = null, int k = 0) where T : unmanaged, INumberBase<T>
    {
        int cols = m ?? n;
        var result = Zeros<T>(n, cols);
        result.Diagonal(k).Fill(T.One);
        return result;
    }

    /// <summary>0, 1, ..., up to but excluding <paramref name="stop"/>.</summary>
    public static Tensor<T> Arange<T>(T stop) where T : unmanaged, INumber<T> => Arange(T.Zero, stop, T.One);

    /// <summary>
    /// start, start+step, ... up to but excluding stop (NumPy's arange: the count is
    /// ceil((stop - start) / step), element i is start + i * step).
    /// </summary>
    /// <exception cref="ArgumentException">The step is zero.</exception>
    public static Tensor<T> Arange<T>(T start, T stop, T step) where T : unmanaged, INumber<T>
    {
        if (T.IsZero(step)) throw new ArgumentException("Arange step cannot be zero.", nameof(step));
        double span = (double.CreateTruncating(stop) - double.CreateTruncating(start)) / double.CreateTruncating(step);
        double count = Math.Max(0, Math.Ceiling(span));
        if (count > Array.MaxLength) throw new ArgumentException($"Arange({start}, {stop}, {step}) would have {count} elements.");
        var storage = new T[(int)count];
        for (int i = 0; i < storage.Length; i++) storage[i] = start + T.CreateTruncating(i) * step;
        return new Tensor<T>(storage, [storage.Length]);
    }

    /// <summary>
    /// <paramref name="count"/> evenly spaced values from start to stop (stop included unless
    /// <paramref name="endpoint"/> is false); the last value is exactly stop.
    /// </summary>
    public static Tensor<T> Linspace<T>(T start, T stop, int count, bool endpoint = true) where T : unmanaged, IFloatingPoint<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var storage = new T[count];
        int divisions = endpoint ? count - 1 : count;
        var step = divisions > 0 ? (stop - start) / T.CreateTruncating(divisions) : T.Zero;
        for (int i = 0; i < count; i++) storage[i] = start + T.CreateTruncating(i) * step;
        if (endpoint && count > 1) storage[^1] = stop;
        return new Tensor<T>(storage, [count]);
    }

    /// <summary>A 1-D tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor<T> FromArray<T>(T[] values) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor<T>((T[])values.Clone(), [values.Length]);
    }

    /// <summary>A tensor of the given shape holding a copy of <paramref name="values"/> (row-major; one size may be -1).</summary>
    /// <exception cref="ArgumentException">The number of values does not match the shape.</exception>
    public static Tensor<T> FromArray<T>(T[] values, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromSpan<T>(values, shape);
    }

    /// <summary>A tensor of the given shape holding a copy of <paramref name="values"/> (one size may be -1).</summary>
    public static Tensor<T> FromSpan<T>(ReadOnlySpan<T> values, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        var dims = LayoutTransforms.ResolveShape(shape, values.Length, [values.Length]);
        return new Tensor<T>(values.ToArray(), dims);
    }

    /// <summary>A 2-D tensor copied from a rectangular array.</summary>
    public static Tensor<T> FromArray<T>(T[,] values) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromMultidimensional<T>(values, [values.GetLength(0), values.GetLength(1)]);
    }

    /// <summary>A 3-D tensor copied from a rectangular array.</summary>
    public static Tensor<T> FromArray<T>(T[,,] values) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromMultidimensional<T>(values, [values.GetLength(0), values.GetLength(1), values.GetLength(2)]);
    }

    /// <summary>A tensor over <paramref name="storage"/> without copying: later writes to either are visible in both.</summary>
    /// <exception cref="ArgumentException">The storage length does not match the shape.</exception>
    public static Tensor<T> Wrap<T>(T[] storage, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new Tensor<T>(storage, LayoutTransforms.ResolveShape(shape, storage.Length, [storage.Length]));
    }

    private static Tensor<T> FromMultidimensional<T>(Array values, int[] shape) where T : unmanaged
    {
        // Rectangular arrays are stored row-major, so their elements copy as one span.
        ref T first = ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(values));
        var storage = MemoryMarshal.CreateReadOnlySpan(ref first, values.Length).ToArray();
        return new Tensor<T>(storage, shape);
    }
}
