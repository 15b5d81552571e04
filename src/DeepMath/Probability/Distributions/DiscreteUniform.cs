using DeepMath.Probability.Sampling;

namespace DeepMath.Probability.Distributions;

/// <summary>The discrete uniform distribution on the integers low..high, both included (scipy.stats.randint(low, high + 1)).</summary>
public sealed class DiscreteUniform : DiscreteDistribution
{
    /// <summary>A discrete uniform distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">high &lt; low.</exception>
    public DiscreteUniform(long low, long high)
    {
        if (high < low) throw Guard.Error(high, nameof(high), nameof(DiscreteUniform), $"at least low = {low}");
        Low = low;
        High = high;
    }

    /// <summary>The smallest value.</summary>
    public long Low { get; }

    /// <summary>The largest value.</summary>
    public long High { get; }

    private double Count => (double)High - Low + 1;

    /// <inheritdoc/>
    public override double LogPmf(double k)
        => double.IsNaN(k) ? k : DiscreteSums.IsInteger(k) && k >= Low && k <= High ? -Math.Log(Count) : double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : Math.Clamp((Math.Floor(x) - Low + 1) / Count, 0, 1);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : Math.Clamp((High - Math.Floor(x)) / Count, 0, 1);

    /// <inheritdoc/>
    public override double Mean => 0.5 * ((double)Low + High);

    /// <inheritdoc/>
    public override double Variance => (Count * Count - 1) / 12;

    /// <inheritdoc/>
    public override double Skewness => 0;

    /// <inheritdoc/>
    public override double ExcessKurtosis => Count == 1 ? double.NaN : -6 * (Count * Count + 1) / (5 * (Count * Count - 1));

    /// <inheritdoc/>
    public override double Entropy => Math.Log(Count);

    /// <summary>Every value is a mode; this is the smallest.</summary>
    public override double Mode => Low;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (Low, High);

    internal override double Draw(SampleStream stream) => Low + (double)stream.NextBelow((ulong)(High - Low) + 1);
}
