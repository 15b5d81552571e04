namespace DeepMath.Tensors;

/// <summary>
/// Where a tensor's elements live in its storage: element (i0, i1, ...) is at
/// <c>Offset + sum(ik * Strides[k])</c>. Views are new layouts over the same storage.
/// </summary>
internal readonly record struct Layout(int[] Shape, int[] Strides, int Offset)
{
    /// <summary>The row-major (C-order) layout of a shape at offset 0.</summary>
    public static Layout RowMajor(int[] shape) => new(shape, RowMajorStrides(shape), 0);

    /// <summary>Row-major strides in elements.</summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>True when the elements are packed in row-major order (size-1 axes may have any stride).</summary>
    public static bool IsRowMajor(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 0) return true;
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /// <summary>Storage positions spanned by a layout: [min, max] over all elements (max &lt; min when empty).</summary>
    public static (long Min, long Max) Extent(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int offset)
    {
        long lo = offset, hi = offset;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0) return (0, -1);
            long span = (long)(shape[i] - 1) * strides[i];
            if (span < 0) lo += span; else hi += span;
        }
        return (lo, hi);
    }
}
