using System.Globalization;
using System.Text.Json;
using DeepMath.Probability;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>
/// Incomplete beta and gamma functions, their inverses and the elementary helpers against 50-digit
/// mpmath values (Fixtures/special/incomplete.json, written by make_incomplete.py).
/// </summary>
public class IncompleteFunctionsTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "special", "incomplete.json"))).RootElement;

    internal static double D(JsonElement e, string key) => e.GetProperty(key).GetString() switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        var text => double.Parse(text!, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<JsonElement> Rows(string key) => Root.GetProperty(key).EnumerateArray();

    /// <summary>Relative error, with values below the smallest normal compared absolutely.</summary>
    private static void Close(double expected, double actual, double relative, string what)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.True(expected.Equals(actual), $"{what}: {actual:R}, expected {expected:R}");
            return;
        }
        double error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected) || error <= 1e-307, $"{what}: {actual:R}, expected {expected:R} (relative error {error / Math.Abs(expected):E2})");
    }

    /// <summary>
    /// Near the mean of a Beta with huge shapes, I_x has condition number about √(a+b) in x: the rounding
    /// of x itself moves the exact answer by that many ulps, so the tolerance grows with it.
    /// </summary>
    /// <remarks>
    /// Shapes below 0.1 get 2e-12: there the smaller of I and 1 - I can come out as one minus the
    /// other (a known limit: the continued fraction gives I to a few ulp, and 1 - 0.99 keeps 1e-13).
    /// </remarks>
    private static double BetaTolerance(double a, double b) => (Math.Min(a, b) < 0.1 ? 2e-12 : 1e-13) * Math.Max(1, Math.Sqrt(Math.Min(a, b)) / 10);

    [Fact]
    public void Incomplete_beta_and_its_complement_agree_with_mpmath()
    {
        int checkedCount = 0;
        foreach (var row in Rows("betainc"))
        {
            double a = D(row, "a"), b = D(row, "b"), x = D(row, "x");
            double tol = BetaTolerance(a, b);
            Close(D(row, "i"), SpecialFunctions.IncompleteBeta(a, b, x), tol, $"I_{x}({a}, {b})");
            Close(D(row, "ic"), SpecialFunctions.IncompleteBetaComplement(a, b, x), tol, $"1 - I_{x}({a}, {b})");
            checkedCount++;
        }
        Assert.True(checkedCount >= 60);
    }

    /// <summary>
    /// An inverse inherits the forward function's relative error ε amplified by the condition number
    /// κ = F / (x F'(x)) (1/a in a power-law tail: a = 0.001 turns 1e-15 into 1e-12), so the tolerance is
    /// 1e-12 + 4e-14 κ. The quantile tests check the residual F(x) - p as well.
    /// </summary>
    private static double InverseTolerance(double probability, double xTimesDensity)
    {
        double kappa = xTimesDensity > 0 ? probability / xTimesDensity : 1;
        return 1e-12 + 4e-14 * kappa;
    }

    [Fact]
    public void Incomplete_beta_inverse_agrees_with_mpmath_and_inverts()
    {
        foreach (var row in Rows("betaincinv"))
        {
            double a = D(row, "a"), b = D(row, "b"), p = D(row, "p"), x = D(row, "x");
            double actual = SpecialFunctions.IncompleteBetaInverse(a, b, p);
            Close(x, actual, InverseTolerance(p, x * SpecialFunctions.BetaDensity(a, b, x)), $"IncompleteBetaInverse({a}, {b}, {p})");
        }
        foreach (var row in Rows("betainccinv"))
        {
            double a = D(row, "a"), b = D(row, "b"), q = D(row, "q"), x = D(row, "x");
            double actual = SpecialFunctions.IncompleteBetaComplementInverse(a, b, q);
            Close(x, actual, InverseTolerance(q, x * SpecialFunctions.BetaDensity(a, b, x)), $"IncompleteBetaComplementInverse({a}, {b}, {q})");
        }
    }

    [Fact]
    public void Incomplete_gamma_inverses_agree_with_mpmath()
    {
        foreach (var row in Rows("gammaincinv"))
        {
            double a = D(row, "a"), p = D(row, "p");
            double x = D(row, "x");
            Close(x, SpecialFunctions.GammaPInverse(a, p), InverseTolerance(Math.Min(p, 1 - p), x * SpecialFunctions.GammaDensity(a, x)), $"GammaPInverse({a}, {p})");
        }
        foreach (var row in Rows("gammainccinv"))
        {
            double a = D(row, "a"), q = D(row, "q");
            double x = D(row, "x");
            Close(x, SpecialFunctions.GammaQInverse(a, q), InverseTolerance(Math.Min(q, 1 - q), x * SpecialFunctions.GammaDensity(a, x)), $"GammaQInverse({a}, {q})");
        }
    }

    [Fact]
    public void Incomplete_gamma_for_huge_a_keeps_its_digits()
    {
        foreach (var row in Rows("incomplete_large"))
        {
            double a = D(row, "a"), x = D(row, "x");
            // As for the beta function: near x = a the condition number in x is about √a.
            double tol = 1e-13 * Math.Max(1, Math.Sqrt(a) / 10);
            Close(D(row, "p"), SpecialFunctions.GammaP(a, x), tol, $"P({a}, {x})");
            Close(D(row, "q"), SpecialFunctions.GammaQ(a, x), tol, $"Q({a}, {x})");
        }
    }

    [Fact]
    public void Elementary_functions_agree_with_mpmath()
    {
        var e = Root.GetProperty("elementary");
        foreach (var r in e.GetProperty("log1mexp").EnumerateArray()) Close(D(r, "y"), SpecialFunctions.Log1MExp(D(r, "x")), 1e-14, $"log1mexp({D(r, "x")})");
        foreach (var r in e.GetProperty("logit").EnumerateArray()) Close(D(r, "y"), SpecialFunctions.Logit(D(r, "p")), 1e-14, $"logit({D(r, "p")})");
        foreach (var r in e.GetProperty("logsigmoid").EnumerateArray()) Close(D(r, "y"), SpecialFunctions.LogSigmoid(D(r, "x")), 1e-14, $"logsigmoid({D(r, "x")})");
        foreach (var r in e.GetProperty("softplus").EnumerateArray()) Close(D(r, "y"), SpecialFunctions.Softplus(D(r, "x")), 1e-14, $"softplus({D(r, "x")})");
        foreach (var r in e.GetProperty("xlogy").EnumerateArray()) Close(D(r, "v"), SpecialFunctions.XLogY(D(r, "x"), D(r, "y")), 1e-14, $"xlogy({D(r, "x")}, {D(r, "y")})");
        foreach (var r in e.GetProperty("xlog1py").EnumerateArray()) Close(D(r, "v"), SpecialFunctions.XLog1PY(D(r, "x"), D(r, "y")), 1e-14, $"xlog1py({D(r, "x")}, {D(r, "y")})");
        foreach (var r in e.GetProperty("lchoose").EnumerateArray()) Close(D(r, "y"), SpecialFunctions.LogBinomial(D(r, "n"), D(r, "k")), 1e-13, $"lchoose({D(r, "n")}, {D(r, "k")})");
    }

    [Fact]
    public void Edges_follow_IEEE_and_bad_arguments_name_the_parameter()
    {
        Assert.Equal(0, SpecialFunctions.IncompleteBeta(2, 3, 0));
        Assert.Equal(1, SpecialFunctions.IncompleteBeta(2, 3, 1));
        Assert.True(double.IsNaN(SpecialFunctions.IncompleteBeta(2, 3, double.NaN)));
        Assert.Equal(0, SpecialFunctions.IncompleteBetaInverse(2, 3, 0));
        Assert.Equal(1, SpecialFunctions.IncompleteBetaInverse(2, 3, 1));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.GammaPInverse(2, 1));
        Assert.Equal(0, SpecialFunctions.GammaQInverse(2, 1));
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.IncompleteBeta(-1, 3, 0.5)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.IncompleteBeta(1, 0, 0.5)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.IncompleteBeta(1, 2, 1.5)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.GammaPInverse(1, -0.1)).ParamName);
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Log1MExp(0));
        Assert.True(double.IsNaN(SpecialFunctions.Log1MExp(-1)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Logit(1));
        Assert.Equal(0, SpecialFunctions.XLogY(0, 0));
        Assert.True(double.IsNaN(SpecialFunctions.XLogY(0, double.NaN)));
        Assert.Equal(0, SpecialFunctions.LogBinomial(1e15, 0));
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogBinomial(3, 4)).ParamName);
    }

    [Fact]
    public void Normal_cdf_is_subnormal_not_zero_at_minus_38_and_log_cdf_stays_finite_far_beyond()
    {
        double phi = SpecialFunctions.NormalCdf(-38);
        Assert.True(phi > 0 && phi < 1e-300, $"Φ(-38) = {phi}");
        Assert.Equal(2.885428351e-316, phi, 1e-324 * 1e6);
        // log Φ(-1e10) = -5e19 - log(1e10 √(2π)) - ...
        Assert.Equal(-5e19, SpecialFunctions.NormalLogCdf(-1e10), 1e6);
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.NormalQuantile(0));
        Assert.Equal(-38, SpecialFunctions.NormalQuantile(SpecialFunctions.NormalCdf(-38)), 1e-6);
        for (double x = -30; x <= 30; x += 0.37)
        {
            double p = SpecialFunctions.NormalCdf(x), q = SpecialFunctions.NormalCdf(-x);
            Assert.True(Math.Abs(p + q - 1) <= 2e-16, $"Φ({x}) + Φ({-x}) = {p + q:R}");
            double back = x < 0 ? SpecialFunctions.NormalQuantile(p) : -SpecialFunctions.NormalQuantile(q);
            Assert.True(Math.Abs(back - x) <= 1e-14 * Math.Max(1, Math.Abs(x)), $"Φ⁻¹(Φ({x})) = {back:R}");
        }
    }

    [Fact]
    public void Polygamma_agrees_with_mpmath()
    {
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "special", "polygamma.json"))).RootElement;
        foreach (var row in rows.EnumerateArray())
        {
            int n = row.GetProperty("n").GetInt32();
            double x = D(row, "x");
            // Negative arguments sum alternating shifted terms: a few digits cancel there.
            Close(D(row, "y"), SpecialFunctions.Polygamma(n, x), x < 0 ? 1e-11 : 1e-13, $"ψ^({n})({x})");
        }
        Assert.Equal(SpecialFunctions.Trigamma(2.5), SpecialFunctions.Polygamma(1, 2.5));
        Assert.True(double.IsNaN(SpecialFunctions.Polygamma(3, -2)));
    }
}
