using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels;

/// <summary>
/// Fused in-place parameter updates: one pass over parameter, gradient and state instead of a
/// chain of tensor operations. Vector and scalar bodies do the same IEEE operations in the same
/// order (no fused multiply-add in either), so results do not depend on alignment or vector width.
/// </summary>
internal static class OptimizerKernels
{
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
            for (; i <= p.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var pv = Vector512.LoadUnsafe(ref pr, (nuint)i);
                var d = Vector512.LoadUnsafe(ref gr, (nuint)i) + wdV * pv;
                if (useMomentum)
                {
                    var b = firstStep ? d : muV * Vector512.LoadUnsafe(ref br, (nuint)i) + keepV * d;
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
            Vector<T> lrV = new(lr), wdV = new(weightDecay), muV = new(momentum), keepV = new(keep);
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wdV * pv[k];
                if (useMomentum)
                {
                    var b = firstStep ? d : muV * bv[k] + keepV * d;
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
                var b = firstStep ? d : momentum * buffer[i] + keep * d;
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
            Vector<T> wd = new(weightDecay), size = new(stepSize), root = new(bias2Root), shrinkV = new(shrink);
            for (int k = 0; k < pv.Length; k++)
            {
                var pk = pv[k] * shrinkV;
                var d = gv[k] + wd * pk;
                var mk = b1 * mv[k] + c1 * d;
                var vk = b2 * vv[k] + c2 * (d * d);
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
            var mk = beta1 * m[i] + oneMinusBeta1 * d;
            var vk = beta2 * v[i] + oneMinusBeta2 * (d * d);
            m[i] = mk;
            v[i] = vk;
            if (ams) vk = vMax[i] = T.Max(vMax[i], vk);
            p[i] = pk - stepSize * mk / (T.Sqrt(vk) / bias2Root + epsilon);
        }
    }
}
