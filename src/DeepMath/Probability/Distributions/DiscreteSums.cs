namespace DeepMath.Probability.Distributions;

/// <summary>Sums over a discrete support that closed forms do not cover (entropy, small-support cdfs).</summary>
internal static class DiscreteSums
{
    /// <summary>
    /// -Σ p log p over [lower, upper] ∩ [center - 40 sd - 50, center + 40 sd + 50]: beyond 40 standard
    /// deviations the terms are far below the rounding of the sum for the distributions that use it.
    /// </summary>
    public static double Entropy(DiscreteDistribution distribution, double center, double sd)
    {
        var (lower, upper) = distribution.Support;
        double from = Math.Max(lower, Math.Floor(center - 40 * sd - 50)), to = Math.Min(upper, Math.Ceiling(center + 40 * sd + 50));
        double sum = 0, compensation = 0;
        for (double k = from; k <= to; k++)
        {
            double logP = distribution.LogPmf(k);
            if (double.IsNegativeInfinity(logP)) continue;
            double term = -Math.Exp(logP) * logP, y = term - compensation, t = sum + y;
            compensation = t - sum - y;
            sum = t;
        }
        return sum;
    }

    /// <summary>Σ pmf(k) for k in [from, to], compensated.</summary>
    public static double Probability(DiscreteDistribution distribution, double from, double to)
    {
        double sum = 0, compensation = 0;
        for (double k = from; k <= to; k++)
        {
            double y = distribution.Pmf(k) - compensation, t = sum + y;
            compensation = t - sum - y;
            sum = t;
        }
        return sum;
    }

    /// <summary>True when k is a whole number.</summary>
    public static bool IsInteger(double k) => k == Math.Floor(k) && double.IsFinite(k);
}
