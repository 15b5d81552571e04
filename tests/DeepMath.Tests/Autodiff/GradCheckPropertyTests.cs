using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Autodiff;

/// <summary>
/// Every differentiable operation's backward rule against finite differences (float64), on random
/// shapes with size-0/size-1 axes, broadcasting and non-contiguous layouts.
/// </summary>
public class GradCheckPropertyTests
{
    private static readonly Config Small = TensorGen.Config(40);

    private static void Check(Func<IReadOnlyList<Tensor<double>>, Tensor<double>> f, params Tensor<double>[] inputs)
    {
        var result = GradCheck.Run(f, inputs, tolerance: 1e-6);
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Values moved at least 0.1 away from the kinks of non-differentiable functions, where finite differences are meaningless.</summary>
    private static Tensor<double> AwayFrom(Tensor<double> x, params double[] kinks)
    {
        var values = x.ToArray();
        for (int i = 0; i < values.Length; i++)
            foreach (var k in kinks)
                if (Math.Abs(values[i] - k) < 0.1) values[i] = k + (values[i] >= k ? 0.1 : -0.1);
        return Tensor.FromArray(values, x.Shape.ToArray());
    }

    /// <summary>A tensor case made positive and kept away from zero: values in [0.5, 3.5).</summary>
    private static Tensor<double> Positive(TensorCase c) => c.Build().Abs() + 0.5;

    private static void Binary(Func<Tensor<double>, Tensor<double>, Tensor<double>> op, bool positive = false, bool avoidTies = false)
        => Prop.ForAll(TensorGen.BroadcastPair(3).ToArbitrary(), pair =>
        {
            var a = positive ? Positive(pair.A) : pair.A.Build();
            var b = positive ? Positive(pair.B) : pair.B.Build();
            // Near a tie, max and min have a kink that finite differences straddle.
            if (avoidTies && (a - b).Abs().Contiguous().AsSpan().ToArray().Any(d => d < 0.01)) return;
            Check(x => op(x[0], x[1]), a, b);
        }).Check(Small);

    private static void Unary(Func<Tensor<double>, Tensor<double>> op, bool positive = false, params double[] kinks)
        => Prop.ForAll(TensorGen.Case(3).ToArbitrary(), c => Check(x => op(x[0]), positive ? Positive(c) : AwayFrom(c.Build(), kinks))).Check(Small);

    [Fact] public void Add() => Binary((a, b) => a + b);
    [Fact] public void Subtract() => Binary((a, b) => a - b);
    [Fact] public void Multiply() => Binary((a, b) => a * b);
    [Fact] public void Divide() => Binary((a, b) => a / b, positive: true);
    [Fact] public void Pow() => Binary(Tensor.Pow, positive: true);
    [Fact] public void Maximum() => Binary(Tensor.Maximum, avoidTies: true);
    [Fact] public void Minimum() => Binary(Tensor.Minimum, avoidTies: true);
    [Fact] public void Scalar_operands() => Unary(x => 2.0 * x - 1.0 / (x * x + 1.0) + x / 3.0);

    [Fact] public void Negate() => Unary(x => -x);
    [Fact] public void Abs() => Unary(x => x.Abs(), kinks: 0);
    [Fact] public void Square() => Unary(x => x.Square());
    [Fact] public void Sqrt() => Unary(x => x.Sqrt(), positive: true);
    [Fact] public void Exp() => Unary(x => x.Exp());
    [Fact] public void Log() => Unary(x => x.Log(), positive: true);
    [Fact] public void Log1P() => Unary(x => x.Log1P(), positive: true);
    [Fact] public void ExpM1() => Unary(x => x.ExpM1());
    [Fact] public void Sin() => Unary(x => x.Sin());
    [Fact] public void Cos() => Unary(x => x.Cos());
    [Fact] public void Tanh() => Unary(x => x.Tanh());
    [Fact] public void Sigmoid() => Unary(x => x.Sigmoid());
    [Fact] public void Relu() => Unary(x => x.Relu(), kinks: 0);
    [Fact] public void Clamp() => Unary(x => x.Clamp(-1, 1.5), kinks: [-1, 1.5]);
    [Fact] public void Reciprocal() => Unary(x => x.Reciprocal(), positive: true);

    [Fact]
    public void Where_with_broadcast_mask() => Binary((a, b) => Tensor.Where(a.Detach() > 0.0, a * 2.0, b.Exp()));

    private static Gen<(TensorCase Case, int[] Axes, bool Keep)> ReductionCases =>
        from c in TensorGen.Case(3)
        from mask in Gen.ArrayOf(Gen.Elements(false, true), c.Shape.Length)
        from keep in Gen.Elements(false, true)
        select (c, Enumerable.Range(0, c.Shape.Length).Where(i => mask[i]).ToArray(), keep);

    private static void Reduction(Func<Tensor<double>, int[], bool, Tensor<double>> op, bool positive = false, bool nonEmpty = false,
        Func<Tensor<double>, int[], bool>? skip = null)
        => Prop.ForAll(ReductionCases.ToArbitrary(), c =>
        {
            if (nonEmpty && c.Axes.Any(a => c.Case.Shape[a] == 0)) return;
            var x = positive ? Positive(c.Case) : c.Case.Build();
            if (skip is not null && x.Length > 0 && skip(x, c.Axes)) return;
            Check(t => op(t[0], c.Axes, c.Keep), x);
        }).Check(Small);

    /// <summary>The extreme of a slice within 0.01 of another element: a near-tie whose kink finite differences straddle.</summary>
    private static bool NearTie(Tensor<double> x, int[] axes, bool largest)
    {
        var extreme = largest ? x.Max(axes, keepDims: true) : x.Min(axes, keepDims: true);
        var gaps = Tensor.Where(x.ElementEquals(extreme), double.PositiveInfinity, (x - extreme).Abs());
        return gaps.Min(axes).Contiguous().AsSpan().ToArray().Any(g => g < 0.01) || HasDuplicates(x, axes, extreme);
    }

    private static bool HasDuplicates(Tensor<double> x, int[] axes, Tensor<double> extreme)
        => x.ElementEquals(extreme).Cast<double>().Sum(axes).Contiguous().AsSpan().ToArray().Any(n => n > 1);

    [Fact] public void Sum() => Reduction((x, a, k) => x.Sum(a, k));
    [Fact] public void Mean() => Reduction((x, a, k) => x.Mean(a, k), nonEmpty: true);
    [Fact] public void Prod() => Reduction((x, a, k) => x.Prod(a, k));
    [Fact] public void Max() => Reduction((x, a, k) => x.Max(a, k), nonEmpty: true, skip: (x, a) => NearTie(x, a, largest: true));
    [Fact] public void Min() => Reduction((x, a, k) => x.Min(a, k), nonEmpty: true, skip: (x, a) => NearTie(x, a, largest: false));

    // sqrt is steep near a zero variance, where finite differences with a fixed step are inaccurate.
    [Fact] public void Var_and_std() => Reduction((x, a, k) => x.Var(a, 1, k) + x.Std(a, 0, k), positive: true, nonEmpty: true,
        skip: (x, a) => x.Std(a).Contiguous().AsSpan().ToArray().Any(s => s < 0.1));
    [Fact] public void LogSumExp() => Reduction((x, a, k) => x.LogSumExp(a, k), nonEmpty: true);
    [Fact] public void Norms() => Reduction((x, a, k) => x.Norm(2, a, k) + x.Norm(1, a, k) + x.Norm(3, a, k) + x.Norm(double.PositiveInfinity, a, k), positive: true, nonEmpty: true,
        skip: (x, a) => NearTie(x.Abs(), a, largest: true));

    [Fact]
    public void Softmax_and_log_softmax()
        => Prop.ForAll(TensorGen.Case(3).ToArbitrary(), c =>
        {
            if (c.Shape.Length == 0) return;
            Check(x => x[0].Softmax(-1) * 3.0 + x[0].LogSoftmax(0), c.Build());
        }).Check(Small);

    [Fact]
    public void Products_with_zeros()
    {
        Check(x => x[0].Prod(), Tensor.FromArray([2.0, 0, 3, 4]));
        Check(x => x[0].Prod(1), Tensor.FromArray([0.0, 0, 3, 1, 2, 3], 2, 3));
    }

    [Fact]
    public void Views_and_reshapes()
        => Prop.ForAll(TensorGen.Case(3).ToArbitrary(), c =>
        {
            var x = c.Build();
            Check(t => t[0].Transpose() * 2.0, x);
            Check(t => t[0].Reshape(-1).Flip(0).Square(), x);
            Check(t => t[0].Unsqueeze(0).Squeeze(0).Exp(), x);
            if (x.Rank >= 1) Check(t => t[0][TensorIndex.Slice(null, null, -2)].Square(), x);
            if (x.Rank >= 2) Check(t => t[0].Diagonal() * 3.0 + t[0].Permute([.. Enumerable.Range(0, x.Rank).Reverse()]).Sum(), x);
            if (x.Rank >= 1 && x.Shape[0] > 0) Check(t => t[0].Select(0, x.Shape[0] - 1).Exp(), x);
        }).Check(Small);

    [Fact]
    public void Expand_and_broadcast_to()
    {
        Check(t => t[0].Expand(3, 2, 4).Square(), Tensor.Uniform<double>([2, 1], -1, 1, 1));
        Check(t => t[0].BroadcastTo([2, 3]).Exp(), Tensor.Uniform<double>([3], -1, 1, 2));
    }

    [Fact]
    public void Indexing_operations()
    {
        var x = Tensor.Uniform<double>([4, 5], -1, 1, 3);
        Check(t => t[0].IndexSelect(1, Tensor.FromArray([3L, 0, 3, -1])).Square(), x);
        Check(t => t[0].Gather(1, Tensor.FromArray([4L, 0, 2, 2, 1, 1, 0, 3], 4, 2)).Exp(), x);
        Check(t => t[0].MaskedSelect(t[0].Detach() > 0.0).Square(), x);
        var src = Tensor.Uniform<double>([3, 5], -1, 1, 4);
        Check(t => t[0].IndexAdd(0, Tensor.FromArray([1L, 1, 3]), t[1]).Square(), x, src);
        Check(t => t[0].ScatterAdd(1, Tensor.FromArray([4L, 0, 2, 2, 1, 1, 0, 3], 4, 2), t[1]).Square(), x, Tensor.Uniform<double>([4, 2], -1, 1, 5));
        Check(t => t[0].MaskedFill(t[0].Detach() < 0.0, 2.0).Exp(), x);
    }

    [Fact]
    public void Joining_operations()
    {
        var a = Tensor.Uniform<double>([2, 3], -1, 1, 1);
        var b = Tensor.Uniform<double>([2, 4], -1, 1, 2);
        Check(t => Tensor.Concatenate([t[0], t[1].Square()], 1).Exp(), a, b);
        Check(t => Tensor.Stack([t[0], t[0] * t[0]], 0).Sin(), a);
        Check(t => t[0].Split([1, 2, 1], 1)[1].Square() + t[0].Chunk(2, 1)[0].Exp(), b);
    }

    [Fact]
    public void Matrix_products()
    {
        Check(t => t[0].MatMul(t[1]), Tensor.Uniform<double>([3, 4], -1, 1, 1), Tensor.Uniform<double>([4, 5], -1, 1, 2));
        Check(t => t[0].MatMul(t[1]), Tensor.Uniform<double>([2, 1, 3, 4], -1, 1, 3), Tensor.Uniform<double>([3, 4, 2], -1, 1, 4));
        Check(t => t[0].MatMul(t[1]), Tensor.Uniform<double>([4], -1, 1, 5), Tensor.Uniform<double>([4, 3], -1, 1, 6));
        Check(t => t[0].MatMul(t[1]), Tensor.Uniform<double>([2, 4], -1, 1, 7), Tensor.Uniform<double>([4], -1, 1, 8));
        Check(t => t[0].MatMul(t[1]), Tensor.Uniform<double>([4], -1, 1, 9), Tensor.Uniform<double>([4], -1, 1, 10));
        Check(t => t[0].Transpose().MatMul(t[1].Relu()).Tanh(), Tensor.Uniform<double>([5, 3], -1, 1, 11), Tensor.Uniform<double>([5, 2], -1, 1, 12));
    }

    [Fact]
    public void A_small_network_end_to_end()
    {
        var x = Tensor.Uniform<double>([6, 4], -1, 1, 1);
        var w1 = Tensor.Uniform<double>([4, 5], -1, 1, 2);
        var b1 = Tensor.Uniform<double>([5], -1, 1, 3);
        var w2 = Tensor.Uniform<double>([5, 3], -1, 1, 4);
        var labels = Tensor.FromArray([0L, 2, 1, 1, 0, 2]);
        Check(p =>
        {
            var logits = (x.MatMul(p[0]) + p[1]).Tanh().MatMul(p[2]);
            return -logits.LogSoftmax(1).Gather(1, labels.Unsqueeze(1)).Mean();
        }, w1, b1, w2);
    }
}
