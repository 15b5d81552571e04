namespace DeepMath.Probability.Distributions;

/// <summary>
/// A distribution on integers: adds <see cref="Pmf"/> and <see cref="LogPmf"/> (0 and -∞ at
/// non-integers and outside the support). Cdf(x) is Cdf(⌊x⌋); <see cref="Ppf"/> is the smallest
/// integer k with Cdf(k) &gt;= p, found from a start by stepping and bisection, with the cdf itself as
/// the judge.
/// </summary>
public abstract class DiscreteDistribution : UnivariateDistribution
{
    private protected DiscreteDistribution()
    {
    }

    /// <summary>P(X = k).</summary>
    public virtual double Pmf(double k) => Math.Exp(LogPmf(k));

    /// <summary>log P(X = k).</summary>
    public abstract double LogPmf(double k);

    /// <inheritdoc/>
    public override double Ppf(double p)
    {
        CheckProbability(p, nameof(p));
        var (lower, upper) = Support;
        if (p == 0) return lower - 1; // as scipy: below the support
        if (p == 1) return upper;
        return SmallestWith(k => Cdf(k) >= p, QuantileGuess(p, upper: false));
    }

    /// <inheritdoc/>
    public override double Isf(double q)
    {
        CheckProbability(q, nameof(q));
        var (lower, upper) = Support;
        if (q == 1) return lower - 1;
        if (q == 0) return upper;
        return SmallestWith(k => Sf(k) <= q, QuantileGuess(q, upper: true));
    }

    /// <summary>A starting point for the quantile search: the normal approximation, clipped to the support.</summary>
    private protected virtual double QuantileGuess(double probability, bool upper)
    {
        double z = SpecialFunctions.NormalQuantile(probability);
        if (upper) z = -z;
        double guess = Math.Floor(Mean + z * StandardDeviation);
        var (lower, top) = Support;
        return double.IsFinite(guess) ? Math.Clamp(guess, lower, top) : lower;
    }

    /// <summary>The smallest support integer k with condition(k) true (condition monotone in k).</summary>
    private double SmallestWith(Func<double, bool> condition, double start)
    {
        var (lower, upper) = Support;
        double k = start;
        if (condition(k))
        {
            // Step down with doubling strides until false, then bisect.
            double step = 1, good = k;
            while (true)
            {
                double probe = Math.Max(lower, good - step);
                if (probe == good) return good;
                if (!condition(probe)) return Bisect(probe, good, condition);
                good = probe;
                step *= 2;
            }
        }
        double bad = k, stride = 1;
        while (true)
        {
            double probe = Math.Min(upper, bad + stride);
            if (condition(probe)) return Bisect(bad, probe, condition);
            if (probe == upper) return upper;
            bad = probe;
            stride *= 2;
        }
    }

    /// <summary>Bisection on integers: condition(bad) is false, condition(good) true.</summary>
    private static double Bisect(double bad, double good, Func<double, bool> condition)
    {
        while (good - bad > 1)
        {
            double mid = Math.Floor(bad + (good - bad) / 2);
            if (condition(mid)) good = mid;
            else bad = mid;
        }
        return good;
    }
}
