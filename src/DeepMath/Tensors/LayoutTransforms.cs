namespace DeepMath.Tensors;

/// <summary>
/// Views as pure functions of a layout. Each is applied to the tensor's real layout to make the
/// view, and (when recording) to the row-major layout of its shape, which tells the backward pass
/// where the view's elements sit in the input.
/// </summary>
internal static class LayoutTransforms
{
    public static Layout Index(in Layout layout, ReadOnlySpan<TensorIndex> indices)
    {
        int rank = layout.Shape.Length, consuming = 0, ellipses = 0;
        foreach (var ix in indices)
        {
            if (ix.Kind is TensorIndex.IndexKind.Single or TensorIndex.IndexKind.Slice or TensorIndex.IndexKind.Range) consuming++;
            else if (ix.Kind == TensorIndex.IndexKind.Ellipsis) ellipses++;
        }
        if (ellipses > 1) throw new ArgumentException("An index can contain at most one Ellipsis.");
        if (consuming > rank)
            throw new ArgumentException($"Too many indices ({consuming}) for a tensor of shape {Shape.Format(layout.Shape)}.");
        var shape = new List<int>(rank + indices.Length);
        var strides = new List<int>(rank + indices.Length);
        int offset = layout.Offset, axis = 0;
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndex.IndexKind.NewAxis:
                    shape.Add(1);
                    strides.Add(0);
                    break;
                case TensorIndex.IndexKind.Ellipsis:
                    for (int k = 0; k < rank - consuming; k++, axis++)
                    {
                        shape.Add(layout.Shape[axis]);
                        strides.Add(layout.Strides[axis]);
                    }
                    break;
                case TensorIndex.IndexKind.Single:
                {
                    int n = layout.Shape[axis], i = ix.SingleIndex;
                    int resolved = i < 0 ? i + n : i;
                    if ((uint)resolved >= (uint)n)
                        throw new ArgumentOutOfRangeException(nameof(indices), i,
                            $"Index {i} is out of range for axis {axis} with size {n} (shape {Shape.Format(layout.Shape)}).");
                    offset += resolved * layout.Strides[axis];
                    axis++;
                    break;
                }
                default:
                {
                    var (start, step, count) = ix.Resolve(layout.Shape[axis]);
                    if (count > 0) offset += start * layout.Strides[axis];
                    shape.Add(count);
                    strides.Add(layout.Strides[axis] * step);
                    axis++;
                    break;
                }
            }
        }
        for (; axis < rank; axis++)
        {
            shape.Add(layout.Shape[axis]);
            strides.Add(layout.Strides[axis]);
        }
        return new Layout([.. shape], [.. strides], offset);
    }

    /// <summary>
    /// Sliding windows along one axis (PyTorch's unfold): the axis becomes the window index, of size
    /// (n - size) / step + 1, and a new last axis of <paramref name="size"/> walks inside a window.
    /// Windows overlap when step &lt; size, so the result may address an element several times.
    /// </summary>
    public static Layout Unfold(in Layout layout, int axis, int size, int step)
    {
        int n = layout.Shape[axis];
        int windows = n >= size ? (n - size) / step + 1 : 0;
        var shape = layout.Shape.ToArray();
        var strides = layout.Strides.ToArray();
        shape[axis] = windows;
        strides[axis] = layout.Strides[axis] * step;
        return new Layout([.. shape, size], [.. strides, layout.Strides[axis]], layout.Offset);
    }

    /// <summary>
    /// True when no two positions of the layout address the same element: with the axes of extent
    /// &gt; 1 ordered by |stride|, each stride exceeds the span of all smaller ones. (False may also mean
    /// "could not prove", which only costs a slower accumulating path.)
    /// </summary>
    public static bool IsInjective(int[] shape, int[] strides)
    {
        Span<(long Stride, int Extent)> axes = stackalloc (long, int)[shape.Length];
        int count = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0) return true;
            if (shape[i] > 1) axes[count++] = (Math.Abs((long)strides[i]), shape[i]);
        }
        axes = axes[..count];
        axes.Sort((a, b) => a.Stride.CompareTo(b.Stride));
        long span = 0;
        foreach (var (stride, extent) in axes)
        {
            if (stride <= span) return false;
            span += stride * (extent - 1);
        }
        return true;
    }

    public static Layout Permute(in Layout layout, ReadOnlySpan<int> axes)
    {
        int rank = layout.Shape.Length;
        if (axes.Length != rank)
            throw new ArgumentException($"Permute needs {rank} axes for shape {Shape.Format(layout.Shape)}, got {axes.Length}.");
        var seen = new bool[rank];
        var shape = new int[rank];
        var strides = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int a = Shape.NormalizeAxis(axes[i], rank);
            if (seen[a]) throw new ArgumentException($"Permute axes {Shape.Format(axes)} repeat axis {a}.");
            seen[a] = true;
            shape[i] = layout.Shape[a];
            strides[i] = layout.Strides[a];
        }
        return new Layout(shape, strides, layout.Offset);
    }

    public static Layout Squeeze(in Layout layout, int axis)
    {
        int a = Shape.NormalizeAxis(axis, layout.Shape.Length);
        if (layout.Shape[a] != 1)
            throw new ArgumentException($"Cannot squeeze axis {axis} of shape {Shape.Format(layout.Shape)}: its size is {layout.Shape[a]}, not 1.");
        return new Layout(Remove(layout.Shape, a), Remove(layout.Strides, a), layout.Offset);
    }

    public static Layout SqueezeAll(in Layout layout)
    {
        var shape = new List<int>();
        var strides = new List<int>();
        for (int i = 0; i < layout.Shape.Length; i++)
        {
            if (layout.Shape[i] == 1) continue;
            shape.Add(layout.Shape[i]);
            strides.Add(layout.Strides[i]);
        }
        return new Layout([.. shape], [.. strides], layout.Offset);
    }

    public static Layout Unsqueeze(in Layout layout, int axis)
    {
        int a = Shape.NormalizeAxis(axis, layout.Shape.Length + 1);
        int stride = a < layout.Shape.Length ? layout.Strides[a] * layout.Shape[a] : 1;
        return new Layout(Insert(layout.Shape, a, 1), Insert(layout.Strides, a, stride), layout.Offset);
    }

    public static Layout Diagonal(in Layout layout, int offset, int axis1, int axis2)
    {
        int rank = layout.Shape.Length;
        int a1 = Shape.NormalizeAxis(axis1, rank), a2 = Shape.NormalizeAxis(axis2, rank);
        if (a1 == a2) throw new ArgumentException($"Diagonal needs two different axes, got {axis1} and {axis2}.");
        int n1 = layout.Shape[a1], n2 = layout.Shape[a2];
        int length = offset >= 0 ? Math.Max(0, Math.Min(n1, n2 - offset)) : Math.Max(0, Math.Min(n1 + offset, n2));
        int start = layout.Offset;
        if (length > 0) start += offset >= 0 ? offset * layout.Strides[a2] : -offset * layout.Strides[a1];
        var shape = new List<int>();
        var strides = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            if (i == a1 || i == a2) continue;
            shape.Add(layout.Shape[i]);
            strides.Add(layout.Strides[i]);
        }
        shape.Add(length);
        strides.Add(layout.Strides[a1] + layout.Strides[a2]);
        return new Layout([.. shape], [.. strides], start);
    }

    public static Layout Expand(in Layout layout, int[] target)
        => new(target, Broadcasting.StridesTo(layout.Shape, layout.Strides, target, "expand"), layout.Offset);

    /// <summary>
    /// Strides for viewing <paramref name="layout"/> with a new shape of the same element count, or
    /// null when the existing strides cannot express it (then reshape must copy). Works chunk by
    /// chunk: each run of input axes that is contiguous in memory can be split any way.
    /// </summary>
    public static int[]? ReshapeStrides(in Layout layout, int[] newShape)
    {
        var oldShape = layout.Shape;
        var oldStrides = layout.Strides;
        var result = new int[newShape.Length];
        if (Shape.CheckedCount(oldShape) == 0) return Layout.RowMajorStrides(newShape);
        int viewD = newShape.Length - 1;
        int chunkBaseStride = oldStrides.Length > 0 ? oldStrides[^1] : 1;
        long tensorElements = 1, viewElements = 1;
        for (int d = oldShape.Length - 1; d >= 0; d--)
        {
            tensorElements *= oldShape[d];
            if (d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorElements * chunkBaseStride))
            {
                while (viewD >= 0 && (viewElements < tensorElements || newShape[viewD] == 1))
                {
                    result[viewD] = (int)(viewElements * chunkBaseStride);
                    viewElements *= newShape[viewD];
                    viewD--;
                }
                if (viewElements != tensorElements) return null;
                if (d > 0)
                {
                    chunkBaseStride = oldStrides[d - 1];
                    tensorElements = 1;
                    viewElements = 1;
                }
            }
        }
        for (; viewD >= 0; viewD--) result[viewD] = 1;
        return result;
    }

    /// <summary>Replaces one -1 by the size that keeps the element count; checks the count.</summary>
    public static int[] ResolveShape(ReadOnlySpan<int> requested, int count, int[] from)
    {
        var shape = requested.ToArray();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException($"Reshape to {Shape.Format(requested)}: only one axis can be -1.");
                unknown = i;
            }
            else if (shape[i] < 0) throw new ArgumentException($"Reshape to {Shape.Format(requested)}: axis sizes must be non-negative or -1.");
            else known *= shape[i];
        }
        if (unknown >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new ArgumentException($"Cannot reshape a tensor of shape {Shape.Format(from)} ({count} elements) into {Shape.Format(requested)}.");
            shape[unknown] = (int)(count / known);
        }
        else if (known != count)
            throw new ArgumentException($"Cannot reshape a tensor of shape {Shape.Format(from)} ({count} elements) into {Shape.Format(requested)} ({known} elements).");
        return shape;
    }

    private static int[] Remove(int[] values, int at)
    {
        var result = new int[values.Length - 1];
        for (int i = 0, j = 0; i < values.Length; i++)
            if (i != at) result[j++] = values[i];
        return result;
    }

    private static int[] Insert(int[] values, int at, int value)
    {
        var result = new int[values.Length + 1];
        for (int i = 0, j = 0; i < result.Length; i++)
            result[i] = i == at ? value : values[j++];
        return result;
    }
}
