using System.Numerics;
using System.Numerics.Tensors;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Sum over the given axes (all when null); float sums are accumulated in double, double sums pairwise.</summary>
        public Tensor<T> Sum(int[]? axes = null, bool keepDims = false) => Reduce(x, axes, keepDims, default(SumReducer<T>), OpCode.Sum);

        /// <summary>Sum over one axis.</summary>
        public Tensor<T> Sum(int axis, bool keepDims = false) => x.Sum([axis], keepDims);

        /// <summary>Product over the given axes (all when null).</summary>
        public Tensor<T> Prod(int[]? axes = null, bool keepDims = false) => Reduce(x, axes, keepDims, default(ProdReducer<T>), OpCode.Prod);

        /// <summary>Product over one axis.</summary>
        public Tensor<T> Prod(int axis, bool keepDims = false) => x.Prod([axis], keepDims);

        /// <summary>Maximum over the given axes (all when null); NaN propagates; empty axes are an error.</summary>
        public Tensor<T> Max(int[]? axes = null, bool keepDims = false) => Reduce(x, axes, keepDims, default(MaxReducer<T>), OpCode.Max);

        /// <summary>Maximum over one axis.</summary>
        public Tensor<T> Max(int axis, bool keepDims = false) => x.Max([axis], keepDims);

        /// <summary>Minimum over the given axes (all when null); NaN propagates; empty axes are an error.</summary>
        public Tensor<T> Min(int[]? axes = null, bool keepDims = false) => Reduce(x, axes, keepDims, default(MinReducer<T>), OpCode.Min);

        /// <summary>Minimum over one axis.</summary>
        public Tensor<T> Min(int axis, bool keepDims = false) => x.Min([axis], keepDims);

        /// <summary>Index of the largest element of the flattened tensor (the first one on ties; the first NaN if any).</summary>
        public Tensor<long> ArgMax() => ArgExtreme(x, null, false, max: true);

        /// <summary>Index of the largest element along an axis.</summary>
        public Tensor<long> ArgMax(int axis, bool keepDims = false) => ArgExtreme(x, axis, keepDims, max: true);

        /// <summary>Index of the smallest element of the flattened tensor.</summary>
        public Tensor<long> ArgMin() => ArgExtreme(x, null, false, max: false);

        /// <summary>Index of the smallest element along an axis.</summary>
        public Tensor<long> ArgMin(int axis, bool keepDims = false) => ArgExtreme(x, axis, keepDims, max: false);

        /// <summary>
        /// Sums a broadcast result back down to <paramref name="shape"/>: over leading extra axes and
        /// over axes where the target has size 1 (the adjoint of broadcasting).
        /// </summary>
        /// <exception cref="ArgumentException">x's shape is not a broadcast of <paramref name="shape"/>.</exception>
        public Tensor<T> SumTo(Shape shape)
        {
            var target = shape.Dims;
            if (target.AsSpan().SequenceEqual(x.ShapeArray)) return x;
            _ = Broadcasting.StridesTo(target, Layout.RowMajorStrides(target), x.ShapeArray, "sum to");
            int lead = x.Rank - target.Length;
            var axes = new List<int>();
            for (int i = 0; i < x.Rank; i++)
                if (i < lead || (target[i - lead] == 1 && x.ShapeArray[i] != 1)) axes.Add(i);
            Tensor<T> result;
            using (GradMode.Disable())
                result = Reduction.Reduce(x, [.. axes], keepDims: true, default(SumReducer<T>)).Reshape(target);
            return Recorder.Unary(result.Detach(), OpCode.SumTo, x);
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Arithmetic mean over the given axes (all when null). Where the sum overflows though the mean
        /// does not (1.5e308 and 1.5e308), it is summed again scaled by a power of two near the largest
        /// |x|, exactly, so the mean of representable numbers is representable.
        /// </summary>
        public Tensor<T> Mean(int[]? axes = null, bool keepDims = false)
        {
            var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
            var count = T.CreateTruncating(ReducedCount(x, normalized));
            var plain = x.Sum(normalized, keepDims) / count;
            if (AllFinite(plain) || ReducedCount(x, normalized) == 0) return plain;
            var scale = PowerOfTwoScale(x, normalized);
            var scaled = (x / scale).Sum(normalized, keepDims: true) / count * scale;
            return keepDims ? scaled : scaled.Reshape(Reduction.OutputShape(x.ShapeArray, normalized, keepDims: false));
        }

        /// <summary>Mean over one axis.</summary>
        public Tensor<T> Mean(int axis, bool keepDims = false) => x.Mean([axis], keepDims);

        /// <summary>
        /// Variance over the given axes with <paramref name="ddof"/> delta degrees of freedom (divisor
        /// N - ddof), computed in two passes (mean, then squared deviations) for accuracy. The deviations
        /// are scaled by a power of two near the largest before squaring, exactly, so data around 1e300
        /// or 1e-300 neither overflow nor underflow, and ordinary data get the same bits as without it.
        /// </summary>
        public Tensor<T> Var(int[]? axes = null, int ddof = 0, bool keepDims = false)
        {
            if (!Recorder.ShouldRecord(x))
            {
                var (meanSquare, scale) = ScaledMeanSquare(x, axes, ddof, keepDims);
                return meanSquare * (scale * scale);
            }
            // Recorded with its own rule, 2 (x - mean) / (n - ddof): through the scaled form the chain would
            // multiply scale² (infinite when the variance overflows) by a tiny factor and give NaN.
            Tensor<T> value;
            using (GradMode.Disable()) value = x.Detach().Var(axes, ddof, keepDims);
            var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
            return Recorder.Many(value, OpCode.Custom, [x], new CustomArguments<T>(new VarianceBackward<T>(normalized, ddof, keepDims)));
        }

        /// <summary>Variance over one axis.</summary>
        public Tensor<T> Var(int axis, int ddof = 0, bool keepDims = false) => x.Var([axis], ddof, keepDims);

        /// <summary>
        /// Standard deviation: the square root of the variance with the same arguments. Where it is 0
        /// its gradient is 0 (as PyTorch's), not 0 * inf = NaN.
        /// </summary>
        public Tensor<T> Std(int[]? axes = null, int ddof = 0, bool keepDims = false)
        {
            // sqrt of the scaled mean square, then the scale: a spread of 1e200 has a representable std though its variance overflows.
            var (meanSquare, scale) = ScaledMeanSquare(x, axes, ddof, keepDims);
            var zero = meanSquare.Detach().ElementEquals(T.Zero);
            return Where(zero, T.Zero, Where(zero, T.One, meanSquare).Sqrt()) * scale;
        }

        /// <summary>Standard deviation over one axis.</summary>
        public Tensor<T> Std(int axis, int ddof = 0, bool keepDims = false) => x.Std([axis], ddof, keepDims);

        /// <summary>log(sum(exp(x))) over the axes, shifted by the maximum so it never overflows.</summary>
        public Tensor<T> LogSumExp(int[]? axes = null, bool keepDims = false)
        {
            var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
            var shift = StableShift(x, normalized);
            var result = (x - shift).Exp().Sum(normalized, keepDims: true).Log() + shift;
            return keepDims ? result : result.Reshape(Reduction.OutputShape(x.ShapeArray, normalized, keepDims: false));
        }

        /// <summary>log-sum-exp over one axis.</summary>
        public Tensor<T> LogSumExp(int axis, bool keepDims = false) => x.LogSumExp([axis], keepDims);

        /// <summary>exp(x) / sum(exp(x)) along an axis, shifted by the row maximum so it never overflows and is exactly shift-invariant.</summary>
        public Tensor<T> Softmax(int axis = -1)
        {
            var e = (x - StableShift(x, [Shape.NormalizeAxis(axis, x.Rank)])).Exp();
            return e / e.Sum(axis, keepDims: true);
        }

        /// <summary>x - logsumexp(x) along an axis, computed as (x - max) - log(sum(exp(x - max))).</summary>
        public Tensor<T> LogSoftmax(int axis = -1)
        {
            var z = x - StableShift(x, [Shape.NormalizeAxis(axis, x.Rank)]);
            return z - z.Exp().Sum(axis, keepDims: true).Log();
        }

        /// <summary>
        /// The p-norm over the axes (all when null): (sum |x|^p)^(1/p); p = +inf is max |x|, -inf min |x|,
        /// 0 counts nonzeros. The 2-norm is rescaled when the plain sum of squares would overflow or underflow.
        /// </summary>
        public Tensor<T> Norm(double p = 2, int[]? axes = null, bool keepDims = false)
        {
            var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
            Tensor<T> result;
            using (GradMode.Disable()) result = NormValue(x.Detach(), p, normalized, keepDims);
            return Recorder.Unary(result, OpCode.Norm, x, new NormArguments(p, normalized, keepDims));
        }
    }

    /// <summary>
    /// Sum((x - mean) / s)^2 / (N - ddof) and s, a power of two near each slice's largest |x - mean|
    /// (1 where that is 0 or not finite, so NaN and infinities propagate as before). Dividing and
    /// multiplying by a power of two is exact, so s changes no value that does not overflow or
    /// underflow; it is a constant for autodiff, as the variance does not depend on it.
    /// </summary>
    private static (Tensor<T> MeanSquare, Tensor<T> Scale) ScaledMeanSquare<T>(Tensor<T> x, int[]? axes, int ddof, bool keepDims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
        long n = ReducedCount(x, normalized);
        var deviations = x - x.Mean(normalized, keepDims: true);
        var scale = PowerOfTwoScale(deviations, normalized);
        var meanSquare = (deviations / scale).Square().Sum(normalized, keepDims) / T.CreateTruncating(Math.Max(n - ddof, 0));
        return (meanSquare, keepDims ? scale : scale.Reshape(Reduction.OutputShape(x.ShapeArray, normalized, keepDims: false)));
    }

    /// <summary>
    /// Per slice over <paramref name="axes"/> (kept, size 1), a power of two near the largest |x|: 1 where
    /// that is 0, not finite, or the slice is empty. A constant for autodiff: dividing by it and
    /// multiplying back changes no value, exactly.
    /// </summary>
    private static Tensor<T> PowerOfTwoScale<T>(Tensor<T> x, int[] axes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = GradMode.Disable();
        var shape = Reduction.OutputShape(x.ShapeArray, axes, keepDims: true);
        if (ReducedCount(x, axes) == 0) return Ones<T>(shape);
        var powers = x.Detach().Abs().Max(axes, keepDims: true).Contiguous().ToArray();
        for (int i = 0; i < powers.Length; i++)
            powers[i] = T.IsFinite(powers[i]) && !T.IsZero(powers[i]) ? T.ScaleB(T.One, T.ILogB(powers[i])) : T.One;
        return Wrap(powers, shape);
    }

    private static bool AllFinite<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in x.Detach().Contiguous().AsSpan())
            if (!T.IsFinite(v)) return false;
        return true;
    }

    /// <summary>
    /// The maximum over the axes (keeping them), as a constant: infinite maxima become 0 and empty
    /// reductions shift by 0. Shifting by it changes no result, so it carries no gradient.
    /// </summary>
    private static Tensor<T> StableShift<T>(Tensor<T> x, int[] axes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = GradMode.Disable();
        if (ReducedCount(x, axes) == 0) return Zeros<T>(Reduction.OutputShape(x.ShapeArray, axes, keepDims: true));
        var max = x.Detach().Max(axes, keepDims: true);
        return Where(max.IsFinite(), max, T.Zero);
    }

    private static Tensor<T> NormValue<T>(Tensor<T> x, double p, int[] axes, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (p == 2)
        {
            var plain = x.Square().Sum(axes, keepDims).Sqrt();
            var values = plain.AsSpan();
            bool risky = false;
            foreach (var v in values) risky |= !T.IsFinite(v) || (v < T.CreateTruncating(1e-150) && !T.IsZero(v));
            if (risky || ContainsSubnormalSquares(x))
            {
                var scale = x.Abs().Max(axes, keepDims: true);
                var safe = Where(scale.ElementEquals(T.Zero), T.One, scale);
                var scaled = (x / safe).Square().Sum(axes, keepDims: true).Sqrt() * scale;
                // An infinite element makes the norm infinite (x / inf would give NaN); NaN still wins through the maximum.
                scaled = Where(scale.ElementEquals(T.PositiveInfinity), T.PositiveInfinity, scaled);
                return keepDims ? scaled : scaled.Reshape(Reduction.OutputShape(x.ShapeArray, axes, false));
            }
            return plain;
        }
        if (p == 1) return x.Abs().Sum(axes, keepDims);
        if (double.IsPositiveInfinity(p)) return x.Abs().Max(axes, keepDims);
        if (double.IsNegativeInfinity(p)) return x.Abs().Min(axes, keepDims);
        if (p == 0) return x.ElementNotEquals(T.Zero).Cast<T>().Sum(axes, keepDims);
        var tp = T.CreateTruncating(p);
        return x.Abs().Pow(tp).Sum(axes, keepDims).Pow(T.One / tp);
    }

    /// <summary>True when squaring would flush tiny nonzero elements to zero (then the 2-norm must be rescaled).</summary>
    private static bool ContainsSubnormalSquares<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var threshold = T.CreateTruncating(typeof(T) == typeof(float) ? 1e-19 : 1e-154);
        foreach (var v in x.Contiguous().AsSpan())
            if (!T.IsZero(v) && T.Abs(v) < threshold) return true;
        return false;
    }

    private static long ReducedCount<T>(Tensor<T> x, int[] axes) where T : unmanaged
    {
        long n = 1;
        foreach (var a in axes) n *= x.ShapeArray[a];
        return n;
    }

    private static Tensor<T> Reduce<T, TR>(Tensor<T> x, int[]? axes, bool keepDims, TR reducer, OpCode code)
        where T : unmanaged where TR : struct, IReducer<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var normalized = Reduction.NormalizeAxes(axes, axes is null, x.Rank);
        var result = Reduction.Reduce(x, normalized, keepDims, reducer);
        return Recorder.Unary(result, code, x, new ReductionArguments(normalized, keepDims));
    }

    /// <summary>
    /// NumPy's argmax/argmin of a non-empty row: the first NaN if there is one, otherwise the first of
    /// the tied extremes (-0.0 and 0.0 tie, unlike TensorPrimitives.IndexOfMax, which prefers 0.0).
    /// </summary>
    private static int IndexOfExtreme<T>(ReadOnlySpan<T> row, bool max) where T : INumber<T>
    {
        int best = 0;
        var value = row[0];
        if (T.IsNaN(value)) return 0;
        for (int i = 1; i < row.Length; i++)
        {
            var v = row[i];
            if (T.IsNaN(v)) return i;
            if (max ? v > value : v < value)
            {
                value = v;
                best = i;
            }
        }
        return best;
    }

    private static Tensor<long> ArgExtreme<T>(Tensor<T> x, int? axis, bool keepDims, bool max) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        string name = max ? "argmax" : "argmin";
        if (axis is null)
        {
            if (x.Length == 0) throw new ArgumentException($"{name}: the tensor of shape {x.Shape} is empty.");
            var flat = x.Contiguous().AsSpan();
            return Scalar((long)IndexOfExtreme(flat, max));
        }
        int a = Shape.NormalizeAxis(axis.Value, x.Rank);
        int n = x.ShapeArray[a];
        var outShape = Reduction.OutputShape(x.ShapeArray, [a], keepDims);
        int outCount = Shape.CheckedCount(outShape);
        if (n == 0 && outCount > 0) throw new ArgumentException($"{name}: axis {a} of shape {x.Shape} is empty.");
        var rows = x.Detach().MoveAxis(a, -1).Contiguous().AsSpan();
        var result = new long[outCount];
        for (int r = 0; r < outCount; r++)
        {
            var row = rows.Slice(r * n, n);
            result[r] = IndexOfExtreme(row, max);
        }
        return new Tensor<long>(result, outShape);
    }
}
