namespace DeepMath.Tensors;

public static partial class Tensor
{
    /// <summary>Joins tensors along an existing axis; all other axes must match.</summary>
    /// <exception cref="ArgumentException">No tensors, different ranks, or mismatched sizes (the message names both shapes).</exception>
    public static Tensor<T> Concatenate<T>(ReadOnlySpan<Tensor<T>> tensors, int axis = 0) where T : unmanaged
    {
        if (tensors.Length == 0) throw new ArgumentException("Concatenate needs at least one tensor.", nameof(tensors));
        var first = tensors[0] ?? throw new ArgumentNullException(nameof(tensors));
        if (first.Rank == 0) throw new ArgumentException("Concatenate cannot join 0-d tensors; use Stack.");
        int a = Shape.NormalizeAxis(axis, first.Rank);
        int total = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors));
            if (t.Rank != first.Rank)
                throw new ArgumentException($"Concatenate: tensor {i} has shape {t.Shape} but tensor 0 has shape {first.Shape}; ranks differ.");
            for (int d = 0; d < t.Rank; d++)
                if (d != a && t.ShapeArray[d] != first.ShapeArray[d])
                    throw new ArgumentException($"Concatenate: tensor {i} has shape {t.Shape} but tensor 0 has shape {first.Shape}; all axes except {a} must match.");
            total += t.ShapeArray[a];
        }
        var shape = (int[])first.ShapeArray.Clone();
        shape[a] = total;
        var result = new Tensor<T>(Elementwise.Allocate<T>(Shape.CheckedCount(shape)), shape);
        int position = 0;
        using (GradMode.Disable())
        {
            foreach (var t in tensors)
            {
                int n = t.ShapeArray[a];
                Elementwise.Copy(t, result.Narrow(a, position, n));
                position += n;
            }
        }
        return Recorder.Many(result, OpCode.Concatenate, tensors.ToArray(), new ConcatenateArguments(a));
    }

    /// <summary>Joins tensors of equal shape along a new axis.</summary>
    public static Tensor<T> Stack<T>(ReadOnlySpan<Tensor<T>> tensors, int axis = 0) where T : unmanaged
    {
        if (tensors.Length == 0) throw new ArgumentException("Stack needs at least one tensor.", nameof(tensors));
        var first = tensors[0] ?? throw new ArgumentNullException(nameof(tensors));
        var expanded = new Tensor<T>[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors));
            if (!t.ShapeArray.AsSpan().SequenceEqual(first.ShapeArray))
                throw new ArgumentException($"Stack: tensor {i} has shape {t.Shape} but tensor 0 has shape {first.Shape}.");
            expanded[i] = t.Unsqueeze(axis);
        }
        return Concatenate<T>(expanded, axis);
    }

    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>Views of consecutive pieces along an axis with the given sizes (which must add up to the axis size).</summary>
        public Tensor<T>[] Split(int[] sizes, int axis = 0)
        {
            ArgumentNullException.ThrowIfNull(sizes);
            int a = Shape.NormalizeAxis(axis, x.Rank);
            if (sizes.Any(s => s < 0) || sizes.Sum() != x.ShapeArray[a])
                throw new ArgumentException($"Split sizes {Shape.Format(sizes)} do not add up to axis {a} of shape {x.Shape}.");
            var parts = new Tensor<T>[sizes.Length];
            int position = 0;
            for (int i = 0; i < sizes.Length; i++)
            {
                parts[i] = x.Narrow(a, position, sizes[i]);
                position += sizes[i];
            }
            return parts;
        }

        /// <summary>Views of pieces of <paramref name="size"/> along an axis (the last may be shorter).</summary>
        public Tensor<T>[] Split(int size, int axis = 0)
        {
            if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "Split size must be positive.");
            int n = x.ShapeArray[Shape.NormalizeAxis(axis, x.Rank)];
            var sizes = new List<int>();
            for (int p = 0; p < n; p += size) sizes.Add(Math.Min(size, n - p));
            return x.Split([.. sizes], axis);
        }

        /// <summary>At most <paramref name="chunks"/> views of near-equal size along an axis (PyTorch's chunk: ceil(n / chunks) each).</summary>
        public Tensor<T>[] Chunk(int chunks, int axis = 0)
        {
            if (chunks <= 0) throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "Chunk count must be positive.");
            int n = x.ShapeArray[Shape.NormalizeAxis(axis, x.Rank)];
            return x.Split(Math.Max(1, (n + chunks - 1) / chunks), axis);
        }
    }
}
