using DeepMath.Calculus;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class DualTests
{
    private static void AssertDerivative(Func<Dual, Dual> f, Func<double, double> value, Func<double, double> derivative, double x)
    {
        var (v, d) = Dual.Differentiate(f, x);
        Assert.True(Math.Abs(v - value(x)) <= 1e-14 * Math.Max(1, Math.Abs(value(x))), $"value at {x}: {v} vs {value(x)}");
        Assert.True(Math.Abs(d - derivative(x)) <= 1e-13 * Math.Max(1, Math.Abs(derivative(x))), $"derivative at {x}: {d} vs {derivative(x)}");
    }

    [Fact]
    public void ElementaryFunctions_MatchAnalyticDerivatives()
    {
        AssertDerivative(Dual.Exp, Math.Exp, Math.Exp, 0.7);
        AssertDerivative(Dual.Log, Math.Log, x => 1 / x, 2.5);
        AssertDerivative(Dual.Sqrt, Math.Sqrt, x => 0.5 / Math.Sqrt(x), 3);
        AssertDerivative(Dual.Sin, Math.Sin, Math.Cos, 1.1);
        AssertDerivative(Dual.Cos, Math.Cos, x => -Math.Sin(x), 1.1);
        AssertDerivative(Dual.Tan, Math.Tan, x => 1 / (Math.Cos(x) * Math.Cos(x)), 0.4);
        AssertDerivative(Dual.Asin, Math.Asin, x => 1 / Math.Sqrt(1 - (x * x)), 0.3);
        AssertDerivative(Dual.Acos, Math.Acos, x => -1 / Math.Sqrt(1 - (x * x)), -0.6);
        AssertDerivative(Dual.Atan, Math.Atan, x => 1 / (1 + (x * x)), 2);
        AssertDerivative(Dual.Sinh, Math.Sinh, Math.Cosh, -0.8);
        AssertDerivative(Dual.Cosh, Math.Cosh, Math.Sinh, -0.8);
        AssertDerivative(Dual.Tanh, Math.Tanh, x => 1 - (Math.Tanh(x) * Math.Tanh(x)), 0.9);
        AssertDerivative(x => Dual.Pow(x, 2.5), x => Math.Pow(x, 2.5), x => 2.5 * Math.Pow(x, 1.5), 1.7);
        AssertDerivative(x => Dual.Pow(x, x), x => Math.Pow(x, x), x => Math.Pow(x, x) * (Math.Log(x) + 1), 1.3);
    }

    [Fact]
    public void Compositions_AndArithmetic()
    {
        // f = x^2 sin(x) / (1 + e^x): f' by the product and quotient rules.
        Func<double, double> f = x => x * x * Math.Sin(x) / (1 + Math.Exp(x));
        Func<double, double> df = x =>
        {
            var numerator = x * x * Math.Sin(x);
            var dNumerator = (2 * x * Math.Sin(x)) + (x * x * Math.Cos(x));
            var denominator = 1 + Math.Exp(x);
            return ((dNumerator * denominator) - (numerator * Math.Exp(x))) / (denominator * denominator);
        };
        AssertDerivative(x => x * x * Dual.Sin(x) / (1 + Dual.Exp(x)), f, df, 0.9);

        // g = log(1 + sqrt(x)) - 3/x + x/4 - 2.
        AssertDerivative(
            x => Dual.Log(1 + Dual.Sqrt(x)) - (3 / x) + (x / 4) - 2,
            x => Math.Log(1 + Math.Sqrt(x)) - (3 / x) + (x / 4) - 2,
            x => (1 / (2 * Math.Sqrt(x) * (1 + Math.Sqrt(x)))) + (3 / (x * x)) + 0.25,
            2.2);

        // h = exp(sin(cos x)).
        AssertDerivative(
            x => Dual.Exp(Dual.Sin(Dual.Cos(x))),
            x => Math.Exp(Math.Sin(Math.Cos(x))),
            x => Math.Exp(Math.Sin(Math.Cos(x))) * Math.Cos(Math.Cos(x)) * -Math.Sin(x),
            0.4);
    }

    [Fact]
    public void AccurateSmallArgumentFunctions()
    {
        var tiny = 1e-12;
        var log1p = Dual.Log1P(Dual.Variable(tiny));
        Assert.True(Math.Abs(log1p.Value - (tiny - (tiny * tiny / 2))) <= 1e-15 * tiny);
        Assert.Equal(1 / (1 + tiny), log1p.Derivative, 15);
        var expm1 = Dual.ExpM1(Dual.Variable(tiny));
        Assert.True(Math.Abs(expm1.Value - (tiny + (tiny * tiny / 2))) <= 1e-15 * tiny);
        Assert.Equal(Math.Exp(tiny), expm1.Derivative, 15);
        Assert.True(Math.Abs(Dual.ExpM1(Dual.Variable(2)).Value - (Math.Exp(2) - 1)) < 1e-14);
        Assert.True(Math.Abs(Dual.Log1P(Dual.Variable(3)).Value - Math.Log(4)) < 1e-15);
    }

    [Fact]
    public void Atan2_MatchesPartialDerivatives()
    {
        // θ(t) = atan2(sin 2t, 3 cos t): dθ/dt = (x y' - y x') / (x^2 + y^2).
        const double t = 0.6;
        var result = Dual.Atan2(Dual.Sin(2 * Dual.Variable(t)), 3 * Dual.Cos(Dual.Variable(t)));
        var (x, y) = (3 * Math.Cos(t), Math.Sin(2 * t));
        var (dx, dy) = (-3 * Math.Sin(t), 2 * Math.Cos(2 * t));
        Assert.Equal(Math.Atan2(y, x), result.Value, 15);
        Assert.Equal(((x * dy) - (y * dx)) / ((x * x) + (y * y)), result.Derivative, 14);
    }

    [Fact]
    public void NonSmoothFunctions()
    {
        Assert.Equal(new Dual(2, -1), Dual.Abs(Dual.Variable(-2)));
        Assert.Equal(new Dual(2, 1), Dual.Abs(Dual.Variable(2)));
        Assert.Equal(new Dual(0, 0), Dual.Abs(Dual.Variable(0)));
        var a = new Dual(1, 5);
        var b = new Dual(2, -3);
        Assert.Equal(b, Dual.Max(a, b));
        Assert.Equal(a, Dual.Min(a, b));
        Assert.Equal(a, Dual.Max(a, new Dual(1, 7)));
    }

    [Fact]
    public void Sigmoid_IsStableForLargeArguments()
    {
        var large = Dual.Sigmoid(Dual.Variable(800));
        Assert.Equal(1.0, large.Value);
        Assert.Equal(0.0, large.Derivative);
        var negative = Dual.Sigmoid(Dual.Variable(-40));
        Assert.True(negative.Value > 0 && Math.Abs(negative.Derivative - negative.Value) < 1e-30);
        var mid = Dual.Sigmoid(Dual.Variable(0.3));
        var s = 1 / (1 + Math.Exp(-0.3));
        Assert.Equal(s, mid.Value, 15);
        Assert.Equal(s * (1 - s), mid.Derivative, 15);
    }

    [Fact]
    public void AgreesWithNumericalDerivative()
    {
        Func<Dual, Dual> dual = x => Dual.Tanh(Dual.Pow(x, 3) - (2 * x)) * Dual.Atan(x / 3) + Dual.Sqrt(1 + (x * x));
        Func<double, double> plain = x => (Math.Tanh((x * x * x) - (2 * x)) * Math.Atan(x / 3)) + Math.Sqrt(1 + (x * x));
        foreach (var x in new[] { -1.3, 0.2, 0.9, 2.4 })
        {
            var automatic = Dual.Differentiate(dual, x).Derivative;
            var numeric = NumericalDerivative.Derivative(plain, x, 0.05);
            Assert.True(Math.Abs(automatic - numeric.Value) <= Math.Max(1e-9, 10 * numeric.ErrorEstimate), $"x = {x}: {automatic} vs {numeric}");
        }
    }

    [Fact]
    public void Operators_AndEquality()
    {
        var x = Dual.Variable(3);
        Assert.Equal(new Dual(5, 1), x + 2);
        Assert.Equal(new Dual(5, 1), 2 + x);
        Assert.Equal(new Dual(1, 1), x - 2);
        Assert.Equal(new Dual(-1, -1), 2 - x);
        Assert.Equal(new Dual(6, 2), x * 2);
        Assert.Equal(new Dual(6, 2), 2 * x);
        Assert.Equal(new Dual(1.5, 0.5), x / 2);
        Assert.Equal(new Dual(2.0 / 3, -2.0 / 9), 2 / x);
        Assert.Equal(new Dual(-3, -1), -x);
        Assert.Equal(new Dual(9, 6), x * x);
        Assert.Equal(new Dual(1, 0), x / x);
        Assert.True(x > Dual.Constant(2));
        Assert.True(x <= new Dual(3, 100));
        Assert.False(x == new Dual(3, 100));
        Assert.True(x != new Dual(3, 100));
        Assert.Equal(Dual.Constant(4), (Dual)4.0);
        Assert.Equal(x.GetHashCode(), Dual.Variable(3).GetHashCode());
        Assert.Equal("3 + 1ε", x.ToString());
        Assert.Equal("0.5 - 2ε", new Dual(0.5, -2).ToString());
    }
}

/// <summary>The functions issue 18 adds, as dual numbers and as tensor ops: the two derivative paths agree.</summary>
public class SpecialFunctionDerivativeTests
{
    public static TheoryData<string, double> Cases() => new()
    {
        { "atan", 0.7 }, { "asinh", -1.3 }, { "acosh", 1.8 }, { "atanh", -0.4 }, { "erf", 0.3 }, { "erfc", 2.5 },
        { "erfc", -1.1 }, { "normal-cdf", -3.2 }, { "softplus", -4.0 }, { "log-sigmoid", 30.0 }, { "tan", 1.2 },
        { "sinh", -2.0 }, { "cosh", 0.5 }, { "asin", 0.6 }, { "acos", -0.6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dual_numbers_and_autodiff_agree_on_value_and_derivative(string name, double at)
    {
        Func<DeepMath.Calculus.Dual, DeepMath.Calculus.Dual> dual = name switch
        {
            "atan" => DeepMath.Calculus.Dual.Atan, "asinh" => DeepMath.Calculus.Dual.Asinh, "acosh" => DeepMath.Calculus.Dual.Acosh,
            "atanh" => DeepMath.Calculus.Dual.Atanh, "erf" => DeepMath.Calculus.Dual.Erf, "erfc" => DeepMath.Calculus.Dual.Erfc,
            "normal-cdf" => DeepMath.Calculus.Dual.NormalCdf, "softplus" => DeepMath.Calculus.Dual.Softplus,
            "log-sigmoid" => DeepMath.Calculus.Dual.LogSigmoid, "tan" => DeepMath.Calculus.Dual.Tan, "sinh" => DeepMath.Calculus.Dual.Sinh,
            "cosh" => DeepMath.Calculus.Dual.Cosh, "asin" => DeepMath.Calculus.Dual.Asin, _ => DeepMath.Calculus.Dual.Acos,
        };
        Func<DeepMath.Tensors.Tensor<double>, DeepMath.Tensors.Tensor<double>> tensor = name switch
        {
            "atan" => t => t.Atan(), "asinh" => t => t.Asinh(), "acosh" => t => t.Acosh(), "atanh" => t => t.Atanh(), "erf" => t => t.Erf(),
            "erfc" => t => t.Erfc(), "normal-cdf" => t => t.NormalCdf(), "softplus" => t => t.Softplus(), "log-sigmoid" => t => t.LogSigmoid(),
            "tan" => t => t.Tan(), "sinh" => t => t.Sinh(), "cosh" => t => t.Cosh(), "asin" => t => t.Asin(), _ => t => t.Acos(),
        };
        var d = dual(DeepMath.Calculus.Dual.Variable(at));
        var grad = DeepMath.Calculus.Derivatives.Grad(tensor)(DeepMath.Tensors.Tensor.FromArray([at]));
        var value = tensor(DeepMath.Tensors.Tensor.FromArray([at]))[0];
        Assert.Equal(value, d.Value, Math.Abs(value) * 4e-16);
        Assert.Equal(grad[0], d.Derivative, Math.Abs(grad[0]) * 1e-14);
        // And both against a central difference (Richardson), which shares no code with either.
        double numeric = DeepMath.Calculus.NumericalDerivative.Derivative(v => dual(DeepMath.Calculus.Dual.Constant(v)).Value, at).Value;
        Assert.Equal(numeric, d.Derivative, Math.Max(1e-300, Math.Abs(numeric)) * 1e-7);
    }

    [Fact]
    public void Tails_keep_their_relative_accuracy()
    {
        var x = DeepMath.Tensors.Tensor.FromArray([-38.0, 26.0, -1000.0, 1000.0]);
        Assert.Equal(2.8854283600687843e-316, x.NormalCdf()[0], 2.9e-316 * 1e-7); // a subnormal: about 26 bits
        Assert.True(x.NormalCdf()[0] > 0, "Phi(-38) is a subnormal, not 0");
        Assert.Equal(5.663192408856142e-296, x.Erfc()[1], 5.663192408856142e-296 * 1e-14);
        Assert.Equal(-1000.0, x.LogSigmoid()[2]);
        Assert.Equal(1000.0, x.Softplus()[3]);
        Assert.Equal(1e-10, DeepMath.Tensors.Tensor.FromArray([1e-10]).Atanh()[0], 1e-26);
    }
}
