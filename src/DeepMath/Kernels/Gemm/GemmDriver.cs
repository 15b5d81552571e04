using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// The GotoBLAS/BLIS loop nest around the micro-kernel: for each nc-wide panel of B and kc-deep
/// slice of k, B is packed once (shared by all threads), then each thread packs its mc x kc blocks
/// of A and sweeps micro-tiles, B micro-panel outer so it stays in L1. Small problems that fit in L2
/// with unit-stride B rows skip packing and stream A and B directly. Every element of C is computed
/// by one thread with a fixed k order, so results are bit-identical for any thread count.
/// </summary>
internal static unsafe class GemmDriver<T, TVector, TOps>
    where T : unmanaged, INumberBase<T>
    where TVector : struct
    where TOps : struct, ISimdOps<TVector, T>
{
    private const int Mr = MicroKernel<T, TVector, TOps>.Rows;
    private static readonly int Nr = MicroKernel<T, TVector, TOps>.Columns;
    private static readonly Blocking CacheBlocks = Blocking.Computed(sizeof(T), Mr, Nr);

    /// <summary>The block sizes for a product started now (read on the calling thread, then passed to the parts).</summary>
    private static Blocking CurrentBlocks() => Compute.CurrentGemmBlocking is null ? CacheBlocks : Blocking.For(sizeof(T), Mr, Nr);

    /// <summary>Minimum multiply-adds per thread before splitting pays for the fork.</summary>
    private const long MinWorkPerThread = 48L * 48 * 48;

    public static void Run(GemmProblem<T> g, int maxThreads)
    {
        long work = (long)g.M * g.N * g.K;
        int threads = (int)Math.Clamp(work / MinWorkPerThread, 1, Math.Max(1, maxThreads));
        if (GemmKernel.CanSkipPacking(g)) Direct(g, threads);
        else Packed(g, threads);
    }

    /// <summary>
    /// Splits the grid of micro-tiles into parts along rows or columns, whichever has more panels;
    /// by columns whenever each thread has some when <paramref name="preferColumns"/> (A is one block, so
    /// every thread packing all of it costs less than reading B panels that another core packed).
    /// </summary>
    private static (int Parts, bool ByRows) Partition(int rowPanels, int columnPanels, int threads, bool preferColumns = false)
    {
        bool byRows = preferColumns ? columnPanels < threads && rowPanels > columnPanels : rowPanels >= columnPanels;
        int panels = byRows ? rowPanels : columnPanels;
        return (Math.Max(1, Math.Min(threads, panels)), byRows);
    }

    private static void Packed(GemmProblem<T> g, int threads)
    {
        var blocks = CurrentBlocks();
        int ncMax = Math.Min(blocks.Nc, RoundUp(g.N, Nr));
        int kcMax = Math.Min(blocks.Kc, g.K);
        T* packedB = PackBuffer.B.Get<T>((long)ncMax * kcMax);
        for (int jc = 0; jc < g.N; jc += blocks.Nc)
        {
            int nc = Math.Min(blocks.Nc, g.N - jc);
            int columnPanels = (nc + Nr - 1) / Nr;
            for (int pc = 0; pc < g.K; pc += blocks.Kc)
            {
                int kc = Math.Min(blocks.Kc, g.K - pc);
                var mode = pc > 0 ? WriteMode.Accumulate : FirstMode(g.Beta);
                T* bSource = g.B + pc * g.RsB + jc * g.CsB;
                int rowPanels = (g.M + Mr - 1) / Mr;
                var (parts, byRows) = Partition(rowPanels, columnPanels, threads, g.M <= blocks.Mc);
                // Split by columns, each part packs the B panels it alone reads, so they stay in its
                // core's cache; split by rows, all parts read all of B, packed by all threads first.
                bool ownB = !byRows || parts == 1;
                if (!ownB) PackBParallel(kc, nc, bSource, g.RsB, g.CsB, packedB, columnPanels, Math.Min(threads, columnPanels));
                var job = new PackedJob(g, packedB, bSource, jc, nc, pc, kc, mode, rowPanels, columnPanels, parts, byRows, ownB, blocks.Mc);
                if (parts == 1) job.Execute(0);
                else Parallelism.For(parts, job.Execute);
            }
        }
    }

    /// <summary>The row panels [r0, r1) and column panels [q0, q1) of one part of the micro-tile grid.</summary>
    private static (int R0, int R1, int Q0, int Q1) PartPanels(int rowPanels, int columnPanels, int parts, bool byRows, int part)
        => byRows
            ? (Parallelism.PartStart(rowPanels, parts, part), Parallelism.PartStart(rowPanels, parts, part + 1), 0, columnPanels)
            : (0, rowPanels, Parallelism.PartStart(columnPanels, parts, part), Parallelism.PartStart(columnPanels, parts, part + 1));

    private static void PackBParallel(int kc, int nc, T* source, long rs, long cs, T* packed, int panels, int parts)
        => Parallelism.For(parts, p => Packing.PackB(kc, nc, source, rs, cs, packed, Nr,
            Parallelism.PartStart(panels, parts, p), Parallelism.PartStart(panels, parts, p + 1)));

    /// <summary>One (jc, pc) step of the packed algorithm, split into parts by row or column panels.</summary>
    private sealed class PackedJob(GemmProblem<T> g, T* packedB, T* bSource, int jc, int nc, int pc, int kc, WriteMode mode,
        int rowPanels, int columnPanels, int parts, bool byRows, bool packOwnB, int mcMax)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int part)
        {
            var (r0, r1, q0, q1) = PartPanels(rowPanels, columnPanels, parts, byRows, part);
            if (packOwnB) Packing.PackB(kc, nc, bSource, g.RsB, g.CsB, packedB, Nr, q0, q1);
            int rowEnd = Math.Min(g.M, r1 * Mr);
            T* packedA = PackBuffer.A.Get<T>((long)Math.Min(mcMax, RoundUp(rowEnd - r0 * Mr, Mr)) * kc);
            Span<T> tile = stackalloc T[Mr * Nr];
            fixed (T* tilePointer = tile)
            {
                for (int ic = r0 * Mr; ic < rowEnd; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rowEnd - ic);
                    Packing.PackA(mc, kc, g.A + ic * g.RsA + pc * g.CsA, g.RsA, g.CsA, packedA, Mr);
                    for (int q = q0; q < q1; q++)
                    {
                        int j0 = q * Nr, width = Math.Min(Nr, nc - j0);
                        T* bPanel = packedB + (long)j0 * kc;
                        for (int ir = 0; ir < mc; ir += Mr)
                        {
                            int height = Math.Min(Mr, mc - ir);
                            T* c = g.C + (ic + ir) * g.RsC + (jc + j0) * g.CsC;
                            Tile(kc, packedA + (long)ir * kc, 1, Mr, bPanel, Nr, c, height, width, g, mode, tilePointer);
                        }
                    }
                }
            }
        }
    }

    private static void Direct(GemmProblem<T> g, int threads)
    {
        int rowPanels = (g.M + Mr - 1) / Mr, columnPanels = (g.N + Nr - 1) / Nr;
        var (parts, byRows) = Partition(rowPanels, columnPanels, threads);
        var job = new DirectJob(g, rowPanels, columnPanels, parts, byRows, CurrentBlocks().Kc);
        if (parts == 1) job.Execute(0);
        else Parallelism.For(parts, job.Execute);
    }

    /// <summary>
    /// The unpacked path: full tiles read A and B in place; edge rows and columns are packed (zero-padded)
    /// first. The depth is split into the same kc blocks as the packed path, so every element of C sees
    /// the same chain of roundings whichever path (and so whichever operand layout) computes it.
    /// </summary>
    private sealed class DirectJob(GemmProblem<T> g, int rowPanels, int columnPanels, int parts, bool byRows, int kcMax)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int part)
        {
            var (r0, r1, q0, q1) = PartPanels(rowPanels, columnPanels, parts, byRows, part);
            int k = g.K;
            var mode = FirstMode(g.Beta);
            int lastRows = g.M - (rowPanels - 1) * Mr;
            int lastColumns = g.N - (columnPanels - 1) * Nr;
            T* edgeA = null, edgeB = null;
            if (r1 == rowPanels && lastRows < Mr)
            {
                edgeA = PackBuffer.A.Get<T>((long)Mr * k);
                Packing.PackA(lastRows, k, g.A + (rowPanels - 1) * Mr * g.RsA, g.RsA, g.CsA, edgeA, Mr);
            }
            if (q1 == columnPanels && lastColumns < Nr)
            {
                edgeB = PackBuffer.Edge.Get<T>((long)Nr * k);
                Packing.PackB(k, lastColumns, g.B + (columnPanels - 1) * Nr * g.CsB, g.RsB, g.CsB, edgeB, Nr, 0, 1);
            }
            Span<T> tile = stackalloc T[Mr * Nr];
            fixed (T* tilePointer = tile)
            {
                for (int q = q0; q < q1; q++)
                {
                    int j0 = q * Nr, width = Math.Min(Nr, g.N - j0);
                    bool edgeColumn = width < Nr;
                    T* b = edgeColumn ? edgeB : g.B + j0;
                    long bStep = edgeColumn ? Nr : g.RsB;
                    for (int r = r0; r < r1; r++)
                    {
                        int i0 = r * Mr, height = Math.Min(Mr, g.M - i0);
                        T* c = g.C + i0 * g.RsC + j0 * g.CsC;
                        for (int p0 = 0; p0 < k; p0 += kcMax)
                        {
                            int kc = Math.Min(kcMax, k - p0);
                            var blockMode = p0 == 0 ? mode : WriteMode.Accumulate;
                            if (height == Mr) Tile(kc, g.A + i0 * g.RsA + p0 * g.CsA, g.RsA, g.CsA, b + p0 * bStep, bStep, c, height, width, g, blockMode, tilePointer);
                            else Tile(kc, edgeA + p0 * Mr, 1, Mr, b + p0 * bStep, bStep, c, height, width, g, blockMode, tilePointer);
                        }
                    }
                }
            }
        }
    }

    /// <summary>One micro-tile: straight into C when it is whole and C rows are contiguous, else through a buffer.</summary>
    private static void Tile(int kc, T* a, long aRow, long aStep, T* b, long bStep, T* c, int height, int width,
        GemmProblem<T> g, WriteMode mode, T* tile)
    {
        bool narrow = width <= MicroKernel<T, TVector, TOps>.NarrowColumns;
        if (height == Mr && width == (narrow ? MicroKernel<T, TVector, TOps>.NarrowColumns : Nr) && g.CsC == 1)
        {
            if (narrow) MicroKernel<T, TVector, TOps>.RunNarrow(kc, a, aRow, aStep, b, bStep, c, g.RsC, g.Alpha, g.Beta, mode);
            else MicroKernel<T, TVector, TOps>.Run(kc, a, aRow, aStep, b, bStep, c, g.RsC, g.Alpha, g.Beta, mode);
            return;
        }
        if (narrow) MicroKernel<T, TVector, TOps>.RunNarrow(kc, a, aRow, aStep, b, bStep, tile, Nr, g.Alpha, g.Beta, WriteMode.Overwrite);
        else MicroKernel<T, TVector, TOps>.Run(kc, a, aRow, aStep, b, bStep, tile, Nr, g.Alpha, g.Beta, WriteMode.Overwrite);
        // The mode is decided once per tile, not per element; contiguous rows are block copies.
        for (int i = 0; i < height; i++)
        {
            T* row = c + i * g.RsC;
            T* source = tile + i * Nr;
            if (mode == WriteMode.Overwrite && g.CsC == 1) new ReadOnlySpan<T>(source, width).CopyTo(new Span<T>(row, width));
            else if (mode == WriteMode.Overwrite) for (int j = 0; j < width; j++) row[j * g.CsC] = source[j];
            else if (mode == WriteMode.Accumulate) for (int j = 0; j < width; j++) row[j * g.CsC] += source[j];
            else for (int j = 0; j < width; j++) row[j * g.CsC] = g.Beta * row[j * g.CsC] + source[j];
        }
    }

    internal static WriteMode FirstMode(T beta)
        => T.IsZero(beta) ? WriteMode.Overwrite : beta == T.One ? WriteMode.Accumulate : WriteMode.Scale;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
