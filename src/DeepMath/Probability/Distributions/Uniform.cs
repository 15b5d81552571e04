using DeepMath.Probability.Sampling;

namespace DeepMath.Probability.Distributions;

/// <summary>The continuous uniform distribution on [lower, upper] (scipy.stats.uniform(loc=lower, scale=upper-lower)).</summary>
public sealed class Uniform : ContinuousDistribution
{
    /// <summary>A uniform distribution; the default is [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or upper &lt;= lower.</exception>
    public Uniform(double lower = 0, double upper = 1)
    {
        Lower = Guard.Finite(lower, nameof(lower), nameof(Uniform));
        Upper = Guard.Finite(upper, nameof(upper), nameof(Uniform));
        if (!(upper > lower)) throw Guard.Error(upper, nameof(upper), nameof(Uniform), $"greater than lower = {lower}");
        if (double.IsInfinity(upper - lower)) throw Guard.Error(upper, nameof(upper), nameof(Uniform), "within a finite width of lower");
    }

    /// <summary>The lower end.</summary>
    public double Lower { get; }

    /// <summary>The upper end.</summary>
    public double Upper { get; }

    private double Width => Upper - Lower;

    /// <inheritdoc/>
    public override double LogPdf(double x) => double.IsNaN(x) ? x : x >= Lower && x <= Upper ? -Math.Log(Width) : double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= Lower ? 0 : x >= Upper ? 1 : (x - Lower) / Width;

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= Lower ? 1 : x >= Upper ? 0 : (Upper - x) / Width;

    /// <inheritdoc/>
    public override double Ppf(double p) => Lower + CheckProbability(p, nameof(p)) * Width;

    /// <inheritdoc/>
    public override double Isf(double q) => Upper - CheckProbability(q, nameof(q)) * Width;

    /// <inheritdoc/>
    public override double Mean => Lower + 0.5 * Width;

    /// <inheritdoc/>
    public override double Variance => Width * Width / 12;

    /// <inheritdoc/>
    public override double Skewness => 0;

    /// <inheritdoc/>
    public override double ExcessKurtosis => -1.2;

    /// <inheritdoc/>
    public override double Entropy => Math.Log(Width);

    /// <inheritdoc/>
    public override double Median => Mean;

    /// <summary>Every point of the support is a mode; this is the lower end.</summary>
    public override double Mode => Lower;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (Lower, Upper);

    internal override double Draw(SampleStream stream) => Lower + stream.NextDouble() * Width;
}
