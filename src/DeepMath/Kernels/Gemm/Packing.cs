using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// Copies blocks of A and B into the panel layouts the micro-kernel streams through: A as panels of
/// <c>rows</c> rows stored k-major (a[p * rows + i]), B as panels of <c>columns</c> columns stored
/// k-major (b[p * columns + j]). Missing rows and columns at the edges are zero, so edge tiles run
/// the full-speed kernel.
/// </summary>
internal static unsafe class Packing
{
    /// <summary>Packs the mc x kc block whose (0, 0) is at <paramref name="a"/>, element (i, p) at a[i * rs + p * cs].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(int mc, int kc, T* a, long rs, long cs, T* destination, int rows) where T : unmanaged
    {
        for (int i0 = 0; i0 < mc; i0 += rows)
        {
            int height = Math.Min(rows, mc - i0);
            T* panel = destination + (long)i0 * kc;
            T* source = a + i0 * rs;
            if (height == 6 && rows == 6)
            {
                // The common case: six source rows read side by side, the panel written in order.
                T* s1 = source + rs, s2 = source + 2 * rs, s3 = source + 3 * rs, s4 = source + 4 * rs, s5 = source + 5 * rs;
                for (long p = 0, o = 0; p < kc; p++, o += cs, panel += 6)
                {
                    panel[0] = source[o];
                    panel[1] = s1[o];
                    panel[2] = s2[o];
                    panel[3] = s3[o];
                    panel[4] = s4[o];
                    panel[5] = s5[o];
                }
                continue;
            }
            if (height < rows) new Span<T>(panel, rows * kc).Clear();
            for (int i = 0; i < height; i++)
            {
                T* row = source + i * rs;
                T* target = panel + i;
                for (int p = 0; p < kc; p++) target[p * rows] = row[p * cs];
            }
        }
    }

    /// <summary>Packs the kc x nc block whose (0, 0) is at <paramref name="b"/>, element (p, j) at b[p * rs + j * cs].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(int kc, int nc, T* b, long rs, long cs, T* destination, int columns, int firstPanel, int lastPanel) where T : unmanaged
    {
        for (int q = firstPanel; q < lastPanel; q++)
        {
            int j0 = q * columns;
            int width = Math.Min(columns, nc - j0);
            T* panel = destination + (long)j0 * kc;
            if (cs == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    var target = new Span<T>(panel + p * columns, columns);
                    new ReadOnlySpan<T>(b + p * rs + j0, width).CopyTo(target);
                    if (width < columns) target[width..].Clear();
                }
                continue;
            }
            // Columns of B are rows in memory (B transposed): whole blocks by vector transposes, the
            // rest walking k in the outer loop so the panel is written in order while the few source
            // rows being read stay in L1.
            int done = rs == 1 && width == columns ? TransposedPacking.PackFullPanel(kc, b + j0 * cs, cs, panel, columns) : 0;
            for (int p = done; p < kc; p++)
            {
                T* source = b + p * rs + j0 * cs;
                T* target = panel + p * columns;
                for (int j = 0; j < width; j++) target[j] = source[j * cs];
                for (int j = width; j < columns; j++) target[j] = default;
            }
        }
    }
}

/// <summary>
/// Per-thread, 64-byte aligned native buffers for packed panels: allocated once per thread and
/// grown when needed, never per call.
/// </summary>
internal sealed unsafe class PackBuffer
{
    [ThreadStatic] private static PackBuffer? t_a;
    [ThreadStatic] private static PackBuffer? t_b;
    [ThreadStatic] private static PackBuffer? t_edge;

    private void* _memory;
    private nuint _bytes;

    /// <summary>The calling thread's buffer for packed A blocks.</summary>
    public static PackBuffer A => t_a ??= new PackBuffer();

    /// <summary>The calling thread's buffer for packed B panels (shared with helper threads during a call).</summary>
    public static PackBuffer B => t_b ??= new PackBuffer();

    /// <summary>The calling thread's buffer for edge panels of the unpacked path.</summary>
    public static PackBuffer Edge => t_edge ??= new PackBuffer();

    /// <summary>At least <paramref name="count"/> elements of T.</summary>
    public T* Get<T>(long count) where T : unmanaged
    {
        nuint bytes = (nuint)(count * sizeof(T));
        if (bytes > _bytes)
        {
            if (_memory is not null) NativeMemory.AlignedFree(_memory);
            _bytes = Math.Max(bytes, 1 << 16);
            _memory = NativeMemory.AlignedAlloc(_bytes, 64);
        }
        return (T*)_memory;
    }

    ~PackBuffer()
    {
        if (_memory is not null) NativeMemory.AlignedFree(_memory);
    }
}
