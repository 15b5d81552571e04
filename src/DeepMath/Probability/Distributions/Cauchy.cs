using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Cauchy (Lorentz) distribution (scipy.stats.cauchy(loc, scale)); it has no mean or variance.</summary>
public sealed class Cauchy : ContinuousDistribution
{
    /// <summary>A Cauchy distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">loc is not finite, or scale is not a finite number &gt; 0.</exception>
    public Cauchy(double loc = 0, double scale = 1)
    {
        Location = Guard.Finite(loc, nameof(loc), nameof(Cauchy));
        Scale = Guard.Positive(scale, nameof(scale), nameof(Cauchy));
    }

    /// <summary>The location (median and mode).</summary>
    public double Location { get; }

    /// <summary>The scale (half the interquartile range).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = (x - Location) / Scale;
        if (double.IsInfinity(z)) return double.IsNaN(x) ? x : double.NegativeInfinity;
        // log(1 + z²) without overflowing z² for |z| > 1e154.
        double log1pz2 = Math.Abs(z) > 1e8 ? 2 * Math.Log(Math.Abs(z)) + Log1P(1 / (z * z)) : Log1P(z * z);
        return -Math.Log(Math.PI * Scale) - log1pz2;
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => LowerTail((x - Location) / Scale);

    /// <inheritdoc/>
    public override double Sf(double x) => LowerTail(-(x - Location) / Scale);

    /// <summary>P(Z &lt;= z) = ½ + atan(z)/π, as atan(1/|z|)/π in the lower tail so it never cancels (3.2e-301 at -1e300).</summary>
    private static double LowerTail(double z)
    {
        if (double.IsNaN(z)) return z;
        if (z < -1) return Math.Atan(-1 / z) / Math.PI;
        return 0.5 + Math.Atan(z) / Math.PI;
    }

    /// <inheritdoc/>
    public override double Ppf(double p) => Location + Scale * Standard(CheckProbability(p, nameof(p)));

    /// <inheritdoc/>
    public override double Isf(double q) => Location - Scale * Standard(CheckProbability(q, nameof(q)));

    /// <summary>tan(π(p - ½)) as -1/tan(πp) below ½ and 1/tan(π(1-p)) above, exact in both tails.</summary>
    private static double Standard(double p)
    {
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        return p < 0.5 ? -1 / Math.Tan(Math.PI * p) : 1 / Math.Tan(Math.PI * (1 - p));
    }

    /// <summary>Undefined: NaN.</summary>
    public override double Mean => double.NaN;

    /// <summary>Undefined: NaN.</summary>
    public override double Variance => double.NaN;

    /// <summary>Undefined: NaN.</summary>
    public override double Skewness => double.NaN;

    /// <summary>Undefined: NaN.</summary>
    public override double ExcessKurtosis => double.NaN;

    /// <inheritdoc/>
    public override double Entropy => Math.Log(4 * Math.PI * Scale);

    /// <inheritdoc/>
    public override double Median => Location;

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Location + Scale * Standard(stream.NextOpenDouble());
}
