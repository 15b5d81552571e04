using DeepMath.Probability.Sampling;
using DeepMath.Tensors;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// A distribution of one real or integer variable, with the scipy.stats surface: distribution functions
/// (<see cref="Cdf"/>, <see cref="Sf"/> and their logarithms, accurate in both tails), quantiles
/// (<see cref="Ppf"/>, <see cref="Isf"/>), moments, entropy, and seeded sampling that gives the same
/// numbers for any thread count.
/// </summary>
public abstract class UnivariateDistribution
{
    private protected UnivariateDistribution()
    {
    }

    /// <summary>P(X &lt;= x).</summary>
    public abstract double Cdf(double x);

    /// <summary>P(X &gt; x) = 1 - Cdf(x), computed without cancellation where it matters.</summary>
    public virtual double Sf(double x) => 1 - Cdf(x);

    /// <summary>log P(X &lt;= x): log1p(-Sf) where the cdf is near 1 (so its tiny distance from 1 keeps its digits), finite far into the lower tail where the distribution allows.</summary>
    public virtual double LogCdf(double x)
    {
        double p = Cdf(x);
        return p > 0.5 ? SpecialFunctions.Log1P(-Sf(x)) : Math.Log(p);
    }

    /// <summary>log P(X &gt; x), as log1p(-Cdf) where the survival function is near 1.</summary>
    public virtual double LogSf(double x)
    {
        double q = Sf(x);
        return q > 0.5 ? SpecialFunctions.Log1P(-Cdf(x)) : Math.Log(q);
    }

    /// <summary>The quantile function (percent point function): the smallest x with Cdf(x) &gt;= p.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public abstract double Ppf(double p);

    /// <summary>The inverse survival function: the x with Sf(x) = q, accurate for tiny q.</summary>
    /// <exception cref="ArgumentOutOfRangeException">q is outside [0, 1].</exception>
    public virtual double Isf(double q) => Ppf(1 - CheckProbability(q, nameof(q)));

    /// <summary>E[X] (NaN or ∞ where it does not exist, as scipy).</summary>
    public abstract double Mean { get; }

    /// <summary>Var[X] (∞ or NaN where it does not exist).</summary>
    public abstract double Variance { get; }

    /// <summary>√Var[X].</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The third standardized moment.</summary>
    public abstract double Skewness { get; }

    /// <summary>The fourth standardized moment minus 3 (0 for the normal).</summary>
    public abstract double ExcessKurtosis { get; }

    /// <summary>The differential entropy in nats (continuous) or the Shannon entropy in nats (discrete).</summary>
    public abstract double Entropy { get; }

    /// <summary>The median, Ppf(1/2) unless a closed form is known.</summary>
    public virtual double Median => Ppf(0.5);

    /// <summary>A most likely value (the smallest when there are several).</summary>
    public abstract double Mode { get; }

    /// <summary>The closed support interval [Lower, Upper] (infinite ends for unbounded supports).</summary>
    public abstract (double Lower, double Upper) Support { get; }

    /// <summary>One draw.</summary>
    /// <param name="generator">The random generator; <see cref="RandomGenerator.Default"/> when null.</param>
    public double Sample(RandomGenerator? generator = null)
    {
        var one = new double[1];
        SampleInto(one, generator);
        return one[0];
    }

    /// <summary><paramref name="count"/> independent draws.</summary>
    /// <param name="count">How many draws.</param>
    /// <param name="generator">The random generator; <see cref="RandomGenerator.Default"/> when null.</param>
    public double[] Samples(int count, RandomGenerator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new double[count];
        SampleInto(result, generator);
        return result;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with independent draws. The draws depend only on the
    /// generator's seed, stream and position, not on the thread count (chunks of 16,384 draws each have
    /// their own counter-based stream); the generator advances by one block per call.
    /// </summary>
    public void SampleInto(double[] destination, RandomGenerator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ChunkedSampling.Fill(destination, 0, destination.Length, generator ?? RandomGenerator.Default, DrawInto);
    }

    /// <summary>Fills destination[offset..offset+count) from one stream; distributions override it with tight loops.</summary>
    internal virtual void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        for (int i = offset; i < offset + count; i++) destination[i] = Draw(stream);
    }

    /// <summary>One draw from a stream.</summary>
    internal abstract double Draw(SampleStream stream);

    /// <summary>Validates a probability argument.</summary>
    protected static double CheckProbability(double p, string name)
        => p >= 0 && p <= 1 ? p : throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability in [0, 1]; got {p}.");
}
