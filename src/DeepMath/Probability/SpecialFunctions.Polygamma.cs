namespace DeepMath.Probability;

public static partial class SpecialFunctions
{
    // B_2k for k = 1..12.
    private static readonly double[] EvenBernoulli =
    [
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798, -174611.0 / 330,
        854513.0 / 138, -236364091.0 / 2730,
    ];

    /// <summary>
    /// The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of digamma (n = 0 is <see cref="Digamma"/>,
    /// n = 1 <see cref="Trigamma"/>). For n &gt;= 2: the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + 1) - (-1)ⁿ n!/x^(n+1)
    /// carries x up to at least 20 + n, then the asymptotic series with Bernoulli numbers. NaN at the poles
    /// 0, -1, -2, ...; for negative x the shifted terms alternate in sign, so a few digits may cancel.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative or above 100.</exception>
    public static double Polygamma(int n, double x)
    {
        if (n < 0 || n > 100) throw new ArgumentOutOfRangeException(nameof(n), n, "Polygamma takes an order n in [0, 100].");
        if (n == 0) return Digamma(x);
        if (n == 1) return Trigamma(x);
        if (double.IsNaN(x)) return x;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        double sign = n % 2 == 1 ? 1 : -1; // (-1)^(n+1)
        double logFactorial = LogGamma(n + 1);
        double shiftSum = 0;
        double threshold = 20 + n;
        while (x < threshold)
        {
            shiftSum += Math.Exp(logFactorial - (n + 1) * Math.Log(Math.Abs(x))) * (x < 0 && (n + 1) % 2 == 1 ? -1 : 1);
            x += 1;
        }
        // (-1)^(n+1) [ (n-1)!/xⁿ + n!/(2x^(n+1)) + Σ B_2k (2k+n-1)!/((2k)! x^(2k+n)) ].
        double series = Math.Exp(LogGamma(n) - n * Math.Log(x)) + Math.Exp(logFactorial - (n + 1) * Math.Log(x)) / 2;
        for (int k = 1; k <= EvenBernoulli.Length; k++)
        {
            double term = EvenBernoulli[k - 1] * Math.Exp(LogGamma(2 * k + n) - LogGamma(2 * k + 1) - (2 * k + n) * Math.Log(x));
            series += term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(series)) break;
        }
        // ψ⁽ⁿ⁾(x₀) = ψ⁽ⁿ⁾(x₀ + m) - (-1)ⁿ n! Σ 1/(x₀ + k)^(n+1) = (-1)^(n+1) [series + shiftSum].
        return sign * (series + shiftSum);
    }
}
