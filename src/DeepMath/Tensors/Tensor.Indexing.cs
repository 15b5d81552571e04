using System.Numerics;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// The entries at <paramref name="indices"/> along an axis, in that order (repeats allowed,
        /// negative indices count from the end): a copy whose axis has length indices.Length.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">An index is outside the axis.</exception>
        public Tensor<T> IndexSelect<TIndex>(int axis, Tensor<TIndex> indices) where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            ArgumentNullException.ThrowIfNull(indices);
            if (indices.Rank != 1) throw new ArgumentException($"IndexSelect needs a 1-D index tensor, got shape {indices.Shape}.");
            int a = Shape.NormalizeAxis(axis, x.Rank);
            var index = ResolveIndices(indices, x.ShapeArray[a], a);
            var shape = (int[])x.ShapeArray.Clone();
            shape[a] = index.Length;
            var result = new Tensor<T>(Elementwise.Allocate<T>(Shape.CheckedCount(shape)), shape);
            CopySelected(x, a, index, result);
            if (Recorder.ShouldRecord(x))
                OpRecord<T>.Attach(result, OpCode.IndexSelect, [x], new IndexArguments(a, new Tensor<long>(index, [index.Length]), x.ShapeArray));
            return result;
        }

        /// <summary>IndexSelect with indices given as an array.</summary>
        public Tensor<T> IndexSelect(int axis, params int[] indices) => x.IndexSelect(axis, FromArray(indices));

        /// <summary>
        /// PyTorch's gather: out[i][j][k] = x[i][index[i][j][k]][k] for axis 1 (and likewise for any
        /// axis). The index has x's rank; off the axis its sizes may not exceed x's.
        /// </summary>
        public Tensor<T> Gather(int axis, Tensor<long> index)
        {
            ArgumentNullException.ThrowIfNull(index);
            int a = CheckGatherShapes(x.ShapeArray, index.ShapeArray, axis, "gather");
            var result = new Tensor<T>(Elementwise.Allocate<T>(index.Length), index.ShapeArray);
            var idx = index.Contiguous();
            var dst = result.Storage;
            ForEachIndexPosition(idx, x, a, "gather", (i, sourceOffset) => dst[i] = x.Storage[sourceOffset]);
            if (Recorder.ShouldRecord(x))
                OpRecord<T>.Attach(result, OpCode.Gather, [x], new IndexArguments(a, idx, x.ShapeArray));
            return result;
        }

        /// <summary>Elements where the mask (broadcast to x's shape) is true, as a 1-D tensor in row-major order.</summary>
        public Tensor<T> MaskedSelect(Tensor<bool> mask)
        {
            ArgumentNullException.ThrowIfNull(mask);
            var full = mask.Expand(x.ShapeArray).Contiguous().AsSpan();
            var positions = new List<long>();
            for (int i = 0; i < full.Length; i++)
                if (full[i]) positions.Add(i);
            return x.Reshape(-1).IndexSelect(0, new Tensor<long>([.. positions], [positions.Count]));
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// A copy of x with the slices of <paramref name="source"/> added at <paramref name="indices"/>
        /// along an axis (repeated indices accumulate): the adjoint of IndexSelect.
        /// </summary>
        public Tensor<T> IndexAdd(int axis, Tensor<long> indices, Tensor<T> source)
        {
            ArgumentNullException.ThrowIfNull(indices);
            ArgumentNullException.ThrowIfNull(source);
            int a = Shape.NormalizeAxis(axis, x.Rank);
            var index = ResolveIndices(indices, x.ShapeArray[a], a);
            var expected = (int[])x.ShapeArray.Clone();
            expected[a] = index.Length;
            if (!source.ShapeArray.AsSpan().SequenceEqual(expected))
                throw new ArgumentException($"IndexAdd: source has shape {source.Shape}, expected {Shape.Format(expected)} for x of shape {x.Shape} and {index.Length} indices.");
            Tensor<T> result;
            using (GradMode.Disable())
            {
                result = x.Detach().Clone();
                for (int j = 0; j < index.Length; j++)
                    result.Select(a, (int)index[j]).AddInPlace(source.Detach().Select(a, j));
            }
            if (Recorder.ShouldRecord(x, source))
                OpRecord<T>.Attach(result, OpCode.IndexAdd, [x, source], new IndexArguments(a, new Tensor<long>(index, [index.Length]), x.ShapeArray));
            return result;
        }

        /// <summary>
        /// A copy of x with source[i][j][k] added at [i][index[i][j][k]][k] for axis 1 (and likewise for
        /// any axis): PyTorch's scatter_add, the adjoint of <see cref="Gather"/>.
        /// </summary>
        public Tensor<T> ScatterAdd(int axis, Tensor<long> index, Tensor<T> source)
        {
            ArgumentNullException.ThrowIfNull(index);
            ArgumentNullException.ThrowIfNull(source);
            int a = CheckGatherShapes(x.ShapeArray, index.ShapeArray, axis, "scatter add");
            if (!source.ShapeArray.AsSpan().SequenceEqual(index.ShapeArray))
                throw new ArgumentException($"ScatterAdd: source shape {source.Shape} differs from index shape {index.Shape}.");
            Tensor<T> result;
            using (GradMode.Disable()) result = x.Detach().Clone();
            var src = source.Contiguous().AsSpan().ToArray();
            var idx = index.Contiguous();
            var dst = result.Storage;
            ForEachIndexPosition(idx, result, a, "scatter add", (i, targetOffset) => dst[targetOffset] += src[i]);
            if (Recorder.ShouldRecord(x, source))
                OpRecord<T>.Attach(result, OpCode.ScatterAdd, [x, source], new IndexArguments(a, idx, x.ShapeArray));
            return result;
        }
    }

    /// <summary>Coordinates of the true elements: a [count, rank] tensor, one row per element in row-major order.</summary>
    public static Tensor<long> NonZero(Tensor<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var flat = mask.Contiguous().AsSpan();
        var shape = mask.ShapeArray;
        var rows = new List<long>();
        int count = 0;
        for (int i = 0; i < flat.Length; i++)
        {
            if (!flat[i]) continue;
            count++;
            int rest = i;
            var coords = new long[shape.Length];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                coords[d] = rest % shape[d];
                rest /= shape[d];
            }
            rows.AddRange(coords);
        }
        return new Tensor<long>([.. rows], [count, shape.Length]);
    }

    private static long[] ResolveIndices<TIndex>(Tensor<TIndex> indices, int size, int axis) where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        var span = indices.Contiguous().AsSpan();
        var result = new long[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            long v = long.CreateSaturating(span[i]);
            long r = v < 0 ? v + size : v;
            if (r < 0 || r >= size)
                throw new ArgumentOutOfRangeException(nameof(indices), v, $"Index {v} is out of range for axis {axis} with size {size}.");
            result[i] = r;
        }
        return result;
    }

    /// <summary>Copies x's slices at index[j] along axis a into slice j of result (row copies when possible).</summary>
    private static void CopySelected<T>(Tensor<T> x, int a, long[] index, Tensor<T> result) where T : unmanaged
    {
        using var _ = GradMode.Disable();
        var source = x.Detach();
        if (a == 0 && source.IsContiguous)
        {
            int row = source.Rank == 0 ? 1 : source.Length / Math.Max(source.ShapeArray[0], 1);
            for (int j = 0; j < index.Length; j++)
                source.Storage.AsSpan(source.Offset + (int)index[j] * row, row).CopyTo(result.Storage.AsSpan(j * row, row));
            return;
        }
        for (int j = 0; j < index.Length; j++)
            Elementwise.Copy(source.Select(a, (int)index[j]), result.Select(a, j));
    }

    private static int CheckGatherShapes(int[] shape, int[] indexShape, int axis, string operation)
    {
        if (indexShape.Length != shape.Length)
            throw new ArgumentException($"{operation}: index shape {Shape.Format(indexShape)} must have the rank of shape {Shape.Format(shape)}.");
        int a = Shape.NormalizeAxis(axis, shape.Length);
        for (int d = 0; d < shape.Length; d++)
            if (d != a && indexShape[d] > shape[d])
                throw new ArgumentException($"{operation}: index shape {Shape.Format(indexShape)} exceeds shape {Shape.Format(shape)} on axis {d}.");
        return a;
    }

    /// <summary>For each element i of a contiguous index tensor, the storage offset in x it points at along axis a.</summary>
    private static void ForEachIndexPosition<T>(Tensor<long> index, Tensor<T> x, int a, string operation, Action<int, int> visit) where T : unmanaged
    {
        var idx = index.AsSpan();
        var shape = index.ShapeArray;
        var coords = new int[shape.Length];
        int size = x.ShapeArray[a];
        for (int i = 0; i < idx.Length; i++)
        {
            long v = idx[i] < 0 ? idx[i] + size : idx[i];
            if (v < 0 || v >= size)
                throw new ArgumentOutOfRangeException(nameof(index), idx[i], $"{operation}: index {idx[i]} is out of range for axis {a} with size {size}.");
            int offset = x.Offset;
            for (int d = 0; d < coords.Length; d++) offset += (d == a ? (int)v : coords[d]) * x.StrideArray[d];
            visit(i, offset);
            for (int d = coords.Length - 1; d >= 0; d--)
            {
                if (++coords[d] < shape[d]) break;
                coords[d] = 0;
            }
        }
    }
}
