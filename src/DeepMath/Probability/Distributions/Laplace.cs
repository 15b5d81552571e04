using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Laplace (double exponential) distribution (scipy.stats.laplace(loc, scale)).</summary>
public sealed class Laplace : ContinuousDistribution
{
    /// <summary>A Laplace distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">loc is not finite, or scale is not a finite number &gt; 0.</exception>
    public Laplace(double loc = 0, double scale = 1)
    {
        Location = Guard.Finite(loc, nameof(loc), nameof(Laplace));
        Scale = Guard.Positive(scale, nameof(scale), nameof(Laplace));
    }

    /// <summary>The location μ (mean, median and mode).</summary>
    public double Location { get; }

    /// <summary>The scale b.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x) => -Math.Log(2 * Scale) - Math.Abs(x - Location) / Scale;

    /// <inheritdoc/>
    public override double Cdf(double x) => LowerTail((x - Location) / Scale);

    /// <inheritdoc/>
    public override double Sf(double x) => LowerTail(-(x - Location) / Scale);

    /// <inheritdoc/>
    public override double LogCdf(double x) => LogLowerTail((x - Location) / Scale);

    /// <inheritdoc/>
    public override double LogSf(double x) => LogLowerTail(-(x - Location) / Scale);

    private static double LowerTail(double z) => z < 0 ? 0.5 * Math.Exp(z) : 1 - 0.5 * Math.Exp(-z);

    private static double LogLowerTail(double z) => z < 0 ? z - 0.69314718055994530942 : Log1P(-0.5 * Math.Exp(-z));

    /// <inheritdoc/>
    public override double Ppf(double p)
    {
        CheckProbability(p, nameof(p));
        return p <= 0.5 ? Location + Scale * Math.Log(2 * p) : Location - Scale * Math.Log(2 * (1 - p));
    }

    /// <inheritdoc/>
    public override double Isf(double q)
    {
        CheckProbability(q, nameof(q));
        return q <= 0.5 ? Location - Scale * Math.Log(2 * q) : Location + Scale * Math.Log(2 * (1 - q));
    }

    /// <inheritdoc/>
    public override double Mean => Location;

    /// <inheritdoc/>
    public override double Variance => 2 * Scale * Scale;

    /// <inheritdoc/>
    public override double Skewness => 0;

    /// <inheritdoc/>
    public override double ExcessKurtosis => 3;

    /// <inheritdoc/>
    public override double Entropy => 1 + Math.Log(2 * Scale);

    /// <inheritdoc/>
    public override double Median => Location;

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    internal override double Draw(SampleStream stream)
    {
        double e = stream.NextExponential();
        return (stream.NextUInt32() & 1) == 0 ? Location + Scale * e : Location - Scale * e;
    }
}
