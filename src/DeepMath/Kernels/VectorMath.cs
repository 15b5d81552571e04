using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels;

/// <summary>An elementwise function written once over <see cref="ISimdOps{TVector, T}"/> for float and double.</summary>
internal interface IVectorFunction
{
    static abstract TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>;

    /// <summary>Lanes with |x| above this (or infinite) are recomputed by <see cref="Fallback"/>, element by element.</summary>
    static virtual double FallbackAbove(bool single) => double.PositiveInfinity;

    /// <summary>The function for arguments beyond the vector body's range (by value only, so results stay layout-independent).</summary>
    static virtual double Fallback(double x) => x;
}

/// <summary>
/// Applies an <see cref="IVectorFunction"/> to float or double spans with the widest vector the
/// machine accelerates. The tail and single elements go through the same vector body on a padded
/// buffer, so an element's result never depends on the span's length, its layout or the thread split.
/// </summary>
internal static class VectorMath
{
    /// <summary>Outputs larger than this (in bytes) bypass the caches, which spares reading each destination line before writing it.</summary>
    private const int NonTemporalBytes = 1 << 20;

    /// <summary>True when <typeparamref name="T"/> has vector bodies (float and double).</summary>
    public static bool Supports<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>destination[i] = f(x[i]) for float or double spans.</summary>
    public static void Map<T, TFunction>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged where TFunction : IVectorFunction
    {
        if (destination.Length < x.Length) throw new ArgumentException("Destination is too short.", nameof(destination));
        if (typeof(T) == typeof(float)) MapSingle<TFunction>(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(destination));
        else if (typeof(T) == typeof(double)) MapDouble<TFunction>(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(destination));
        else throw new NotSupportedException($"Vector functions take float or double, not {typeof(T).Name}.");
    }

    /// <summary>f(x) for one element, by the same vector body as <see cref="Map"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T One<T, TFunction>(T x) where T : unmanaged where TFunction : IVectorFunction
    {
        Span<T> one = [x];
        Map<T, TFunction>(one, one);
        return one[0];
    }

    private static void MapSingle<TFunction>(ReadOnlySpan<float> x, Span<float> d) where TFunction : IVectorFunction
    {
        if (Vector512.IsHardwareAccelerated) Run<float, Vector512<float>, Vector512Single, TFunction>(x, d);
        else if (Vector256.IsHardwareAccelerated) Run<float, Vector256<float>, Vector256Single, TFunction>(x, d);
        else Run<float, Vector128<float>, Vector128Single, TFunction>(x, d);
    }

    private static void MapDouble<TFunction>(ReadOnlySpan<double> x, Span<double> d) where TFunction : IVectorFunction
    {
        if (Vector512.IsHardwareAccelerated) Run<double, Vector512<double>, Vector512Double, TFunction>(x, d);
        else if (Vector256.IsHardwareAccelerated) Run<double, Vector256<double>, Vector256Double, TFunction>(x, d);
        else Run<double, Vector128<double>, Vector128Double, TFunction>(x, d);
    }

    private static unsafe void Run<T, TVector, TOps, TFunction>(ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged where TVector : struct where TOps : struct, ISimdOps<TVector, T> where TFunction : IVectorFunction
    {
        int n = x.Length, lanes = TOps.Lanes, i = 0;
        fixed (T* px = x)
        fixed (T* pd = d)
        {
            if ((long)n * sizeof(T) >= NonTemporalBytes && (nuint)pd % (nuint)sizeof(T) == 0)
            {
                int vectorBytes = lanes * sizeof(T);
                int head = (int)((vectorBytes - (long)((nuint)pd % (nuint)vectorBytes)) % vectorBytes) / sizeof(T);
                if (head > 0) Tail<T, TVector, TOps, TFunction>(px, pd, head);
                for (i = head; i <= n - lanes; i += lanes)
                    TOps.StoreNonTemporal(pd + i, TFunction.Compute<TVector, T, TOps>(TOps.Load(px + i)));
            }
            for (; i <= n - lanes; i += lanes)
                TOps.Store(pd + i, TFunction.Compute<TVector, T, TOps>(TOps.Load(px + i)));
            if (i < n) Tail<T, TVector, TOps, TFunction>(px + i, pd + i, n - i);
            double limit = TFunction.FallbackAbove(typeof(T) == typeof(float));
            if (!double.IsPositiveInfinity(limit)) FixLarge<T, TVector, TOps, TFunction>(px, pd, n, limit);
        }
    }

    /// <summary>Recomputes, by <see cref="IVectorFunction.Fallback"/>, the elements whose magnitude the vector body does not cover.</summary>
    private static unsafe void FixLarge<T, TVector, TOps, TFunction>(T* x, T* d, int n, double limit)
        where T : unmanaged where TVector : struct where TOps : struct, ISimdOps<TVector, T> where TFunction : IVectorFunction
    {
        int lanes = TOps.Lanes, i = 0;
        var bound = TOps.Constant(limit);
        for (; i <= n - lanes; i += lanes)
            if (TOps.Any(TOps.LessThan(bound, TOps.Abs(TOps.Load(x + i))))) FixRange<T, TFunction>(x + i, d + i, lanes, limit);
        FixRange<T, TFunction>(x + i, d + i, n - i, limit);
    }

    private static unsafe void FixRange<T, TFunction>(T* x, T* d, int count, double limit) where T : unmanaged where TFunction : IVectorFunction
    {
        for (int j = 0; j < count; j++)
        {
            double v = typeof(T) == typeof(float) ? ((float*)x)[j] : ((double*)x)[j];
            if (!(Math.Abs(v) > limit)) continue;
            double r = TFunction.Fallback(v);
            if (typeof(T) == typeof(float)) ((float*)d)[j] = (float)r;
            else ((double*)d)[j] = r;
        }
    }

    /// <summary>Fewer than one vector of elements, through a full vector on a stack buffer.</summary>
    private static unsafe void Tail<T, TVector, TOps, TFunction>(T* x, T* d, int count)
        where T : unmanaged where TVector : struct where TOps : struct, ISimdOps<TVector, T> where TFunction : IVectorFunction
    {
        T* buffer = stackalloc T[TOps.Lanes];
        new Span<T>(buffer, TOps.Lanes).Clear();
        new ReadOnlySpan<T>(x, count).CopyTo(new Span<T>(buffer, count));
        TOps.Store(buffer, TFunction.Compute<TVector, T, TOps>(TOps.Load(buffer)));
        new ReadOnlySpan<T>(buffer, count).CopyTo(new Span<T>(d, count));
    }
}

/// <summary>
/// e^x: Cody-Waite reduction x = k ln2 + r (|r| &lt;= ln2/2, ln2 split in a high part exact in
/// products with k and a low part), a Taylor polynomial for e^r (degree 7 for float, 13 for double:
/// truncation below half an ulp), then p * 2^k in two factors so the subnormal range and the
/// overflow edge are right. NaN in, NaN out; +-inf give inf and 0.
/// </summary>
internal readonly struct ExpFunction : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var r = Reduce<TVector, T, TOps>(x, out var k);
        var p = ExpPolynomial.Full<TVector, T, TOps>(r);
        var result = TOps.ScaleByPowerOfTwo(p, k);
        return TOps.Select(TOps.IsNotNaN(x), result, x);
    }

    /// <summary>k = round(x / ln2) and r = x - k ln2, with x clamped to where e^x is neither 0 nor inf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Reduce<TVector, T, TOps>(TVector x, out TVector k)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        bool single = typeof(T) == typeof(float);
        var low = TOps.Constant(single ? -104 : -746);
        var high = TOps.Constant(single ? 89 : 710);
        var xc = TOps.MinNative(TOps.MaxNative(x, low), high);
        // Adding 1.5 * 2^(mantissa bits) in the fused multiply-add rounds x / ln2 to an integer in one step.
        var magic = TOps.Constant(single ? 12582912.0 : 6755399441055744.0);
        k = TOps.Subtract(TOps.MultiplyAdd(xc, TOps.Constant(1.4426950408889634), magic), magic);
        var r = TOps.MultiplyAdd(k, TOps.Constant(single ? -0.693145751953125 : -6.93147180369123816490e-01), xc);
        return TOps.MultiplyAdd(k, TOps.Constant(single ? -1.42860682030941723212e-6 : -1.90821492927058770002e-10), r);
    }
}

/// <summary>e^x - 1 = 2^k (e^r - 1) + (2^k - 1): exact to a few ulp near 0 (where k = 0 and no 1 is ever added).</summary>
internal readonly struct ExpM1Function : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var r = ExpFunction.Reduce<TVector, T, TOps>(x, out var k);
        var q = ExpPolynomial.MinusOne<TVector, T, TOps>(r);
        var one = TOps.Constant(1);
        var scale = TOps.ScaleByPowerOfTwo(one, k);
        var result = TOps.MultiplyAdd(q, scale, TOps.Subtract(scale, one));
        // Below 2^-25 (float) or 2^-54 (double), e^x - 1 rounds to x itself (this also keeps -0.0 and NaN).
        var tiny = TOps.Constant(typeof(T) == typeof(float) ? 2.9802322387695312e-08 : 5.551115123125783e-17);
        return TOps.Select(TOps.LessThan(TOps.Abs(x), tiny), x, TOps.Select(TOps.IsNotNaN(x), result, x));
    }
}

/// <summary>Taylor polynomials of e^r for |r| &lt;= ln2/2.</summary>
internal static class ExpPolynomial
{
    /// <summary>e^r by Horner's rule down to the constant 1 (one FMA per coefficient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Full<TVector, T, TOps>(TVector r)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var p = Upper<TVector, T, TOps>(r);
        p = TOps.MultiplyAdd(p, r, TOps.Constant(0.5));
        p = TOps.MultiplyAdd(p, r, TOps.Constant(1));
        return TOps.MultiplyAdd(p, r, TOps.Constant(1));
    }

    /// <summary>e^r - 1 as r + r^2 (1/2 + r (1/6 + ...)): no constant term, so tiny r keeps every digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector MinusOne<TVector, T, TOps>(TVector r)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var p = TOps.MultiplyAdd(Upper<TVector, T, TOps>(r), r, TOps.Constant(0.5));
        return TOps.MultiplyAdd(TOps.Multiply(p, r), r, r);
    }

    /// <summary>The coefficients of r^3 and up, evaluated down to the 1/6 term.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Upper<TVector, T, TOps>(TVector r)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        TVector p;
        if (typeof(T) == typeof(float))
        {
            p = TOps.MultiplyAdd(TOps.Constant(1.0 / 5040), r, TOps.Constant(1.0 / 720));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 120));
        }
        else
        {
            p = TOps.MultiplyAdd(TOps.Constant(1.0 / 6227020800), r, TOps.Constant(1.0 / 479001600));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 39916800));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 3628800));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 362880));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 40320));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 5040));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 720));
            p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 120));
        }
        p = TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 24));
        return TOps.MultiplyAdd(p, r, TOps.Constant(1.0 / 6));
    }
}

/// <summary>tanh x = -u / (u + 2) with u = expm1(-2|x|), signed like x: accurate near 0 (tanh(1e-30) = 1e-30, tanh(-0) = -0) and exactly +-1 far out.</summary>
internal readonly struct TanhFunction : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var u = ExpM1Function.Compute<TVector, T, TOps>(TOps.Multiply(TOps.Abs(x), TOps.Constant(-2)));
        var t = TOps.Divide(TOps.Subtract(TOps.Constant(0), u), TOps.Add(u, TOps.Constant(2)));
        return TOps.Select(TOps.IsNotNaN(x), TOps.CopySign(t, x), x);
    }
}

/// <summary>1 / (1 + e^-x) from e = e^-|x|: 1/(1 + e) for x &gt;= 0 and e/(1 + e) below, so the far negative tail is e^x, not 0.</summary>
internal readonly struct SigmoidFunction : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        var e = ExpFunction.Compute<TVector, T, TOps>(TOps.Subtract(TOps.Constant(0), TOps.Abs(x)));
        var denominator = TOps.Add(TOps.Constant(1), e);
        var positive = TOps.Divide(TOps.Constant(1), denominator);
        var negative = TOps.Divide(e, denominator);
        return TOps.Select(TOps.LessThan(x, TOps.Constant(0)), negative, positive);
    }
}

/// <summary>
/// Shared range reduction of sine and cosine: x = k pi/2 + r with |r| &lt;= pi/4 (pi/2 split in three
/// parts for double, two for float, each product exact through FMA), then Taylor polynomials for sin r
/// and cos r (through r^17 and r^16 for double, r^9 and r^10 for float). Arguments beyond 1e5 (double)
/// or 1e4 (float), where this reduction loses digits, go to the system library element by element.
/// </summary>
internal static class SineCosine
{
    public static double Limit(bool single) => single ? 1e4 : 1e5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x, bool cosine)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        bool single = typeof(T) == typeof(float);
        var k = TOps.RoundToInteger(TOps.Multiply(x, TOps.Constant(0.63661977236758134308)));
        TVector r;
        if (single)
        {
            r = TOps.MultiplyAdd(k, TOps.Constant(-1.5707963705062866), x);
            r = TOps.MultiplyAdd(k, TOps.Constant(4.371139000186241e-08), r);
        }
        else
        {
            r = TOps.MultiplyAdd(k, TOps.Constant(-1.57079632673412561417e+00), x);
            r = TOps.MultiplyAdd(k, TOps.Constant(-6.07710050630396597660e-11), r);
            r = TOps.MultiplyAdd(k, TOps.Constant(-2.02226624871116645580e-21), r);
        }
        var z = TOps.Multiply(r, r);
        var sin = TOps.MultiplyAdd(TOps.Multiply(r, z), SinPolynomial<TVector, T, TOps>(z, single), r);
        var cos = TOps.Add(TOps.MultiplyAdd(TOps.Multiply(z, z), CosPolynomial<TVector, T, TOps>(z, single), TOps.Multiply(z, TOps.Constant(-0.5))), TOps.Constant(1));
        // Quadrant q = k mod 4, from the fraction of k / 4: sin x = (s, c, -s, -c)[q]; cos x = (c, -s, -c, s)[q].
        var quarter = TOps.Multiply(k, TOps.Constant(0.25));
        var f = TOps.Subtract(quarter, TOps.Floor(quarter));
        if (cosine) f = TOps.Subtract(TOps.Add(f, TOps.Constant(0.25)), TOps.Floor(TOps.Add(f, TOps.Constant(0.25))));
        var first = TOps.EqualsMask(f, TOps.Constant(0.25));
        var odd = TOps.Select(first, first, TOps.EqualsMask(f, TOps.Constant(0.75))); // a mask OR: quadrants 1 and 3
        var value = TOps.Select(odd, cos, sin);
        var negative = TOps.LessThan(TOps.Constant(0.375), f);
        return TOps.Select(negative, TOps.Multiply(value, TOps.Constant(-1)), value);
    }

    private static TVector SinPolynomial<TVector, T, TOps>(TVector z, bool single)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        TVector p = single ? TOps.Constant(1.0 / 362880) : TOps.Constant(1.0 / 355687428096000);
        if (!single)
        {
            p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 1307674368000));
            p = TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 6227020800));
            p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 39916800));
            p = TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 362880));
        }
        p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 5040));
        p = TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 120));
        return TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 6));
    }

    private static TVector CosPolynomial<TVector, T, TOps>(TVector z, bool single)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        TVector p = single ? TOps.Constant(-1.0 / 3628800) : TOps.Constant(1.0 / 20922789888000);
        if (!single)
        {
            p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 87178291200));
            p = TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 479001600));
            p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 3628800));
        }
        p = TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 40320));
        p = TOps.MultiplyAdd(p, z, TOps.Constant(-1.0 / 720));
        return TOps.MultiplyAdd(p, z, TOps.Constant(1.0 / 24));
    }
}

/// <summary>sin x (see <see cref="SineCosine"/>).</summary>
internal readonly struct SinFunction : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
    {
        // Where x^3/6 is below half an ulp of x, sin x rounds to x itself (this also keeps -0.0).
        var tiny = TOps.Constant(typeof(T) == typeof(float) ? 1e-4 : 1e-9);
        return TOps.Select(TOps.LessThan(TOps.Abs(x), tiny), x, SineCosine.Compute<TVector, T, TOps>(x, cosine: false));
    }

    public static double FallbackAbove(bool single) => SineCosine.Limit(single);

    public static double Fallback(double x) => Math.Sin(x);
}

/// <summary>cos x (see <see cref="SineCosine"/>).</summary>
internal readonly struct CosFunction : IVectorFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Compute<TVector, T, TOps>(TVector x)
        where TVector : struct where T : unmanaged where TOps : struct, ISimdOps<TVector, T>
        => SineCosine.Compute<TVector, T, TOps>(x, cosine: true);

    public static double FallbackAbove(bool single) => SineCosine.Limit(single);

    public static double Fallback(double x) => Math.Cos(x);
}
