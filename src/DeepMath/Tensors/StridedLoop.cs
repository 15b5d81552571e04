using System.Runtime.CompilerServices;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

/// <summary>One operand of a strided loop: its strides (aligned to the loop's shape) and start offset.</summary>
internal readonly record struct Operand(int[] Strides, int Offset);

/// <summary>Processes one run of elements: operand k starts at storage offset ok and steps sk.</summary>
internal interface IRowKernel
{
    void Run(int length, int o0, int s0, int o1, int s1, int o2, int s2, int o3, int s3);
}

/// <summary>
/// The one N-d loop behind every strided elementwise operation. It merges axes that are laid out
/// back to back in every operand (so a contiguous tensor becomes a single run), hands the innermost
/// axis to a row kernel, and splits large loops across threads by fixed ranges.
/// </summary>
internal static class StridedLoop
{
    /// <summary>Default minimum elements per thread.</summary>
    public const int DefaultGrain = 1 << 15;

    private const int MaxOperands = 4;

    public static void Run<TKernel>(TKernel kernel, int[] shape, ReadOnlySpan<Operand> operands, int grain = DefaultGrain)
        where TKernel : struct, IRowKernel
    {
        long total = 1;
        foreach (var d in shape)
        {
            if (d == 0) return;
            total *= d;
        }
        int k = operands.Length;
        int rank = Math.Max(shape.Length, 1);
        Span<int> dims = stackalloc int[rank];
        Span<int> strides = stackalloc int[rank * MaxOperands];
        Span<int> offsets = stackalloc int[MaxOperands];
        for (int j = 0; j < k; j++) offsets[j] = operands[j].Offset;
        int r = Coalesce(shape, operands, dims, strides);
        if (r == 0)
        {
            kernel.Run(1, offsets[0], 0, offsets[1], 0, offsets[2], 0, offsets[3], 0);
            return;
        }
        int n = dims[0];
        long rows = total / n;
        int parts = Parallelism.PartsFor(total, grain);
        if (parts == 1)
        {
            RunRows(ref kernel, dims[..r], strides[..(r * MaxOperands)], offsets, 0, rows);
            return;
        }
        RunParallel(kernel, dims[..r].ToArray(), strides[..(r * MaxOperands)].ToArray(), offsets.ToArray(), rows, parts);
    }

    // Separate from Run so the closures below are only allocated for parallel loops.
    private static void RunParallel<TKernel>(TKernel kernel, int[] dimsArray, int[] stridesArray, int[] offsetsArray, long rows, int parts)
        where TKernel : struct, IRowKernel
    {
        int n = dimsArray[0];
        if (rows == 1)
        {
            Parallelism.For(parts, p =>
            {
                int start = Parallelism.PartStart(n, parts, p), end = Parallelism.PartStart(n, parts, p + 1);
                var kern = kernel;
                kern.Run(end - start,
                    offsetsArray[0] + start * stridesArray[0], stridesArray[0],
                    offsetsArray[1] + start * stridesArray[1], stridesArray[1],
                    offsetsArray[2] + start * stridesArray[2], stridesArray[2],
                    offsetsArray[3] + start * stridesArray[3], stridesArray[3]);
            });
            return;
        }
        int rowCount = (int)rows;
        Parallelism.For(Math.Min(parts, rowCount), p =>
        {
            int used = Math.Min(parts, rowCount);
            long start = Parallelism.PartStart(rowCount, used, p), end = Parallelism.PartStart(rowCount, used, p + 1);
            var kern = kernel;
            RunRows(ref kern, dimsArray, stridesArray, offsetsArray, start, end);
        });
    }

    /// <summary>Merges and drops axes; returns the coalesced rank with axis 0 innermost.</summary>
    private static int Coalesce(int[] shape, ReadOnlySpan<Operand> operands, Span<int> dims, Span<int> strides)
    {
        int k = operands.Length, r = 0;
        strides.Clear();
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            int size = shape[axis];
            if (size == 1) continue;
            bool merge = r > 0;
            for (int j = 0; j < k && merge; j++)
                merge = operands[j].Strides[axis] == strides[(r - 1) * MaxOperands + j] * dims[r - 1];
            if (merge)
            {
                dims[r - 1] *= size;
                continue;
            }
            dims[r] = size;
            for (int j = 0; j < k; j++) strides[r * MaxOperands + j] = operands[j].Strides[axis];
            r++;
        }
        return r;
    }

    /// <summary>Runs rows [first, last) of the coalesced loop (row = one pass over axis 0).</summary>
    private static void RunRows<TKernel>(ref TKernel kernel, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides,
        ReadOnlySpan<int> baseOffsets, long first, long last) where TKernel : struct, IRowKernel
    {
        int r = dims.Length, n = dims[0];
        Span<int> counter = stackalloc int[r];
        Span<int> o = stackalloc int[MaxOperands];
        baseOffsets.CopyTo(o);
        long rest = first;
        for (int axis = 1; axis < r; axis++)
        {
            counter[axis] = (int)(rest % dims[axis]);
            rest /= dims[axis];
            for (int j = 0; j < MaxOperands; j++) o[j] += counter[axis] * strides[axis * MaxOperands + j];
        }
        int s0 = strides[0], s1 = strides[1], s2 = strides[2], s3 = strides[3];
        for (long row = first; row < last; row++)
        {
            kernel.Run(n, o[0], s0, o[1], s1, o[2], s2, o[3], s3);
            for (int axis = 1; axis < r; axis++)
            {
                int baseIndex = axis * MaxOperands;
                if (++counter[axis] < dims[axis])
                {
                    Advance(o, strides.Slice(baseIndex, MaxOperands), 1);
                    break;
                }
                counter[axis] = 0;
                Advance(o, strides.Slice(baseIndex, MaxOperands), -(dims[axis] - 1));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(Span<int> offsets, ReadOnlySpan<int> strides, int steps)
    {
        offsets[0] += steps * strides[0];
        offsets[1] += steps * strides[1];
        offsets[2] += steps * strides[2];
        offsets[3] += steps * strides[3];
    }
}
