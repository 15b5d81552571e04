using DeepMath.Kernels;
namespace DeepMath.Calculus;

public readonly partial struct Dual
{
    /// <summary>e^x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>exp(x) with derivative exp(x) x'.</returns>
    public static Dual Exp(Dual x)
    {
        var value = Math.Exp(x.Value);
        return Chain(value, value, x);
    }

    /// <summary>Natural logarithm.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log(x) with derivative x'/x.</returns>
    public static Dual Log(Dual x) => Chain(Math.Log(x.Value), 1 / x.Value, x);

    /// <summary>log(1 + x), accurate for tiny x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log1p(x) with derivative x'/(1 + x).</returns>
    public static Dual Log1P(Dual x) => Chain(ScalarMath.Log1P(x.Value), 1 / (1 + x.Value), x);

    /// <summary>e^x - 1, accurate for tiny x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>expm1(x) with derivative exp(x) x'.</returns>
    public static Dual ExpM1(Dual x) => Chain(ScalarMath.ExpM1(x.Value), Math.Exp(x.Value), x);

    /// <summary>Square root; the derivative is infinite at 0 unless x is constant.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>sqrt(x) with derivative x'/(2 sqrt x).</returns>
    public static Dual Sqrt(Dual x)
    {
        var root = Math.Sqrt(x.Value);
        return Chain(root, 0.5 / root, x);
    }

    /// <summary>x raised to a constant power.</summary>
    /// <param name="x">The base.</param>
    /// <param name="power">The constant exponent; 0 gives the constant 1.</param>
    /// <returns>x^p with derivative p x^(p-1) x'.</returns>
    public static Dual Pow(Dual x, double power)
    {
        if (power == 0)
        {
            return new Dual(1, 0);
        }

        return Chain(Math.Pow(x.Value, power), power * Math.Pow(x.Value, power - 1), x);
    }

    /// <summary>x raised to a varying power; when the exponent varies the base must be positive (log x appears).</summary>
    /// <param name="x">The base.</param>
    /// <param name="power">The exponent.</param>
    /// <returns>x^y with derivative x^y (y' log x + y x'/x).</returns>
    public static Dual Pow(Dual x, Dual power)
    {
        if (power.Derivative == 0)
        {
            return Pow(x, power.Value);
        }

        var value = Math.Pow(x.Value, power.Value);
        var baseTerm = x.Derivative == 0 ? 0 : power.Value * x.Derivative / x.Value;
        return new Dual(value, value * Math.FusedMultiplyAdd(power.Derivative, Math.Log(x.Value), baseTerm));
    }

    /// <summary>Sine.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>sin(x) with derivative cos(x) x'.</returns>
    public static Dual Sin(Dual x)
    {
        var (sin, cos) = Math.SinCos(x.Value);
        return Chain(sin, cos, x);
    }

    /// <summary>Cosine.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>cos(x) with derivative -sin(x) x'.</returns>
    public static Dual Cos(Dual x)
    {
        var (sin, cos) = Math.SinCos(x.Value);
        return Chain(cos, -sin, x);
    }

    /// <summary>Tangent.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>tan(x) with derivative (1 + tan^2 x) x'.</returns>
    public static Dual Tan(Dual x)
    {
        var tan = Math.Tan(x.Value);
        return Chain(tan, Math.FusedMultiplyAdd(tan, tan, 1), x);
    }

    /// <summary>Arcsine; the derivative is infinite at ±1.</summary>
    /// <param name="x">The argument in [-1, 1].</param>
    /// <returns>asin(x) with derivative x'/sqrt(1 - x^2).</returns>
    public static Dual Asin(Dual x) => Chain(Math.Asin(x.Value), 1 / OneMinusSquareRoot(x.Value), x);

    /// <summary>Arccosine; the derivative is infinite at ±1.</summary>
    /// <param name="x">The argument in [-1, 1].</param>
    /// <returns>acos(x) with derivative -x'/sqrt(1 - x^2).</returns>
    public static Dual Acos(Dual x) => Chain(Math.Acos(x.Value), -1 / OneMinusSquareRoot(x.Value), x);

    /// <summary>Arctangent.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>atan(x) with derivative x'/(1 + x^2).</returns>
    public static Dual Atan(Dual x) => Chain(Math.Atan(x.Value), 1 / Math.FusedMultiplyAdd(x.Value, x.Value, 1), x);

    /// <summary>The angle of the point (x, y), as <see cref="Math.Atan2"/>.</summary>
    /// <param name="y">The ordinate.</param>
    /// <param name="x">The abscissa.</param>
    /// <returns>atan2(y, x) with derivative (x y' - y x') / (x^2 + y^2).</returns>
    public static Dual Atan2(Dual y, Dual x)
    {
        var radiusSquared = Math.FusedMultiplyAdd(x.Value, x.Value, y.Value * y.Value);
        var numerator = Math.FusedMultiplyAdd(x.Value, y.Derivative, -y.Value * x.Derivative);
        return new Dual(Math.Atan2(y.Value, x.Value), numerator == 0 ? 0 : numerator / radiusSquared);
    }

    /// <summary>Hyperbolic sine.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>sinh(x) with derivative cosh(x) x'.</returns>
    public static Dual Sinh(Dual x) => Chain(Math.Sinh(x.Value), Math.Cosh(x.Value), x);

    /// <summary>Hyperbolic cosine.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>cosh(x) with derivative sinh(x) x'.</returns>
    public static Dual Cosh(Dual x) => Chain(Math.Cosh(x.Value), Math.Sinh(x.Value), x);

    /// <summary>Hyperbolic tangent.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>tanh(x) with derivative (1 - tanh^2 x) x'.</returns>
    public static Dual Tanh(Dual x)
    {
        var tanh = Math.Tanh(x.Value);
        return Chain(tanh, Math.FusedMultiplyAdd(-tanh, tanh, 1), x);
    }

    /// <summary>
    /// Absolute value. The derivative is sign(x) x', and at x = 0 it is taken as 0 (the midpoint of the
    /// subgradient [-1, 1], the usual convention in automatic differentiation).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>|x| with derivative sign(x) x'.</returns>
    public static Dual Abs(Dual x)
    {
        if (x.Value > 0)
        {
            return x;
        }

        if (x.Value < 0)
        {
            return -x;
        }

        return x.Value == 0 ? new Dual(0, 0) : new Dual(double.NaN, double.NaN);
    }

    /// <summary>Inverse hyperbolic sine.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>arsinh(x) with derivative x' / sqrt(x^2 + 1).</returns>
    public static Dual Asinh(Dual x) => Chain(Math.Asinh(x.Value), 1 / Math.Sqrt(Math.FusedMultiplyAdd(x.Value, x.Value, 1)), x);

    /// <summary>Inverse hyperbolic cosine (NaN below 1).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>arcosh(x) with derivative x' / sqrt(x^2 - 1).</returns>
    public static Dual Acosh(Dual x) => Chain(Math.Acosh(x.Value), 1 / Math.Sqrt((x.Value - 1) * (x.Value + 1)), x);

    /// <summary>Inverse hyperbolic tangent (infinite at +-1, NaN beyond).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>artanh(x) with derivative x' / (1 - x^2).</returns>
    public static Dual Atanh(Dual x) => Chain(Math.Atanh(x.Value), 1 / ((1 - x.Value) * (1 + x.Value)), x);

    /// <summary>The error function.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x) with derivative 2/sqrt(pi) e^(-x^2) x'.</returns>
    public static Dual Erf(Dual x) => Chain(ScalarMath.Erf(x.Value), 2 / Math.Sqrt(Math.PI) * Math.Exp(-x.Value * x.Value), x);

    /// <summary>The complementary error function 1 - erf(x), accurate in the upper tail.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfc(x) with derivative -2/sqrt(pi) e^(-x^2) x'.</returns>
    public static Dual Erfc(Dual x) => Chain(ScalarMath.Erfc(x.Value), -2 / Math.Sqrt(Math.PI) * Math.Exp(-x.Value * x.Value), x);

    /// <summary>The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Phi(x) with derivative phi(x) x', the standard normal density.</returns>
    public static Dual NormalCdf(Dual x)
        => Chain(0.5 * ScalarMath.Erfc(-x.Value / Math.Sqrt(2)), Math.Exp(-0.5 * x.Value * x.Value) / Math.Sqrt(2 * Math.PI), x);

    /// <summary>softplus(x) = log(1 + e^x), finite for every finite x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x) with derivative sigmoid(x) x'.</returns>
    public static Dual Softplus(Dual x) => Chain(ScalarMath.Softplus(x.Value), Logistic(x.Value), x);

    /// <summary>log sigmoid(x) = -softplus(-x), finite for every finite x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log sigmoid(x) with derivative sigmoid(-x) x'.</returns>
    public static Dual LogSigmoid(Dual x) => Chain(-ScalarMath.Softplus(-x.Value), Logistic(-x.Value), x);

    /// <summary>The logistic function 1/(1 + e^-x), evaluated without overflow for either sign of x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) with derivative σ(x) σ(-x) x' (σ(-x) = 1 - σ(x) computed without cancellation).</returns>
    public static Dual Sigmoid(Dual x)
    {
        var value = Logistic(x.Value);
        return Chain(value, value * Logistic(-x.Value), x);
    }

    /// <summary>The argument with the larger value (ties return the first; a NaN argument is returned as is).</summary>
    /// <param name="left">First argument.</param>
    /// <param name="right">Second argument.</param>
    /// <returns>The argument with the larger value, derivative included.</returns>
    public static Dual Max(Dual left, Dual right)
    {
        if (double.IsNaN(left.Value))
        {
            return left;
        }

        if (double.IsNaN(right.Value))
        {
            return right;
        }

        return left.Value >= right.Value ? left : right;
    }

    /// <summary>The argument with the smaller value (ties return the first; a NaN argument is returned as is).</summary>
    /// <param name="left">First argument.</param>
    /// <param name="right">Second argument.</param>
    /// <returns>The argument with the smaller value, derivative included.</returns>
    public static Dual Min(Dual left, Dual right)
    {
        if (double.IsNaN(left.Value))
        {
            return left;
        }

        if (double.IsNaN(right.Value))
        {
            return right;
        }

        return left.Value <= right.Value ? left : right;
    }

    /// <summary>Chain rule; a constant argument stays constant even where the local derivative is infinite.</summary>
    private static Dual Chain(double value, double localDerivative, Dual x) =>
        new(value, x.Derivative == 0 ? 0 : localDerivative * x.Derivative);

    private static double OneMinusSquareRoot(double x) => Math.Sqrt((1 - x) * (1 + x));

    private static double Logistic(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        var e = Math.Exp(x);
        return e / (1 + e);
    }
}
