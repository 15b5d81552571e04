using System.Globalization;
using System.Text.Json;
using DeepMath.Probability;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>The gamma family against 50-digit mpmath values (Fixtures/special/gamma.json, written by make_special.py).</summary>
public class SpecialFunctionsTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "special", "gamma.json"))).RootElement;

    private static double Parse(JsonElement e, string key) => double.Parse(e.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Root.GetProperty("unary").EnumerateArray())
            foreach (var f in new[] { "gamma", "lgamma", "digamma", "trigamma" })
                if (row.TryGetProperty(f, out _)) data.Add(f, row.GetProperty("x").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_mpmath_to_1e_13_relative(string function, string xText)
    {
        double x = double.Parse(xText, CultureInfo.InvariantCulture);
        var row = Root.GetProperty("unary").EnumerateArray().First(r => r.GetProperty("x").GetString() == xText);
        double expected = Parse(row, function);
        double actual = function switch
        {
            "gamma" => SpecialFunctions.Gamma(x),
            "lgamma" => SpecialFunctions.LogGamma(x),
            "digamma" => SpecialFunctions.Digamma(x),
            _ => SpecialFunctions.Trigamma(x),
        };
        // Digamma vanishes at 1.4616...: there the error is absolute (a few ulps of the terms that cancel).
        double tolerance = function == "digamma" && Math.Abs(x - 1.4616321449683622) < 1e-3 ? 1e-15 : 1e-13 * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{function}({xText}) = {actual:R}, expected {expected:R}: relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}");
    }

    [Fact]
    public void Log_beta_and_beta_agree_with_mpmath_including_huge_arguments()
    {
        foreach (var row in Root.GetProperty("beta").EnumerateArray())
        {
            double a = Parse(row, "a"), b = Parse(row, "b"), expected = Parse(row, "lbeta");
            double actual = SpecialFunctions.LogBeta(a, b);
            Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"LogBeta({a}, {b}) = {actual:R}, expected {expected:R}");
            double beta = Parse(row, "beta");
            if (beta > 1e-300) Assert.True(Math.Abs(SpecialFunctions.Beta(a, b) - beta) <= 1e-12 * beta, $"Beta({a}, {b})");
        }
    }

    [Fact]
    public void Poles_infinities_and_exact_factorials()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Gamma(0.0));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Gamma(-0.0));
        Assert.True(double.IsNaN(SpecialFunctions.Gamma(-3)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Gamma(171.7));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(-2));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(double.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(0)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(-4)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Trigamma(0));
        Assert.Equal(120, SpecialFunctions.Gamma(6));
        Assert.Equal(121645100408832000, SpecialFunctions.Gamma(20));
        Assert.Equal(0, SpecialFunctions.LogGamma(1));
        Assert.Equal(0, SpecialFunctions.LogGamma(2));
        Assert.Equal(-0.5772156649015329, SpecialFunctions.Digamma(1), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogBeta(-1, 2));
    }

    [Fact]
    public void Inverse_error_functions_agree_with_mpmath_and_invert_erf_and_erfc()
    {
        foreach (var row in Root.GetProperty("erfinv").EnumerateArray())
        {
            double y = Parse(row, "y"), expected = Parse(row, "erfinv"), actual = SpecialFunctions.ErfInv(y);
            Assert.True(Math.Abs(actual - expected) <= 2e-15 * Math.Abs(expected) + 1e-300, $"ErfInv({y:R}) = {actual:R}, expected {expected:R}");
        }
        foreach (var row in Root.GetProperty("erfcinv").EnumerateArray())
        {
            double q = Parse(row, "q"), expected = Parse(row, "erfcinv"), actual = SpecialFunctions.ErfcInv(q);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 * Math.Max(Math.Abs(expected), 1e-3), $"ErfcInv({q:R}) = {actual:R}, expected {expected:R}");
        }
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ErfInv(1));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.ErfInv(-1));
        Assert.True(double.IsNaN(SpecialFunctions.ErfInv(1.5)));
        Assert.True(double.IsNegative(SpecialFunctions.ErfInv(-0.0)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.ErfcInv(0));
    }

    [Fact]
    public void Regularized_incomplete_gamma_agrees_with_mpmath_and_p_plus_q_is_one_without_cancellation()
    {
        foreach (var row in Root.GetProperty("incomplete").EnumerateArray())
        {
            double a = Parse(row, "a"), x = Parse(row, "x"), p = Parse(row, "p"), q = Parse(row, "q");
            double gp = SpecialFunctions.GammaP(a, x), gq = SpecialFunctions.GammaQ(a, x);
            // The smaller of P and Q is computed directly (no 1 - something): it keeps its relative digits.
            if (p <= q) Assert.True(Math.Abs(gp - p) <= 1e-12 * p, $"P({a}, {x}) = {gp:R}, expected {p:R}");
            else Assert.True(Math.Abs(gq - q) <= 1e-12 * q, $"Q({a}, {x}) = {gq:R}, expected {q:R}");
            Assert.Equal(1, gp + gq, 1e-15);
        }
        Assert.Equal(0, SpecialFunctions.GammaP(2, 0));
        Assert.Equal(1, SpecialFunctions.GammaQ(2, 0));
        Assert.Equal(1, SpecialFunctions.GammaP(2, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.GammaP(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.GammaQ(1, -1));
        // P(1, x) = 1 - e^{-x} exactly: Q(1, x) = e^{-x}, even at x = 700.
        Assert.Equal(Math.Exp(-700), SpecialFunctions.GammaQ(1, 700), Math.Exp(-700) * 1e-13);
    }
}
