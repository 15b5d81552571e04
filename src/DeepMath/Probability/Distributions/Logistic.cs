using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The logistic distribution (scipy.stats.logistic(loc, scale)): its cdf is the sigmoid.</summary>
public sealed class Logistic : ContinuousDistribution
{
    /// <summary>A logistic distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">loc is not finite, or scale is not a finite number &gt; 0.</exception>
    public Logistic(double loc = 0, double scale = 1)
    {
        Location = Guard.Finite(loc, nameof(loc), nameof(Logistic));
        Scale = Guard.Positive(scale, nameof(scale), nameof(Logistic));
    }

    /// <summary>The location (mean, median and mode).</summary>
    public double Location { get; }

    /// <summary>The scale s.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double a = Math.Abs((x - Location) / Scale);
        return -a - Math.Log(Scale) - 2 * Log1P(Math.Exp(-a));
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => Expit((x - Location) / Scale);

    /// <inheritdoc/>
    public override double Sf(double x) => Expit(-(x - Location) / Scale);

    /// <inheritdoc/>
    public override double LogCdf(double x) => LogSigmoid((x - Location) / Scale);

    /// <inheritdoc/>
    public override double LogSf(double x) => LogSigmoid(-(x - Location) / Scale);

    /// <inheritdoc/>
    public override double Ppf(double p) => Location + Scale * Logit(CheckProbability(p, nameof(p)));

    /// <inheritdoc/>
    public override double Isf(double q) => Location - Scale * Logit(CheckProbability(q, nameof(q)));

    /// <inheritdoc/>
    public override double Mean => Location;

    /// <inheritdoc/>
    public override double Variance => Scale * Scale * Math.PI * Math.PI / 3;

    /// <inheritdoc/>
    public override double Skewness => 0;

    /// <inheritdoc/>
    public override double ExcessKurtosis => 1.2;

    /// <inheritdoc/>
    public override double Entropy => Math.Log(Scale) + 2;

    /// <inheritdoc/>
    public override double Median => Location;

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Location + Scale * Logit(stream.NextOpenDouble());
}
