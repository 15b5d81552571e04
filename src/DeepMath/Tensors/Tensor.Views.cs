namespace DeepMath.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>
    /// A view selected by NumPy basic indexing: integers remove an axis, ranges and
    /// <see cref="TensorIndex.Slice"/> keep it (any step, negative too), <see cref="TensorIndex.NewAxis"/>
    /// inserts one, <see cref="TensorIndex.Ellipsis"/> fills the rest. Setting copies a tensor
    /// (broadcast) into the selected elements.
    /// </summary>
    public Tensor<T> this[params ReadOnlySpan<TensorIndex> indices]
    {
        get
        {
            var view = new Tensor<T>(_storage, LayoutTransforms.Index(Layout, indices));
            if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Index(Layout.RowMajor(_shape), indices));
            return view;
        }
        set => new Tensor<T>(_storage, LayoutTransforms.Index(Layout, indices)).CopyFrom(value);
    }

    /// <summary>Elements start, start+step, ... before stop along one axis (Python slice semantics).</summary>
    public Tensor<T> Slice(int axis, int? start = null, int? stop = null, int step = 1)
        => this[AxisIndex(axis, TensorIndex.Slice(start, stop, step))];

    /// <summary>The sub-tensor at one position of an axis; the axis is removed.</summary>
    public Tensor<T> Select(int axis, int index) => this[AxisIndex(axis, TensorIndex.At(index))];

    /// <summary><paramref name="length"/> consecutive positions of an axis from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the axis.</exception>
    public Tensor<T> Narrow(int axis, int start, int length)
    {
        int a = Shape.NormalizeAxis(axis, Rank);
        if (start < 0 || length < 0 || start + length > _shape[a])
            throw new ArgumentOutOfRangeException(nameof(length), $"Narrow({axis}, {start}, {length}) leaves axis {a} of size {_shape[a]}.");
        return Slice(a, start, start + length);
    }

    /// <summary>
    /// Sliding windows along <paramref name="axis"/> as a view (PyTorch's unfold): the axis becomes the
    /// window index ((n - size) / step + 1 windows) and a new last axis of length <paramref name="size"/>
    /// runs inside each window. Windows overlap when step &lt; size; the gradient adds every window's
    /// share back (scatter-add). Unfolding two axes of an image gives the patches of a convolution.
    /// The view cannot be written to when windows overlap.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">size or step is not positive, or size exceeds the axis.</exception>
    public Tensor<T> Unfold(int axis, int size, int step = 1)
    {
        int a = Shape.NormalizeAxis(axis, Rank);
        if (size < 1 || size > _shape[a])
            throw new ArgumentOutOfRangeException(nameof(size), $"Unfold: a window of {size} does not fit axis {a} of size {_shape[a]} (shape {Shape}).");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"Unfold: the step must be positive, got {step}.");
        var view = new Tensor<T>(_storage, LayoutTransforms.Unfold(Layout, a, size, step));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Unfold(Layout.RowMajor(_shape), a, size, step));
        return view;
    }

    /// <summary>Reverses the order of elements along the given axes (all axes when none are given).</summary>
    public Tensor<T> Flip(params ReadOnlySpan<int> axes)
    {
        var indices = new TensorIndex[Rank];
        for (int i = 0; i < Rank; i++) indices[i] = axes.Length == 0 ? TensorIndex.Slice(step: -1) : TensorIndex.All;
        foreach (var axis in axes) indices[Shape.NormalizeAxis(axis, Rank)] = TensorIndex.Slice(step: -1);
        return this[indices];
    }

    /// <summary>Reverses the axes (NumPy's <c>.T</c>); a 2-D tensor becomes its transpose.</summary>
    public Tensor<T> Transpose()
    {
        var axes = new int[Rank];
        for (int i = 0; i < Rank; i++) axes[i] = Rank - 1 - i;
        return Permute(axes);
    }

    /// <summary>Swaps two axes (PyTorch's transpose).</summary>
    public Tensor<T> Transpose(int axis0, int axis1)
    {
        var axes = new int[Rank];
        for (int i = 0; i < Rank; i++) axes[i] = i;
        int a = Shape.NormalizeAxis(axis0, Rank), b = Shape.NormalizeAxis(axis1, Rank);
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Permute(axes);
    }

    /// <summary>Reorders the axes: output axis i is input axis <paramref name="axes"/>[i].</summary>
    public Tensor<T> Permute(params ReadOnlySpan<int> axes)
    {
        var view = new Tensor<T>(_storage, LayoutTransforms.Permute(Layout, axes));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Permute(Layout.RowMajor(_shape), axes));
        return view;
    }

    /// <summary>Moves one axis to a new position, keeping the order of the others.</summary>
    public Tensor<T> MoveAxis(int source, int destination)
    {
        int s = Shape.NormalizeAxis(source, Rank), d = Shape.NormalizeAxis(destination, Rank);
        var order = Enumerable.Range(0, Rank).Where(i => i != s).ToList();
        order.Insert(d, s);
        return Permute([.. order]);
    }

    /// <summary>Removes every axis of size 1.</summary>
    public Tensor<T> Squeeze()
    {
        var view = new Tensor<T>(_storage, LayoutTransforms.SqueezeAll(Layout));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.SqueezeAll(Layout.RowMajor(_shape)));
        return view;
    }

    /// <summary>Removes one axis, which must have size 1.</summary>
    public Tensor<T> Squeeze(int axis)
    {
        var view = new Tensor<T>(_storage, LayoutTransforms.Squeeze(Layout, axis));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Squeeze(Layout.RowMajor(_shape), axis));
        return view;
    }

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/> (which may equal the rank, or be negative).</summary>
    public Tensor<T> Unsqueeze(int axis)
    {
        var view = new Tensor<T>(_storage, LayoutTransforms.Unsqueeze(Layout, axis));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Unsqueeze(Layout.RowMajor(_shape), axis));
        return view;
    }

    /// <summary>The diagonal of two axes as a new last axis (offset &gt; 0 above, &lt; 0 below the main diagonal).</summary>
    public Tensor<T> Diagonal(int offset = 0, int axis1 = 0, int axis2 = 1)
    {
        var view = new Tensor<T>(_storage, LayoutTransforms.Diagonal(Layout, offset, axis1, axis2));
        if (Recorder.ShouldRecord(this)) RecordView(view, LayoutTransforms.Diagonal(Layout.RowMajor(_shape), offset, axis1, axis2));
        return view;
    }

    /// <summary>A broadcast view with the given shape (size-1 axes repeat without copying; -1 keeps a size).</summary>
    /// <exception cref="ArgumentException">The tensor cannot be broadcast to the shape.</exception>
    public Tensor<T> Expand(params ReadOnlySpan<int> shape)
    {
        var target = shape.ToArray();
        int shift = target.Length - Rank;
        for (int i = 0; i < target.Length; i++)
            if (target[i] == -1)
                target[i] = i >= shift ? _shape[i - shift] : throw new ArgumentException($"Expand to {Shape.Format(shape)}: -1 is only allowed for existing axes.");
        if (target.AsSpan().SequenceEqual(_shape)) return this;
        var view = new Tensor<T>(_storage, LayoutTransforms.Expand(Layout, target));
        return Recorder.Unary(view, OpCode.Expand, this);
    }

    /// <summary>A broadcast view with the given shape (NumPy's broadcast_to).</summary>
    public Tensor<T> BroadcastTo(Shape shape) => Expand(shape.AsSpan());

    /// <summary>
    /// The same elements with a new shape (one size may be -1). A view whenever the strides allow
    /// it (always for contiguous tensors), otherwise a copy.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public Tensor<T> Reshape(params ReadOnlySpan<int> shape)
    {
        var target = LayoutTransforms.ResolveShape(shape, _length, _shape);
        if (target.AsSpan().SequenceEqual(_shape)) return this;
        Tensor<T> result;
        if (_isContiguous) result = new Tensor<T>(_storage, target, Layout.RowMajorStrides(target), _offset);
        else if (LayoutTransforms.ReshapeStrides(Layout, target) is { } strides) result = new Tensor<T>(_storage, target, strides, _offset);
        else
        {
            var copy = new Tensor<T>(Elementwise.Allocate<T>(_length), _shape);
            Elementwise.Copy(this, copy);
            result = new Tensor<T>(copy.Storage, target);
        }
        return Recorder.Unary(result, OpCode.Reshape, this);
    }

    /// <summary>Reshape to the shape of another tensor.</summary>
    public Tensor<T> ReshapeAs<TOther>(Tensor<TOther> other) where TOther : unmanaged
    {
        ArgumentNullException.ThrowIfNull(other);
        return Reshape(other.ShapeArray);
    }

    /// <summary>Merges axes <paramref name="startAxis"/>..<paramref name="endAxis"/> into one (all axes by default).</summary>
    public Tensor<T> Flatten(int startAxis = 0, int endAxis = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = Shape.NormalizeAxis(startAxis, Rank), e = Shape.NormalizeAxis(endAxis, Rank);
        if (s > e) throw new ArgumentException($"Flatten: start axis {startAxis} comes after end axis {endAxis}.");
        var shape = new List<int>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= _shape[i];
        shape.Add(merged);
        for (int i = e + 1; i < Rank; i++) shape.Add(_shape[i]);
        return Reshape([.. shape]);
    }

    private TensorIndex[] AxisIndex(int axis, TensorIndex index)
    {
        int a = Shape.NormalizeAxis(axis, Rank);
        var indices = new TensorIndex[a + 1];
        for (int i = 0; i < a; i++) indices[i] = TensorIndex.All;
        indices[a] = index;
        return indices;
    }

    private void RecordView(Tensor<T> view, Layout logical)
        => OpRecord<T>.Attach(view, OpCode.View, [this],
            new ViewArguments(_shape, logical.Shape, logical.Strides, logical.Offset));
}
