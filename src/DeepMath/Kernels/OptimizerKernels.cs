using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels;

/// <summary>
/// Fused in-place parameter updates: one pass over parameter, gradient and state instead of a
/// chain of tensor operations. Vector and scalar bodies do the same IEEE operations in the same
/// order (no fused multiply-add in either), so results do not depend on alignment or vector width.
/// State that decays geometrically (momentum, moment estimates, running averages) is flushed to zero
/// once it falls below the smallest normal number, as a processor's flush-to-zero mode would: the
/// state of a weight whose gradient stays zero (a pixel that is always blank) otherwise decays into
/// subnormal numbers, which x86 processors handle about 100 times slower (.NET cannot set that mode).
/// </summary>
internal static class OptimizerKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Flush<T>(T x) where T : struct, IFloatingPointIeee754<T> => T.Abs(x) < MinNormal<T>() ? T.Zero : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Flush<T>(Vector<T> x, Vector<T> minNormal) where T : struct, IFloatingPointIeee754<T>
        => Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(x), minNormal), Vector<T>.Zero, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Flush<T>(Vector512<T> x, Vector512<T> minNormal) where T : struct, IFloatingPointIeee754<T>
        => Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), minNormal), Vector512<T>.Zero, x);

    /// <summary>The smallest positive normal number of T (2^-126 for float, 2^-1022 for double).</summary>
    private static T MinNormal<T>() where T : struct, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? T.CreateTruncating(BitConverter.Int32BitsToSingle(0x00800000)) : T.CreateTruncating(BitConverter.Int64BitsToDouble(0x0010000000000000));

    /// <summary>
    /// SGD (PyTorch's form): d = g + wd p; with momentum, b = d on the first step and
    /// b = mu b + (1 - dampening) d afterwards, then d = b (or d + mu b with Nesterov); p -= lr d.
    /// </summary>
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buffer, T lr, T weightDecay, T momentum, T dampening, bool nesterov, bool firstStep)
        where T : struct, IFloatingPointIeee754<T>
    {
        bool useMomentum = !buffer.IsEmpty;
        T keep = T.One - dampening;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            // Vector<T> stays 256 bits wide on AVX-512 machines; this loop takes the full width.
            ref T pr = ref MemoryMarshal.GetReference(p);
            ref T gr = ref MemoryMarshal.GetReference(g);
            ref T br = ref MemoryMarshal.GetReference(buffer);
            Vector512<T> lrV = Vector512.Create(lr), wdV = Vector512.Create(weightDecay), muV = Vector512.Create(momentum), keepV = Vector512.Create(keep);
            var tinyV = Vector512.Create(MinNormal<T>());
            for (; i <= p.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var pv = Vector512.LoadUnsafe(ref pr, (nuint)i);
                var d = Vector512.LoadUnsafe(ref gr, (nuint)i) + wdV * pv;
                if (useMomentum)
                {
                    var b = firstStep ? d : Flush(muV * Vector512.LoadUnsafe(ref br, (nuint)i) + keepV * d, tinyV);
                    b.StoreUnsafe(ref br, (nuint)i);
                    d = nesterov ? d + muV * b : b;
                }
                (pv - lrV * d).StoreUnsafe(ref pr, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var bv = useMomentum ? MemoryMarshal.Cast<T, Vector<T>>(buffer) : default;
            Vector<T> lrV = new(lr), wdV = new(weightDecay), muV = new(momentum), keepV = new(keep), tinyV = new(MinNormal<T>());
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wdV * pv[k];
                if (useMomentum)
                {
                    var b = firstStep ? d : Flush(muV * bv[k] + keepV * d, tinyV);
                    bv[k] = b;
                    d = nesterov ? d + muV * b : b;
                }
                pv[k] -= lrV * d;
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            var d = g[i] + weightDecay * p[i];
            if (useMomentum)
            {
                var b = firstStep ? d : Flush(momentum * buffer[i] + keep * d);
                buffer[i] = b;
                d = nesterov ? d + momentum * b : b;
            }
            p[i] -= lr * d;
        }
    }

    /// <summary>
    /// Adam / AdamW (PyTorch's form): p *= 1 - lr wd_decoupled; d = g + wd p; m = b1 m + (1 - b1) d;
    /// v = b2 v + (1 - b2) d^2; vmax = max(vmax, v) for AMSGrad; p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
    /// </summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax, T lr, T beta1, T beta2, T epsilon,
        T weightDecay, T decoupledDecay, long step) where T : struct, IFloatingPointIeee754<T>
    {
        T bias1 = T.One - T.Pow(beta1, T.CreateTruncating(step));
        T bias2 = T.One - T.Pow(beta2, T.CreateTruncating(step));
        T stepSize = lr / bias1, bias2Root = T.Sqrt(bias2), shrink = T.One - lr * decoupledDecay;
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        bool ams = !vMax.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            var xv = ams ? MemoryMarshal.Cast<T, Vector<T>>(vMax) : default;
            Vector<T> b1 = new(beta1), b2 = new(beta2), c1 = new(oneMinusBeta1), c2 = new(oneMinusBeta2), eps = new(epsilon);
            Vector<T> wd = new(weightDecay), size = new(stepSize), root = new(bias2Root), shrinkV = new(shrink), tiny = new(MinNormal<T>());
            for (int k = 0; k < pv.Length; k++)
            {
                var pk = pv[k] * shrinkV;
                var d = gv[k] + wd * pk;
                var mk = Flush(b1 * mv[k] + c1 * d, tiny);
                var vk = Flush(b2 * vv[k] + c2 * (d * d), tiny);
                mv[k] = mk;
                vv[k] = vk;
                if (ams) vk = xv[k] = Vector.Max(xv[k], vk);
                pv[k] = pk - size * mk / (Vector.SquareRoot(vk) / root + eps);
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            var pk = p[i] * shrink;
            var d = g[i] + weightDecay * pk;
            var mk = Flush(beta1 * m[i] + oneMinusBeta1 * d);
            var vk = Flush(beta2 * v[i] + oneMinusBeta2 * (d * d));
            m[i] = mk;
            v[i] = vk;
            if (ams) vk = vMax[i] = T.Max(vMax[i], vk);
            p[i] = pk - stepSize * mk / (T.Sqrt(vk) / bias2Root + epsilon);
        }
    }

    /// <summary>AdaGrad: d = g + wd p; s += d^2; p -= lr d / (sqrt(s) + eps).</summary>
    public static void AdaGrad<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, T lr, T weightDecay, T epsilon) where T : struct, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var sv = MemoryMarshal.Cast<T, Vector<T>>(sum);
            Vector<T> lrV = new(lr), wdV = new(weightDecay), eps = new(epsilon);
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wdV * pv[k];
                var sk = sv[k] + d * d;
                sv[k] = sk;
                pv[k] -= lrV * d / (Vector.SquareRoot(sk) + eps);
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            T sk = sum[i] + d * d;
            sum[i] = sk;
            p[i] -= lr * d / (T.Sqrt(sk) + epsilon);
        }
    }

    /// <summary>
    /// RMSprop: d = g + wd p; s = a s + (1 - a) d^2; centered: c = a c + (1 - a) d and q = sqrt(s - c^2) + eps,
    /// else q = sqrt(s) + eps; with momentum b = mu b + d / q and p -= lr b, else p -= lr d / q.
    /// Empty <paramref name="average"/> or <paramref name="buffer"/> turn centering or momentum off.
    /// </summary>
    public static void RmsProp<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> square, Span<T> average, Span<T> buffer, T lr, T weightDecay, T alpha, T epsilon, T momentum)
        where T : struct, IFloatingPointIeee754<T>
    {
        bool centered = !average.IsEmpty, useMomentum = !buffer.IsEmpty;
        T oneMinusA = T.One - alpha;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var sv = MemoryMarshal.Cast<T, Vector<T>>(square);
            var cv = centered ? MemoryMarshal.Cast<T, Vector<T>>(average) : default;
            var bv = useMomentum ? MemoryMarshal.Cast<T, Vector<T>>(buffer) : default;
            Vector<T> lrV = new(lr), wdV = new(weightDecay), a = new(alpha), c = new(oneMinusA), eps = new(epsilon), mu = new(momentum), tiny = new(MinNormal<T>());
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wdV * pv[k];
                var sk = Flush(a * sv[k] + c * d * d, tiny);
                sv[k] = sk;
                Vector<T> q;
                if (centered)
                {
                    var ck = Flush(a * cv[k] + c * d, tiny);
                    cv[k] = ck;
                    q = Vector.SquareRoot(sk - ck * ck) + eps;
                }
                else q = Vector.SquareRoot(sk) + eps;
                if (useMomentum)
                {
                    var bk = Flush(mu * bv[k] + d / q, tiny);
                    bv[k] = bk;
                    pv[k] -= lrV * bk;
                }
                else pv[k] -= lrV * d / q;
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            T sk = Flush(alpha * square[i] + oneMinusA * d * d);
            square[i] = sk;
            T q;
            if (centered)
            {
                T ck = Flush(alpha * average[i] + oneMinusA * d);
                average[i] = ck;
                q = T.Sqrt(sk - ck * ck) + epsilon;
            }
            else q = T.Sqrt(sk) + epsilon;
            if (useMomentum)
            {
                T bk = Flush(momentum * buffer[i] + d / q);
                buffer[i] = bk;
                p[i] -= lr * bk;
            }
            else p[i] -= lr * d / q;
        }
    }

    /// <summary>Adadelta: d = g + wd p; s = rho s + (1 - rho) d^2; u = sqrt(a + eps) / sqrt(s + eps) d; a = rho a + (1 - rho) u^2; p -= lr u.</summary>
    public static void Adadelta<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> square, Span<T> delta, T lr, T weightDecay, T rho, T epsilon)
        where T : struct, IFloatingPointIeee754<T>
    {
        T oneMinusRho = T.One - rho;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var sv = MemoryMarshal.Cast<T, Vector<T>>(square);
            var av = MemoryMarshal.Cast<T, Vector<T>>(delta);
            Vector<T> lrV = new(lr), wdV = new(weightDecay), r = new(rho), c = new(oneMinusRho), eps = new(epsilon), tiny = new(MinNormal<T>());
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wdV * pv[k];
                var sk = Flush(r * sv[k] + c * d * d, tiny);
                sv[k] = sk;
                var u = Vector.SquareRoot(av[k] + eps) / Vector.SquareRoot(sk + eps) * d;
                av[k] = Flush(r * av[k] + c * u * u, tiny);
                pv[k] -= lrV * u;
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            T sk = Flush(rho * square[i] + oneMinusRho * d * d);
            square[i] = sk;
            T u = T.Sqrt(delta[i] + epsilon) / T.Sqrt(sk + epsilon) * d;
            delta[i] = Flush(rho * delta[i] + oneMinusRho * u * u);
            p[i] -= lr * u;
        }
    }
}
