using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Gumbel distribution of maxima (scipy.stats.gumbel_r(loc, scale)).</summary>
public sealed class Gumbel : ContinuousDistribution
{
    /// <summary>A Gumbel distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">loc is not finite, or scale is not a finite number &gt; 0.</exception>
    public Gumbel(double loc = 0, double scale = 1)
    {
        Location = Guard.Finite(loc, nameof(loc), nameof(Gumbel));
        Scale = Guard.Positive(scale, nameof(scale), nameof(Gumbel));
    }

    /// <summary>The location μ (the mode).</summary>
    public double Location { get; }

    /// <summary>The scale β.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = (x - Location) / Scale;
        return -z - Math.Exp(-z) - Math.Log(Scale);
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => Math.Exp(-Math.Exp(-(x - Location) / Scale));

    /// <inheritdoc/>
    public override double Sf(double x) => -ExpM1(-Math.Exp(-(x - Location) / Scale));

    /// <inheritdoc/>
    public override double LogCdf(double x) => -Math.Exp(-(x - Location) / Scale);

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        double t = -(x - Location) / Scale;
        // log(1 - exp(-e^t)) = t - e^t/2 + ... once e^t is tiny (and e^t underflows beyond t = -745).
        return t < -40 ? t - 0.5 * Math.Exp(t) : Log1MExp(Math.Exp(t));
    }

    /// <inheritdoc/>
    public override double Ppf(double p) => Location - Scale * Math.Log(-Math.Log(CheckProbability(p, nameof(p))));

    /// <inheritdoc/>
    public override double Isf(double q) => Location - Scale * Math.Log(-Log1P(-CheckProbability(q, nameof(q))));

    /// <inheritdoc/>
    public override double Mean => Location + Scale * 0.57721566490153286061;

    /// <inheritdoc/>
    public override double Variance => Math.PI * Math.PI / 6 * Scale * Scale;

    /// <summary>12√6 ζ(3)/π³.</summary>
    public override double Skewness => 1.1395470994046486;

    /// <inheritdoc/>
    public override double ExcessKurtosis => 2.4;

    /// <inheritdoc/>
    public override double Entropy => Math.Log(Scale) + 0.57721566490153286061 + 1;

    /// <inheritdoc/>
    public override double Median => Location - Scale * Math.Log(0.69314718055994530942);

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Location - Scale * Math.Log(stream.NextExponential());
}
