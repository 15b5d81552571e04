using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The chi-squared distribution with k degrees of freedom, Gamma(k/2, rate 1/2) (scipy.stats.chi2(dof)).</summary>
public sealed class ChiSquared : ContinuousDistribution
{
    private readonly Gamma _gamma;

    /// <summary>A chi-squared distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dof is not a finite number &gt; 0.</exception>
    public ChiSquared(double dof)
    {
        DegreesOfFreedom = Guard.Positive(dof, nameof(dof), nameof(ChiSquared));
        _gamma = new Gamma(dof / 2, 0.5);
    }

    /// <summary>The degrees of freedom k (need not be whole).</summary>
    public double DegreesOfFreedom { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x) => _gamma.LogPdf(x);

    /// <inheritdoc/>
    public override double Pdf(double x) => _gamma.Pdf(x);

    /// <inheritdoc/>
    public override double Cdf(double x) => _gamma.Cdf(x);

    /// <inheritdoc/>
    public override double Sf(double x) => _gamma.Sf(x);

    /// <inheritdoc/>
    public override double LogCdf(double x) => _gamma.LogCdf(x);

    /// <inheritdoc/>
    public override double LogSf(double x) => _gamma.LogSf(x);

    /// <inheritdoc/>
    public override double Ppf(double p) => _gamma.Ppf(p);

    /// <inheritdoc/>
    public override double Isf(double q) => _gamma.Isf(q);

    /// <inheritdoc/>
    public override double Mean => DegreesOfFreedom;

    /// <inheritdoc/>
    public override double Variance => 2 * DegreesOfFreedom;

    /// <inheritdoc/>
    public override double Skewness => Math.Sqrt(8 / DegreesOfFreedom);

    /// <inheritdoc/>
    public override double ExcessKurtosis => 12 / DegreesOfFreedom;

    /// <inheritdoc/>
    public override double Entropy
    {
        get
        {
            double h = DegreesOfFreedom / 2;
            return h + 0.69314718055994530942 + LogGamma(h) + (1 - h) * Digamma(h);
        }
    }

    /// <inheritdoc/>
    public override double Mode => Math.Max(DegreesOfFreedom - 2, 0);

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => _gamma.Draw(stream);

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream) => _gamma.DrawInto(destination, offset, count, stream);
}
