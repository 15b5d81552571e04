using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Probability.Tensors;

/// <summary>
/// The gamma-family special functions as differentiable tensor operations (torch.lgamma, digamma,
/// polygamma(1)): each evaluates the double-precision scalar function elementwise and records a rule
/// written with the next function of the family (polygamma of one order higher), so derivatives of
/// every order work.
/// </summary>
public static class SpecialTensorFunctions
{
    /// <summary>log |Γ(x)| elementwise; d/dx = ψ(x).</summary>
    public static Tensor<T> LogGamma<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new Function<T>(-1).Apply(x);

    /// <summary>The digamma function ψ(x) elementwise; d/dx = ψ′(x).</summary>
    public static Tensor<T> Digamma<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new Function<T>(0).Apply(x);

    /// <summary>The trigamma function ψ′(x) elementwise; d/dx = ψ″(x).</summary>
    public static Tensor<T> Trigamma<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new Function<T>(1).Apply(x);

    /// <summary>The polygamma function ψ⁽ⁿ⁾(x) elementwise (torch.polygamma); d/dx = ψ⁽ⁿ⁺¹⁾(x).</summary>
    public static Tensor<T> Polygamma<T>(int n, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n < 0 || n > 99) throw new ArgumentOutOfRangeException(nameof(n), n, "Polygamma takes an order n in [0, 99].");
        return new Function<T>(n).Apply(x);
    }

    /// <summary>log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b), broadcasting.</summary>
    public static Tensor<T> LogBeta<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>x log y with 0 where x = 0 (the entropy convention), differentiable in both.</summary>
    public static Tensor<T> XLogY<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var zero = x.Detach().ElementEquals(T.Zero);
        // Where x = 0 the logarithm is taken of 1 instead, so neither the value nor the gradient is NaN.
        return Tensor.Where(zero, Tensor.Scalar(T.Zero), x * Tensor.Where(zero, Tensor.Scalar(T.One), y).Log());
    }

    /// <summary>log Γ for order -1, ψ⁽ⁿ⁾ for order n &gt;= 0; the rule is the function of the next order.</summary>
    private sealed class Function<T>(int order) : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Name => order < 0 ? "LogGamma" : $"Polygamma({order})";

        public Tensor<T> Apply(Tensor<T> x)
        {
            ArgumentNullException.ThrowIfNull(x);
            var input = x.Detach().Contiguous();
            var values = input.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                double v = double.CreateTruncating(values[i]);
                values[i] = T.CreateTruncating(order < 0 ? SpecialFunctions.LogGamma(v) : SpecialFunctions.Polygamma(order, v));
            }
            return Record(Tensor.FromArray(values, x.Shape.AsSpan()), x);
        }

        public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
        {
            if (!needsGradient[0]) return [null];
            var x = inputs[0];
            var derivative = new Function<T>(order + 1).Apply(x);
            return [outputGradient * derivative];
        }
    }
}
