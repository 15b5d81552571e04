using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// Packs B panels from a transposed operand (columns of B contiguous in memory, as W in x W^T) with
/// AVX-512 in-register transposes: 16 x 16 floats or 8 x 8 doubles per block, from unpack and 128-bit
/// lane shuffles, instead of one scalar gather per element. With m = 64 the scalar gather was a third
/// of the time of a backpropagation product.
/// </summary>
internal static unsafe class TransposedPacking
{
    /// <summary>
    /// Packs full panels of <paramref name="columns"/> columns (element (p, j) at b[p + j * cs]) for
    /// p in [0, kc) rounded down to whole blocks; returns how many k rows it packed (the caller packs
    /// the rest), or 0 where this machine or layout has no fast path.
    /// </summary>
    public static int PackFullPanel<T>(int kc, T* b, long cs, T* panel, int columns) where T : unmanaged
    {
        if (!Avx512F.IsSupported) return 0;
        if (typeof(T) == typeof(float) && columns % 16 == 0)
        {
            int packed = kc / 16 * 16;
            for (int p0 = 0; p0 < packed; p0 += 16)
                for (int j0 = 0; j0 < columns; j0 += 16)
                    Transpose16((float*)b + p0 + j0 * cs, cs, (float*)panel + (long)p0 * columns + j0, columns);
            return packed;
        }
        if (typeof(T) == typeof(double) && columns % 8 == 0)
        {
            int packed = kc / 8 * 8;
            for (int p0 = 0; p0 < packed; p0 += 8)
                for (int j0 = 0; j0 < columns; j0 += 8)
                    Transpose8((double*)b + p0 + j0 * cs, cs, (double*)panel + (long)p0 * columns + j0, columns);
            return packed;
        }
        return 0;
    }

    /// <summary>target[p * stride + r] = source[r * rowStride + p] for r, p in [0, 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose16(float* source, long rowStride, float* target, long stride)
    {
        // Stage 1: interleave pairs of rows (32-bit), stage 2: pairs of pairs (64-bit); then lane
        // u[4g + c] holds column 4L + c of rows 4g..4g+3 in each 128-bit lane L.
        var u = stackalloc Vector512<float>[16];
        for (int g = 0; g < 4; g++)
        {
            float* r = source + 4 * g * rowStride;
            var r0 = Vector512.Load(r);
            var r1 = Vector512.Load(r + rowStride);
            var r2 = Vector512.Load(r + 2 * rowStride);
            var r3 = Vector512.Load(r + 3 * rowStride);
            var t0 = Avx512F.UnpackLow(r0, r1).AsDouble();
            var t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
            var t2 = Avx512F.UnpackLow(r2, r3).AsDouble();
            var t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
            u[4 * g] = Avx512F.UnpackLow(t0, t2).AsSingle();
            u[4 * g + 1] = Avx512F.UnpackHigh(t0, t2).AsSingle();
            u[4 * g + 2] = Avx512F.UnpackLow(t1, t3).AsSingle();
            u[4 * g + 3] = Avx512F.UnpackHigh(t1, t3).AsSingle();
        }
        // Stages 3 and 4 gather the 128-bit pieces of each column: 0x88 picks lanes 0 and 2 of each
        // source, 0xDD lanes 1 and 3.
        for (int c = 0; c < 4; c++)
        {
            var v0 = Avx512F.Shuffle4x128(u[c], u[c + 4], 0x88);
            var v4 = Avx512F.Shuffle4x128(u[c], u[c + 4], 0xDD);
            var v8 = Avx512F.Shuffle4x128(u[c + 8], u[c + 12], 0x88);
            var v12 = Avx512F.Shuffle4x128(u[c + 8], u[c + 12], 0xDD);
            Avx512F.Shuffle4x128(v0, v8, 0x88).Store(target + c * stride);
            Avx512F.Shuffle4x128(v0, v8, 0xDD).Store(target + (c + 8) * stride);
            Avx512F.Shuffle4x128(v4, v12, 0x88).Store(target + (c + 4) * stride);
            Avx512F.Shuffle4x128(v4, v12, 0xDD).Store(target + (c + 12) * stride);
        }
    }

    /// <summary>target[p * stride + r] = source[r * rowStride + p] for r, p in [0, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8(double* source, long rowStride, double* target, long stride)
    {
        // t[2g + c] holds column 2L + c of rows 2g, 2g + 1 in each 128-bit lane L.
        var t = stackalloc Vector512<double>[8];
        for (int g = 0; g < 4; g++)
        {
            var r0 = Vector512.Load(source + 2 * g * rowStride);
            var r1 = Vector512.Load(source + (2 * g + 1) * rowStride);
            t[2 * g] = Avx512F.UnpackLow(r0, r1);
            t[2 * g + 1] = Avx512F.UnpackHigh(r0, r1);
        }
        for (int c = 0; c < 2; c++)
        {
            // w(c): columns c and c + 4 (0x88) or c + 2 and c + 6 (0xDD), rows 0-3 and then 4-7.
            var w0 = Avx512F.Shuffle4x128(t[c], t[c + 2], 0x88);
            var w2 = Avx512F.Shuffle4x128(t[c], t[c + 2], 0xDD);
            var w4 = Avx512F.Shuffle4x128(t[c + 4], t[c + 6], 0x88);
            var w6 = Avx512F.Shuffle4x128(t[c + 4], t[c + 6], 0xDD);
            Avx512F.Shuffle4x128(w0, w4, 0x88).Store(target + c * stride);
            Avx512F.Shuffle4x128(w0, w4, 0xDD).Store(target + (c + 4) * stride);
            Avx512F.Shuffle4x128(w2, w6, 0x88).Store(target + (c + 2) * stride);
            Avx512F.Shuffle4x128(w2, w6, 0xDD).Store(target + (c + 6) * stride);
        }
    }
}
