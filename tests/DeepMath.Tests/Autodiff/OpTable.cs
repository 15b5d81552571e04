using DeepMath.LinearAlgebra;
using DeepMath.Probability;
using DeepMath.Probability.Distributions;
using DeepMath.Probability.Tensors;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;

namespace DeepMath.Tests.Autodiff;

/// <summary>
/// One entry of the op table (in the spirit of PyTorch's OpInfo): the operation in float64 and in
/// float32, sample input shapes, the valid domain, an independent reference where one exists, and
/// how far float32 may stray from float64. <see cref="OpTableTests"/> walks every entry through the
/// same checks; an op code or custom function that no entry records makes the table test fail.
/// </summary>
/// <param name="Name">A label for messages.</param>
/// <param name="Double">The operation on float64 inputs.</param>
/// <param name="Single">The same operation on float32 inputs.</param>
/// <param name="Samples">Sample input shapes, one array of shapes per sample (one shape per input).</param>
/// <param name="Domain">Maps a raw value in [-2, 2) to a point of the valid domain.</param>
/// <param name="Reference">An elementwise reference on doubles (inputs broadcast), or null.</param>
/// <param name="SecondOrder">Whether second derivatives are checked (rules written in differentiable ops).</param>
/// <param name="SingleTolerance">Largest |float32 - float64| / max(1, |float64|).</param>
/// <param name="Large">Shapes for the thread-count check (big enough to split), or null for none.</param>
public sealed record OpEntry(
    string Name,
    Func<Tensor<double>[], Tensor<double>> Double,
    Func<Tensor<float>[], Tensor<float>> Single,
    int[][][] Samples,
    Func<double, double> Domain,
    Func<double[], double>? Reference = null,
    bool SecondOrder = true,
    double SingleTolerance = 1e-4,
    int[][]? Large = null)
{
    public override string ToString() => Name;
}

/// <summary>The entries: every <see cref="OpCode"/> and every custom function of the library is recorded by at least one.</summary>
public static class OpTable
{
    private static readonly int[][][] UnaryShapes = [[[]], [[0]], [[1]], [[3, 4]], [[2, 1, 3]], [[0, 3]]];
    private static readonly int[][][] BinaryShapes =
        [[[3, 4], [3, 4]], [[3, 4], [4]], [[2, 1, 3], [4, 1]], [[], [2, 3]], [[0, 3], [3]], [[1], [1]]];
    private static readonly int[][][] ReductionShapes = [[[3, 4]], [[2, 3, 4]], [[1, 5]], [[4]]];
    private static readonly int[][] LargeUnary = [[400, 401]];
    private static readonly int[][] LargeBinary = [[400, 401], [400, 401]];

    public static double Any(double v) => v;

    /// <summary>[0.5, 2.5): away from zero, poles and branch cuts.</summary>
    public static double Positive(double v) => Math.Abs(v) + 0.5;

    /// <summary>Kept at least 0.2 from the kinks at -1, 0 and 1 (where finite differences straddle a corner).</summary>
    public static double AwayFromKinks(double v)
    {
        foreach (var k in new[] { -1.0, 0.0, 1.0 })
            if (Math.Abs(v - k) < 0.2) return k + (v >= k ? 0.2 : -0.2);
        return v;
    }

    /// <summary>[-0.9, 0.9): inside the domains of arcsin, arccos and artanh, away from their poles.</summary>
    public static double Unit(double v) => v * 0.45;

    /// <summary>[1.2, 3.2): inside arcosh's domain, away from its pole at 1.</summary>
    public static double AboveOne(double v) => Math.Abs(v) + 1.2;

    private static OpEntry Unary(string name, Func<Tensor<double>, Tensor<double>> d, Func<Tensor<float>, Tensor<float>> s,
        Func<double, double>? reference = null, Func<double, double>? domain = null, bool secondOrder = true, double tolerance = 1e-4)
        => new(name, x => d(x[0]), x => s(x[0]), UnaryShapes, domain ?? Any,
            reference is null ? null : v => reference(v[0]), secondOrder, tolerance, LargeUnary);

    private static OpEntry Binary(string name, Func<Tensor<double>, Tensor<double>, Tensor<double>> d, Func<Tensor<float>, Tensor<float>, Tensor<float>> s,
        Func<double, double, double>? reference = null, Func<double, double>? domain = null, bool secondOrder = true)
        => new(name, x => d(x[0], x[1]), x => s(x[0], x[1]), BinaryShapes, domain ?? Any,
            reference is null ? null : v => reference(v[0], v[1]), secondOrder, 1e-4, LargeBinary);

    /// <summary>A log-density of (value, parameter, parameter), all broadcasting, against the scalar distribution.</summary>
    private static OpEntry LogProb(string name, Func<Tensor<double>[], Tensor<double>> d, Func<Tensor<float>[], Tensor<float>> s,
        Func<double[], double> reference, Func<double, double> domain)
        => new(name, d, s, [[[3, 4], [3, 4], [3, 4]], [[2, 3], [3], []], [[4], [], []], [[2, 1], [1, 3], [3]]], domain, reference, true, 1e-3);

    /// <summary>[0.05, 0.95): inside the unit interval (beta and Dirichlet values, and their shapes).</summary>
    public static double UnitInterval(double v) => 0.05 + 0.9 * (v + 2) / 4;

    private static OpEntry Reduction(string name, Func<Tensor<double>, Tensor<double>> d, Func<Tensor<float>, Tensor<float>> s,
        Func<double, double>? domain = null, bool secondOrder = true, int[][][]? shapes = null)
        => new(name, x => d(x[0]), x => s(x[0]), shapes ?? ReductionShapes, domain ?? Any, null, secondOrder, 1e-4, LargeUnary);

    private static readonly Tensor<long> Labels = Tensor.FromArray([2L, 0, 1]);
    private static readonly Tensor<long> GatherIndex = Tensor.FromArray([3L, 0, 2, 2, 1, 1], 3, 2);
    private static readonly Tensor<long> Rows = Tensor.FromArray([2L, 0, 2]);

    public static IReadOnlyList<OpEntry> Entries { get; } =
    [
        Binary("add", (a, b) => a + b, (a, b) => a + b, (a, b) => a + b),
        Binary("subtract", (a, b) => a - b, (a, b) => a - b, (a, b) => a - b),
        Binary("multiply", (a, b) => a * b, (a, b) => a * b, (a, b) => a * b),
        Binary("divide", (a, b) => a / b, (a, b) => a / b, (a, b) => a / b, Positive),
        Binary("pow", Tensor.Pow, Tensor.Pow, Math.Pow, Positive),
        Binary("maximum", Tensor.Maximum, Tensor.Maximum, Math.Max, AwayFromKinks, secondOrder: false),
        Binary("minimum", Tensor.Minimum, Tensor.Minimum, Math.Min, AwayFromKinks, secondOrder: false),
        Binary("where", (a, b) => Tensor.Where(a.Detach() > 0.0, a * 2.0, b), (a, b) => Tensor.Where(a.Detach() > 0f, a * 2f, b),
            (a, b) => a > 0 ? 2 * a : b, AwayFromKinks),
        Unary("negate", x => -x, x => -x, v => -v),
        Unary("abs", x => x.Abs(), x => x.Abs(), Math.Abs, AwayFromKinks),
        Unary("sign", x => x.Sign() * x, x => x.Sign() * x, v => Math.Sign(v) * v, AwayFromKinks),
        Unary("sqrt", x => x.Sqrt(), x => x.Sqrt(), Math.Sqrt, Positive),
        Unary("square", x => x.Square(), x => x.Square(), v => v * v),
        Unary("exp", x => x.Exp(), x => x.Exp(), Math.Exp),
        Unary("log", x => x.Log(), x => x.Log(), Math.Log, Positive),
        Unary("log1p", x => x.Log1P(), x => x.Log1P(), v => Math.Log(1 + v), Positive),
        Unary("expm1", x => x.ExpM1(), x => x.ExpM1(), v => Math.Exp(v) - 1),
        Unary("erf", x => x.Erf(), x => x.Erf(), null),
        Unary("sin", x => x.Sin(), x => x.Sin(), Math.Sin),
        Unary("cos", x => x.Cos(), x => x.Cos(), Math.Cos),
        Unary("tanh", x => x.Tanh(), x => x.Tanh(), Math.Tanh),
        Unary("sigmoid", x => x.Sigmoid(), x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v))),
        Unary("relu", x => x.Relu(), x => x.Relu(), v => Math.Max(v, 0), AwayFromKinks),
        Unary("clamp", x => x.Clamp(-1, 1), x => x.Clamp(-1f, 1f), v => Math.Clamp(v, -1, 1), AwayFromKinks),
        Unary("tan", x => x.Tan(), x => x.Tan(), Math.Tan, Unit),
        Unary("atan", x => x.Atan(), x => x.Atan(), Math.Atan),
        Unary("asin", x => x.Asin(), x => x.Asin(), Math.Asin, Unit),
        Unary("acos", x => x.Acos(), x => x.Acos(), Math.Acos, Unit),
        Unary("sinh", x => x.Sinh(), x => x.Sinh(), Math.Sinh),
        Unary("cosh", x => x.Cosh(), x => x.Cosh(), Math.Cosh),
        Unary("asinh", x => x.Asinh(), x => x.Asinh(), Math.Asinh),
        Unary("acosh", x => x.Acosh(), x => x.Acosh(), Math.Acosh, AboveOne),
        Unary("atanh", x => x.Atanh(), x => x.Atanh(), Math.Atanh, Unit),
        Unary("erfc", x => x.Erfc(), x => x.Erfc(), null),
        Unary("softplus", x => x.Softplus(), x => x.Softplus(), v => Math.Log(1 + Math.Exp(v))),
        Unary("log-sigmoid", x => x.LogSigmoid(), x => x.LogSigmoid(), v => -Math.Log(1 + Math.Exp(-v))),
        Unary("normal cdf", x => x.NormalCdf(), x => x.NormalCdf(), null),
        Unary("log-gamma", SpecialTensorFunctions.LogGamma, SpecialTensorFunctions.LogGamma, SpecialFunctions.LogGamma, Positive),
        Unary("digamma", SpecialTensorFunctions.Digamma, SpecialTensorFunctions.Digamma, SpecialFunctions.Digamma, Positive),
        Unary("trigamma", SpecialTensorFunctions.Trigamma, SpecialTensorFunctions.Trigamma, SpecialFunctions.Trigamma, Positive, tolerance: 1e-3),
        LogProb("normal log-prob", x => new Normal<double>(x[1], x[2]).LogProb(x[0]), x => new Normal<float>(x[1], x[2]).LogProb(x[0]),
            v => new Normal(v[1], v[2]).LogPdf(v[0]), Positive),
        LogProb("gamma log-prob", x => new Gamma<double>(x[1], x[2]).LogProb(x[0]), x => new Gamma<float>(x[1], x[2]).LogProb(x[0]),
            v => new Gamma(v[1], v[2]).LogPdf(v[0]), Positive),
        LogProb("beta log-prob", x => new Beta<double>(x[1], x[2]).LogProb(x[0]), x => new Beta<float>(x[1], x[2]).LogProb(x[0]),
            v => new Beta(v[1], v[2]).LogPdf(v[0]), UnitInterval),
        LogProb("student-t log-prob", x => new StudentT<double>(x[1], x[2], x[2]).LogProb(x[0]), x => new StudentT<float>(x[1], x[2], x[2]).LogProb(x[0]),
            v => new StudentT(v[1], v[2], v[2]).LogPdf(v[0]), Positive),
        LogProb("laplace log-prob", x => new Laplace<double>(x[1], x[2]).LogProb(x[0]), x => new Laplace<float>(x[1], x[2]).LogProb(x[0]),
            v => new Laplace(v[1], v[2]).LogPdf(v[0]), Positive),
        LogProb("logistic log-prob", x => new Logistic<double>(x[1], x[2]).LogProb(x[0]), x => new Logistic<float>(x[1], x[2]).LogProb(x[0]),
            v => new Logistic(v[1], v[2]).LogPdf(v[0]), Positive),
        new("multivariate normal log-prob", x => new MultivariateNormal<double>(x[1], x[2]).LogProb(x[0]), x => new MultivariateNormal<float>(x[1], x[2]).LogProb(x[0]),
            [[[4, 3], [3], [3, 3]], [[2, 2, 3], [2, 1, 3], [3, 3]], [[3], [3], [3, 3]]], Positive, null, SecondOrder: true, SingleTolerance: 1e-3),
        new("dirichlet log-prob", x => new Dirichlet<double>(x[1]).LogProb(x[0]), x => new Dirichlet<float>(x[1]).LogProb(x[0]),
            [[[4, 3], [3]], [[2, 3], [2, 3]]], UnitInterval, null, SecondOrder: true, SingleTolerance: 1e-3),
        Reduction("sum", x => x.Sum(-1), x => x.Sum(-1)),
        Reduction("sum all", x => x.Sum(), x => x.Sum(), shapes: [[[3, 4]], [[0, 2]], [[]]]),
        Reduction("sum to (broadcast adjoint)", x => x.SumTo(new Shape([1, x.Shape[^1]])), x => x.SumTo(new Shape([1, x.Shape[^1]])),
            shapes: [[[3, 4]], [[2, 5]]]),
        Reduction("prod", x => x.Prod(0), x => x.Prod(0), AwayFromKinks),
        Reduction("max", x => x.Max(-1), x => x.Max(-1), secondOrder: false),
        Reduction("min", x => x.Min(0, keepDims: true), x => x.Min(0, keepDims: true), secondOrder: false),
        Reduction("norm 2", x => x.Norm(2, [-1]), x => x.Norm(2, [-1]), AwayFromKinks),
        Reduction("norm 3", x => x.Norm(3, [0]), x => x.Norm(3, [0]), Positive),
        Reduction("mean, var, std", x => x.Mean(-1) + x.Var(-1, ddof: 1) + x.Std(-1), x => x.Mean(-1) + x.Var(-1, ddof: 1) + x.Std(-1)),
        Reduction("log-sum-exp and softmax", x => x.LogSumExp(-1) + x.Softmax(-1).Sum(-1) * x.LogSoftmax(-1).Sum(-1),
            x => x.LogSumExp(-1) + x.Softmax(-1).Sum(-1) * x.LogSoftmax(-1).Sum(-1)),
        Unary("reshape", x => x.Reshape(-1).Exp(), x => x.Reshape(-1).Exp(), null),
        Reduction("views", x => x.Transpose().Diagonal()[..2] + x[.., 1..].Sum(1)[..2] + x.Flip(0).Select(0, 0)[..2],
            x => x.Transpose().Diagonal()[..2] + x[.., 1..].Sum(1)[..2] + x.Flip(0).Select(0, 0)[..2], shapes: [[[3, 4]], [[2, 2]]]),
        Unary("expand", x => x.Unsqueeze(0).Expand([2, .. x.Shape.ToArray()]).Square(),
            x => x.Unsqueeze(0).Expand([2, .. x.Shape.ToArray()]).Square(), null),
        Unary("copy", x => x.Clone() * 3.0, x => x.Clone() * 3f, v => 3 * v),
        Unary("unfold", x => x.Reshape(-1).Unfold(0, Math.Min(2, x.Length), 1).Square(),
            x => x.Reshape(-1).Unfold(0, Math.Min(2, x.Length), 1).Square(), null) with
            { Samples = [[[3, 4]], [[2, 1, 3]], [[1]]] },
        new("index select and index add", x => x[0].IndexSelect(1, Tensor.FromArray([3L, 0, 3])).Square() + x[1].IndexAdd(1, Rows, x[1][.., ..3]),
            x => x[0].IndexSelect(1, Tensor.FromArray([3L, 0, 3])).Square() + x[1].IndexAdd(1, Rows, x[1][.., ..3]),
            [[[2, 4], [2, 3]]], Any, Large: null),
        new("gather and scatter add", x => x[0].Gather(1, GatherIndex).Exp() + x[1].ScatterAdd(1, GatherIndex, x[0][.., ..2]).Sum(1, keepDims: true),
            x => x[0].Gather(1, GatherIndex).Exp() + x[1].ScatterAdd(1, GatherIndex, x[0][.., ..2]).Sum(1, keepDims: true),
            [[[3, 4], [3, 4]]], Any, Large: null),
        new("concatenate and stack", x => Tensor.Concatenate([x[0], x[1].Square()], 1) + Tensor.Stack([x[0], x[1]], 1).Sum(1).Sum(1, keepDims: true),
            x => Tensor.Concatenate([x[0], x[1].Square()], 1) + Tensor.Stack([x[0], x[1]], 1).Sum(1).Sum(1, keepDims: true),
            [[[2, 3], [2, 3]], [[0, 3], [0, 3]]], Any, Large: null),
        new("matmul", x => x[0].MatMul(x[1]), x => x[0].MatMul(x[1]),
            [[[3, 4], [4, 5]], [[2, 1, 3, 4], [3, 4, 2]], [[4], [4, 3]], [[2, 4], [4]], [[0, 4], [4, 2]]], Any, Large: [[200, 150], [150, 120]]),
        new("linear", x => LinearFunction<double>.Instance.Apply(x[0], x[1], x[2]), x => LinearFunction<float>.Instance.Apply(x[0], x[1], x[2]),
            [[[5, 3], [3, 4], [4]], [[1, 2], [2, 2], [2]]], Any, Large: [[256, 200], [200, 120], [120]]),
        new("cross-entropy", x => Losses.CrossEntropy(x[0], Labels), x => Losses.CrossEntropy(x[0], Labels), [[[3, 4]]], Any),
        new("binary cross-entropy with logits", x => Losses.BinaryCrossEntropyWithLogits(x[0], x[1].Sigmoid()),
            x => Losses.BinaryCrossEntropyWithLogits(x[0], x[1].Sigmoid()), [[[3, 4], [3, 4]]], Any),
        new("binary cross-entropy", x => Losses.BinaryCrossEntropy(x[0].Sigmoid(), x[1].Sigmoid()),
            x => Losses.BinaryCrossEntropy(x[0].Sigmoid(), x[1].Sigmoid()), [[[3, 4], [3, 4]]], Any),
        new("solve", x => Linalg.Solve(x[0] + Tensor.Eye<double>(x[0].Shape[0]) * 6.0, x[1]),
            x => Linalg.Solve(x[0] + Tensor.Eye<float>(x[0].Shape[0]) * 6f, x[1]),
            [[[3, 3], [3]], [[4, 4], [4, 2]], [[1, 1], [1, 3]]], Any, SingleTolerance: 1e-3),
        new("det", x => Linalg.Det(x[0]), x => Linalg.Det(x[0]), [[[3, 3]], [[1, 1]], [[4, 4]]], Any, SingleTolerance: 1e-3),
        new("slogdet", x => Linalg.SlogDet(x[0] + Tensor.Eye<double>(x[0].Shape[0]) * 3.0).LogAbsDet,
            x => Linalg.SlogDet(x[0] + Tensor.Eye<float>(x[0].Shape[0]) * 3f).LogAbsDet, [[[3, 3]], [[2, 2]]], Any, SingleTolerance: 1e-3),
    ];
}
