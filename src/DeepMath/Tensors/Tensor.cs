using System.Runtime.CompilerServices;

namespace DeepMath.Tensors;

/// <summary>
/// An N-dimensional array: a shape, strides and an offset over one shared storage array. Views
/// (slices, transposes, reshapes that need no copy, broadcasts) share storage with their source.
/// Arithmetic and math live on the static <see cref="Tensor"/> class, as operators and as
/// extension methods that apply when <typeparamref name="T"/> supports them.
/// </summary>
/// <typeparam name="T">bool, an integer type, Half, float or double.</typeparam>
public sealed partial class Tensor<T> : ITensor where T : unmanaged
{
    private readonly T[] _storage;
    private readonly int[] _shape;
    private readonly int[] _strides;
    private readonly int _offset;
    private readonly int _length;
    private readonly bool _isContiguous;
    private bool _requiresGrad;

    /// <summary>A view over <paramref name="storage"/>; the caller guarantees the layout stays in bounds and never mutates the arrays.</summary>
    internal Tensor(T[] storage, int[] shape, int[] strides, int offset)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        _length = Shape.CheckedCount(shape);
        _isContiguous = Layout.IsRowMajor(shape, strides);
    }

    /// <summary>A tensor with a layout already known to be valid, with its length and contiguity (the hot path of every op).</summary>
    internal Tensor(T[] storage, int[] shape, int[] strides, int length, bool contiguous)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _length = length;
        _isContiguous = contiguous;
    }

    /// <summary>A row-major tensor over the start of <paramref name="storage"/>.</summary>
    internal Tensor(T[] storage, int[] shape) : this(storage, shape, Layout.RowMajorStrides(shape), 0)
    {
    }

    internal Tensor(T[] storage, Layout layout) : this(storage, layout.Shape, layout.Strides, layout.Offset)
    {
    }

    internal T[] Storage => _storage;
    internal int[] ShapeArray => _shape;
    internal int[] StrideArray => _strides;
    internal int Offset => _offset;
    internal Layout Layout => new(_shape, _strides, _offset);

    /// <summary>The axis sizes.</summary>
    public Shape Shape => new(_shape, trusted: true);

    /// <summary>Number of axes (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of elements, as for a .NET multidimensional array.</summary>
    public int Length => _length;

    /// <summary>Element step along each axis, in elements (may be 0 for broadcast axes, negative for reversed views).</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Position of the first element in the storage array.</summary>
    public int StorageOffset => _offset;

    /// <summary>True when the elements are packed in row-major order, so <see cref="AsSpan"/> works.</summary>
    public bool IsContiguous => _isContiguous;

    /// <summary>The element type.</summary>
    public DType DType => DTypes.Of<T>();

    /// <summary>The elements in row-major order, without copying; only for contiguous tensors.</summary>
    /// <exception cref="InvalidOperationException">The tensor is a non-contiguous view.</exception>
    public Span<T> AsSpan()
    {
        if (!_isContiguous)
            throw new InvalidOperationException($"A tensor of shape {Shape} with strides {Shape.Format(_strides)} is not contiguous; call Contiguous() first.");
        return _length == 0 ? Span<T>.Empty : _storage.AsSpan(_offset, _length);
    }

    /// <summary>The elements in row-major order as a new array.</summary>
    public T[] ToArray()
    {
        if (_length == 0) return [];
        if (_isContiguous) return _storage.AsSpan(_offset, _length).ToArray();
        var copy = new T[_length];
        new Tensor<T>(copy, _shape).CopyFrom(this);
        return copy;
    }

    /// <summary>This tensor if contiguous, otherwise a contiguous copy.</summary>
    public Tensor<T> Contiguous() => _isContiguous ? this : Clone();

    /// <summary>A contiguous copy that shares nothing with this tensor.</summary>
    public Tensor<T> Clone()
    {
        var result = new Tensor<T>(GC.AllocateUninitializedArray<T>(_length), _shape);
        Elementwise.Copy(this, result);
        return Recorder.Unary(result, OpCode.Copy, this);
    }

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape) into this tensor's elements.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast.</exception>
    public void CopyFrom(Tensor<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Recorder.CheckInPlace(this, "CopyFrom", source);
        Elementwise.Copy(source, this);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value)
    {
        Recorder.CheckInPlace(this, "Fill");
        Elementwise.Fill(this, value);
    }

    /// <summary>The element at a full index (one coordinate per axis; negative coordinates count from the end).</summary>
    /// <exception cref="ArgumentException">The number of coordinates differs from the rank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is outside its axis.</exception>
    public T this[params ReadOnlySpan<int> index]
    {
        get => _storage[ElementOffset(index)];
        set => _storage[ElementOffset(index)] = value;
    }

    /// <summary>The only element of a one-element tensor (any rank).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public T ToScalar()
    {
        if (_length != 1)
            throw new InvalidOperationException($"ToScalar needs exactly one element, but the tensor has shape {Shape} ({_length} elements).");
        return _storage[_offset];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ElementOffset(ReadOnlySpan<int> index)
    {
        if (index.Length != _shape.Length) ThrowIndexRank(index.Length);
        int offset = _offset;
        for (int axis = 0; axis < index.Length; axis++)
        {
            int i = index[axis], n = _shape[axis];
            if (i < 0) i += n;
            if ((uint)i >= (uint)n) ThrowIndex(index[axis], axis);
            offset += i * _strides[axis];
        }
        return offset;
    }

    private void ThrowIndexRank(int given) =>
        throw new ArgumentException(
            $"An element index needs {Rank} coordinate(s) for shape {Shape}, but {given} were given; " +
            "to take a sub-tensor use slicing, e.g. t[i, ..].");

    private void ThrowIndex(int index, int axis) =>
        throw new ArgumentOutOfRangeException(nameof(index), index,
            $"Index {index} is out of range for axis {axis} with size {_shape[axis]} (shape {Shape}).");

    /// <summary>
    /// Converts the elements to <typeparamref name="TTo"/> (NumPy astype: floats truncate toward zero
    /// when converted to integers, saturating; nonzero is true). A conversion to another type records
    /// no gradient, so it is refused for a tensor that requires gradients while recording is on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor requires gradients, recording is on and the type changes.</exception>
    public Tensor<TTo> Cast<TTo>() where TTo : unmanaged
    {
        if (typeof(TTo) == typeof(T)) return (Tensor<TTo>)(object)this;
        if (RequiresGrad && GradMode.IsEnabled)
            throw new InvalidOperationException(
                $"Cast from {DTypes.NumPyName(DType)} to {typeof(TTo).Name} would drop the gradient of this tensor (shape {Shape}): " +
                "gradients flow within one element type. Detach() it, or run inside Autograd.NoGrad(), if no gradient is wanted.");
        var source = Contiguous();
        var result = new Tensor<TTo>(GC.AllocateUninitializedArray<TTo>(_length), _shape);
        ElementConversion.Convert<T, TTo>(source.AsSpan(), result.AsSpan());
        return result;
    }

    /// <inheritdoc/>
    public TResult Accept<TResult>(ITensorVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    // ---- automatic differentiation (read and written by the Autodiff layer) ----

    /// <summary>
    /// Whether gradients flow to this tensor. Set it on leaves (parameters, inputs); results of
    /// recorded operations report true. Only floating-point tensors can require gradients.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad || Creator is not null;
        set
        {
            if (value && !DTypes.IsFloatingPoint(DType))
                throw new InvalidOperationException($"Only floating-point tensors can require gradients, not {DTypes.NumPyName(DType)}.");
            if (!value && Creator is not null)
                throw new InvalidOperationException("A computed tensor always requires gradients; use Detach() for a tensor that does not.");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for fluent construction.</summary>
    public Tensor<T> RequireGrad(bool requires = true)
    {
        RequiresGrad = requires;
        return this;
    }

    /// <summary>The accumulated gradient after a backward pass (null until then).</summary>
    public Tensor<T>? Grad { get; set; }

    /// <summary>The recorded operation that produced this tensor; null for leaves.</summary>
    internal OpRecord<T>? Creator { get; set; }

    /// <summary>True for tensors not produced by a recorded operation.</summary>
    public bool IsLeaf => Creator is null;

    /// <summary>A view of the same data that is not part of any recorded graph.</summary>
    public Tensor<T> Detach() => new(_storage, _shape, _strides, _offset);

    /// <inheritdoc/>
    public override string ToString() => TensorFormatter.Format(this, TensorPrintOptions.Default);

    /// <summary>NumPy-style text with the given options.</summary>
    public string ToString(TensorPrintOptions options) => TensorFormatter.Format(this, options ?? TensorPrintOptions.Default);
}
