using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Autodiff;

/// <summary>
/// The backward rule of every recorded operation: one switch over <see cref="OpCode"/>, each rule a
/// few tensor operations (recorded when the engine creates a graph, so rules compose to any order).
/// Non-differentiable points use documented subgradients:
/// relu'(0) = 0; |x|'(0) = 0; sqrt'(0) = +inf; clamp passes the gradient on [low, high] inclusive;
/// max/min (reductions and elementwise) split the gradient equally among tied elements.
/// </summary>
internal static class BackwardRules<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T>?[] Apply(OpRecord<T> record, Tensor<T>?[] outputGradients, bool[] needs)
    {
        var inputs = record.Inputs;
        if (record.Arguments is CustomArguments<T> custom)
        {
            var outputs = new Tensor<T>[record.OutputCount];
            for (int o = 0; o < outputs.Length; o++) outputs[o] = record.Output(o)!;
            return custom.Function.Backward(outputs, outputGradients, inputs, needs);
        }
        var output = record.Output(0)!;
        var g = outputGradients[0]!;
        var x = inputs.Length > 0 ? inputs[0] : null!;
        return record.Code switch
        {
            OpCode.Add => Binary(needs, () => g.SumTo(x.Shape), () => g.SumTo(inputs[1].Shape)),
            OpCode.Subtract => Binary(needs, () => g.SumTo(x.Shape), () => (-g).SumTo(inputs[1].Shape)),
            OpCode.Multiply => Binary(needs, () => (g * inputs[1]).SumTo(x.Shape), () => (g * x).SumTo(inputs[1].Shape)),
            OpCode.Divide => Binary(needs, () => (g / inputs[1]).SumTo(x.Shape),
                () => (-g * x / (inputs[1] * inputs[1])).SumTo(inputs[1].Shape)),
            OpCode.Pow => Binary(needs, () => PowBaseGradient(x, inputs[1], g),
                () => PowExponentGradient(x, inputs[1], output, g)),
            OpCode.Maximum => Extremum(x, inputs[1], g, needs, larger: true),
            OpCode.Minimum => Extremum(x, inputs[1], g, needs, larger: false),
            OpCode.Where => WhereRule(((MaskArguments)record.Arguments!).Mask, x, inputs[1], g, needs),
            OpCode.Negate => [-g],
            OpCode.Abs => [g * x.Sign()],
            OpCode.Sign => [null],
            OpCode.Sqrt => [g * T.CreateTruncating(0.5) / output],
            OpCode.Square => [g * x * T.CreateTruncating(2)],
            OpCode.Exp => [g * output],
            OpCode.Log => [g / x],
            OpCode.Log1P => [g / (x + T.One)],
            OpCode.ExpM1 => [g * (output + T.One)],
            OpCode.Erf => [g * T.CreateTruncating(2 / Math.Sqrt(Math.PI)) * (-x.Square()).Exp()],
            OpCode.Sin => [g * x.Cos()],
            OpCode.Cos => [-g * x.Sin()],
            OpCode.Tanh => [g * (T.One - output.Square())],
            OpCode.Sigmoid => [g * output * (T.One - output)],
            OpCode.Relu => [g * x.Heaviside()],
            OpCode.Clamp => [ClampRule((ScalarArguments<T>)record.Arguments!, x, g)],
            OpCode.Tan => [g * (T.One + output.Square())],
            OpCode.Atan => [g / (T.One + x.Square())],
            OpCode.Asin => [g / (T.One - x.Square()).Sqrt()],
            OpCode.Acos => [-g / (T.One - x.Square()).Sqrt()],
            OpCode.Sinh => [g * x.Cosh()],
            OpCode.Cosh => [g * x.Sinh()],
            OpCode.Asinh => [g / (x.Square() + T.One).Sqrt()],
            OpCode.Acosh => [g / (x.Square() - T.One).Sqrt()],
            OpCode.Atanh => [g / (T.One - x.Square())],
            OpCode.Erfc => [g * T.CreateTruncating(-2 / Math.Sqrt(Math.PI)) * (-x.Square()).Exp()],
            OpCode.Softplus => [g * x.Sigmoid()],
            OpCode.LogSigmoid => [g * (-x).Sigmoid()],
            OpCode.NormalCdf => [g * T.CreateTruncating(1 / Math.Sqrt(2 * Math.PI)) * (x.Square() * T.CreateTruncating(-0.5)).Exp()],
            OpCode.Sum => [ExpandReduced(g, x, (ReductionArguments)record.Arguments!)],
            OpCode.SumTo => [g.Expand(x.Shape.AsSpan())],
            OpCode.Prod => [ProdRule(x, output, g, (ReductionArguments)record.Arguments!)],
            OpCode.Max or OpCode.Min => [ExtremeReductionRule(x, output, g, (ReductionArguments)record.Arguments!)],
            OpCode.Norm => [NormRule(x, output, g, (NormArguments)record.Arguments!)],
            OpCode.Reshape => [g.Reshape(x.Shape.AsSpan())],
            OpCode.View => [Tensor.ScatterThroughView(g, (ViewArguments)record.Arguments!)],
            OpCode.ViewScatter => [Tensor.ViewThrough(g, (ViewArguments)record.Arguments!)],
            OpCode.Expand => [g.SumTo(x.Shape)],
            OpCode.Copy => [g],
            OpCode.IndexSelect => [IndexSelectRule(x, g, (IndexArguments)record.Arguments!)],
            OpCode.IndexAdd => Binary(needs, () => g, () => g.IndexSelect(((IndexArguments)record.Arguments!).Axis, ((IndexArguments)record.Arguments!).Indices)),
            OpCode.Gather => [Tensor.ZerosLike(x).ScatterAdd(((IndexArguments)record.Arguments!).Axis, ((IndexArguments)record.Arguments!).Indices, g)],
            OpCode.ScatterAdd => Binary(needs, () => g, () => g.Gather(((IndexArguments)record.Arguments!).Axis, ((IndexArguments)record.Arguments!).Indices)),
            OpCode.Concatenate => ConcatenateRule(inputs, g, ((ConcatenateArguments)record.Arguments!).Axis, needs),
            _ => throw new NotSupportedException($"No backward rule for {record.Code}."),
        };
    }

    private static Tensor<T>?[] Binary(bool[] needs, Func<Tensor<T>> first, Func<Tensor<T>> second)
        => [needs[0] ? first() : null, needs[1] ? second() : null];

    /// <summary>d(x^y)/dx = y x^(y-1), taken as 0 where y = 0 (so d/dx x^0 = 0 at x = 0, not 0 * inf; PyTorch's convention).</summary>
    private static Tensor<T> PowBaseGradient(Tensor<T> x, Tensor<T> y, Tensor<T> g)
    {
        var zeroExponent = y.Detach().ElementEquals(T.Zero);
        return (g * Tensor.Where(zeroExponent, T.Zero, y * Tensor.Pow(x, y - T.One))).SumTo(x.Shape);
    }

    /// <summary>d(x^y)/dy = x^y log x, taken as 0 where x = 0 and y &gt;= 0 (PyTorch's convention, avoiding 0 * -inf).</summary>
    private static Tensor<T> PowExponentGradient(Tensor<T> x, Tensor<T> y, Tensor<T> output, Tensor<T> g)
    {
        var zeroBase = x.Detach().ElementEquals(T.Zero) & (y.Detach() >= T.Zero);
        var safeBase = Tensor.Where(zeroBase, T.One, x);
        return (g * Tensor.Where(zeroBase, T.Zero, output * safeBase.Log())).SumTo(y.Shape);
    }

    /// <summary>Elementwise max/min: the gradient goes to the chosen operand, halved on ties.</summary>
    private static Tensor<T>?[] Extremum(Tensor<T> a, Tensor<T> b, Tensor<T> g, bool[] needs, bool larger)
    {
        var ad = a.Detach();
        var bd = b.Detach();
        var wins = larger ? ad > bd : ad < bd;
        var weightA = Tensor.Where(wins, T.One, Tensor.Where(ad.ElementEquals(bd), T.CreateTruncating(0.5), Tensor.Scalar(T.Zero)));
        return [needs[0] ? (g * weightA).SumTo(a.Shape) : null, needs[1] ? (g * (T.One - weightA)).SumTo(b.Shape) : null];
    }

    private static Tensor<T>?[] WhereRule(Tensor<bool> mask, Tensor<T> a, Tensor<T> b, Tensor<T> g, bool[] needs)
        => [needs[0] ? Tensor.Where(mask, g, T.Zero).SumTo(a.Shape) : null,
            needs[1] ? Tensor.Where(mask, T.Zero, g).SumTo(b.Shape) : null];

    private static Tensor<T> ClampRule(ScalarArguments<T> bounds, Tensor<T> x, Tensor<T> g)
    {
        var xd = x.Detach();
        return Tensor.Where((xd >= bounds.First) & (xd <= bounds.Second), g, T.Zero);
    }

    /// <summary>Puts the reduced axes back (size 1) and broadcasts to the input's shape.</summary>
    private static Tensor<T> ExpandReduced(Tensor<T> g, Tensor<T> x, ReductionArguments reduction)
        => KeepDims(g, x, reduction.Axes, reduction.KeepDims).Expand(x.Shape.AsSpan());

    private static Tensor<T> KeepDims(Tensor<T> t, Tensor<T> x, int[] axes, bool keepDims)
    {
        if (keepDims) return t;
        var shape = x.Shape.ToArray();
        foreach (var a in axes) shape[a] = 1;
        return t.Reshape(shape);
    }

    /// <summary>
    /// d(prod)/dx_i = the product of the other elements. Without zeros that is out / x_i; with zeros it
    /// is the product of exclusive prefix and suffix products, written in differentiable ops so that
    /// second derivatives are right at zeros too (the Hessian stays symmetric).
    /// </summary>
    private static Tensor<T> ProdRule(Tensor<T> x, Tensor<T> output, Tensor<T> g, ReductionArguments reduction)
    {
        var axes = reduction.Axes;
        bool anyZero = false;
        foreach (var v in x.Detach().Contiguous().AsSpan()) anyZero |= v == T.Zero;
        var others = anyZero ? ProductOfOthers(x, axes) : KeepDims(output, x, axes, reduction.KeepDims) / x;
        return ExpandReduced(g, x, reduction) * others;
    }

    /// <summary>For each element, the product of the other elements of its reduced slice (no division).</summary>
    private static Tensor<T> ProductOfOthers(Tensor<T> x, int[] axes)
    {
        int rank = x.Rank;
        var kept = Enumerable.Range(0, rank).Where(a => Array.IndexOf(axes, a) < 0).ToArray();
        var permutation = kept.Concat(axes).ToArray();
        var permuted = x.Permute(permutation);
        var permutedShape = permuted.Shape.ToArray();
        int n = 1;
        foreach (var a in axes) n *= x.Shape[a];
        var rows = permuted.Reshape([.. permutedShape[..kept.Length], n]);
        var others = ExclusiveProducts(rows, n).Reshape(permutedShape);
        var inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[permutation[i]] = i;
        return others.Permute(inverse);
    }

    /// <summary>prefix_i * suffix_i along the last axis, each an exclusive product built by log2(n) doubling steps.</summary>
    private static Tensor<T> ExclusiveProducts(Tensor<T> rows, int n)
    {
        if (n <= 1) return Tensor.OnesLike(rows);
        var onesShape = rows.Shape.ToArray();
        Tensor<T> Ones(int count) { onesShape[^1] = count; return Tensor.Ones<T>(onesShape); }
        var prefix = Tensor.Concatenate([Ones(1), rows.Narrow(-1, 0, n - 1)], -1);
        var suffix = Tensor.Concatenate([rows.Narrow(-1, 1, n - 1), Ones(1)], -1);
        for (int d = 1; d < n; d *= 2)
        {
            prefix = prefix * Tensor.Concatenate([Ones(d), prefix.Narrow(-1, 0, n - d)], -1);
            suffix = suffix * Tensor.Concatenate([suffix.Narrow(-1, d, n - d), Ones(d)], -1);
        }
        return prefix * suffix;
    }

    private static Tensor<T> ExtremeReductionRule(Tensor<T> x, Tensor<T> output, Tensor<T> g, ReductionArguments reduction)
    {
        var hit = x.Detach().ElementEquals(KeepDims(output.Detach(), x, reduction.Axes, reduction.KeepDims));
        var weight = Tensor.Where(hit, T.One, T.Zero);
        var share = weight / weight.Sum(reduction.Axes, keepDims: true);
        return ExpandReduced(g, x, reduction) * share;
    }

    /// <summary>
    /// p = 2: x / ||x||; p = 1: sign(x); p = ±inf: sign(x) on the extreme elements (ties share);
    /// other p: sign(x) |x|^(p-1) / ||x||^(p-1); p = 0: no gradient. A zero norm gives a zero gradient.
    /// </summary>
    private static Tensor<T>? NormRule(Tensor<T> x, Tensor<T> output, Tensor<T> g, NormArguments norm)
    {
        if (norm.P == 0) return null;
        var gx = ExpandReduced(g, x, new ReductionArguments(norm.Axes, norm.KeepDims));
        var n = KeepDims(output, x, norm.Axes, norm.KeepDims);
        if (norm.P == 1) return gx * x.Sign();
        if (double.IsInfinity(norm.P))
        {
            var hit = x.Detach().Abs().ElementEquals(n.Detach());
            var weight = Tensor.Where(hit, T.One, T.Zero);
            return gx * x.Sign() * (weight / weight.Sum(norm.Axes, keepDims: true));
        }
        var safe = Tensor.Where(n.Detach().ElementEquals(T.Zero), T.One, n);
        if (norm.P == 2) return gx * x / safe;
        var p1 = T.CreateTruncating(norm.P - 1);
        return gx * x.Sign() * x.Abs().Pow(p1) / safe.Pow(p1);
    }

    private static Tensor<T> IndexSelectRule(Tensor<T> x, Tensor<T> g, IndexArguments index)
        => Tensor.ZerosLike(x).IndexAdd(index.Axis, index.Indices, g);

    private static Tensor<T>?[] ConcatenateRule(Tensor<T>[] inputs, Tensor<T> g, int axis, bool[] needs)
    {
        var result = new Tensor<T>?[inputs.Length];
        int position = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            int size = inputs[i].Shape[axis];
            if (needs[i]) result[i] = g.Narrow(axis, position, size);
            position += size;
        }
        return result;
    }
}
