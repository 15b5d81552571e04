using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

/// <summary>Issue 18, item 9: the classic slow series to 1e-12, with caps and honest failures.</summary>
public class SeriesTests
{
    [Theory]
    [InlineData("zeta2")]
    [InlineData("alternating harmonic")]
    [InlineData("leibniz")]
    [InlineData("zeta3")]
    [InlineData("geometric")]
    public void Classic_slow_series_sum_to_1e12(string name)
    {
        (Func<long, double> term, long start, double exact) = name switch
        {
            "zeta2" => ((Func<long, double>)(n => 1.0 / ((double)n * n)), 1L, Math.PI * Math.PI / 6),
            "alternating harmonic" => (n => (n % 2 == 1 ? 1.0 : -1.0) / n, 1L, Math.Log(2)),
            "leibniz" => (n => (n % 2 == 0 ? 1.0 : -1.0) / (2 * n + 1), 0L, Math.PI / 4),
            "zeta3" => (n => 1.0 / ((double)n * n * n), 1L, 1.2020569031595942),
            _ => (n => Math.Pow(0.5, n), 0L, 2.0),
        };
        var result = Series.Sum(term, start);
        Assert.True(result.Converged);
        Assert.True(Math.Abs(result.Value - exact) <= 1e-12 * Math.Abs(exact), $"{name}: {result.Value:R} vs {exact:R} ({result.Method}, {result.Terms} terms)");
        Assert.True(result.Terms < 100_000, $"{result.Terms} terms");
    }

    [Fact]
    public void Richardson_alone_sums_zeta2_and_direct_sums_a_fast_series()
    {
        var richardson = Series.Sum(n => 1.0 / ((double)n * n), 1, method: SeriesMethod.Richardson);
        Assert.Equal(Math.PI * Math.PI / 6, richardson.Value, 1e-11);
        var direct = Series.Sum(n => 1.0 / Factorial(n), 0, method: SeriesMethod.Direct);
        Assert.Equal(Math.E, direct.Value, 1e-15);
        Assert.True(direct.Terms < 25);
    }

    [Fact]
    public void A_divergent_series_fails_with_its_best_estimate_and_the_cap_is_respected()
    {
        long calls = 0;
        var result = Series.Sum(n => { calls++; return 1.0 / n; }, 1, maxTerms: 10_000, throwOnFailure: false);
        Assert.False(result.Converged);
        Assert.True(calls <= 10_000 + 60, $"{calls} terms evaluated");
        var e = Assert.Throws<ConvergenceException>(() => Series.Sum(n => 1.0 / n, 1, maxTerms: 10_000));
        Assert.Contains("did not converge", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Series.Sum(n => n == 3 ? double.NaN : 1.0 / (n * n), 1));
    }

    private static double Factorial(long n)
    {
        double f = 1;
        for (long k = 2; k <= n; k++) f *= k;
        return f;
    }
}
