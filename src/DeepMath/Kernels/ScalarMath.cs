using System.Numerics;

namespace DeepMath.Kernels;

/// <summary>Numerically careful scalar functions that the BCL computes naively.</summary>
public static class ScalarMath
{
    /// <summary>log(1 + x), accurate to a few ulps even when |x| is far below machine epsilon.</summary>
    /// <remarks>Goldberg's trick: the rounding error of u = 1 + x cancels in log(u) * x / (u - 1).</remarks>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * x / (u - T.One);
    }

    /// <summary>exp(x) - 1, accurate to a few ulps for tiny |x| where exp(x) rounds to 1.</summary>
    /// <remarks>Kahan's trick: (u - 1) * x / log(u) with u = exp(x) cancels the rounding error of u.</remarks>
    public static T ExpM1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.Exp(x);
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        var um1 = u - T.One;
        if (um1 == -T.One) return -T.One;
        return um1 * x / T.Log(u);
    }

    /// <summary>The logistic function 1 / (1 + exp(-x)), evaluated without overflow for either sign of x.</summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        var e = T.Exp(x);
        return e / (T.One + e);
    }

    /// <summary>softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), finite for every finite x.</summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));
}
