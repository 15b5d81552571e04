using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Bernoulli distribution on {0, 1} (scipy.stats.bernoulli(p)).</summary>
public sealed class Bernoulli : DiscreteDistribution
{
    /// <summary>A Bernoulli distribution with success probability p.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public Bernoulli(double p) => P = Guard.Probability(p, nameof(p), nameof(Bernoulli));

    /// <summary>P(X = 1).</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override double LogPmf(double k) => double.IsNaN(k) ? k : k == 1 ? Math.Log(P) : k == 0 ? Log1P(-P) : double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x < 0 ? 0 : x < 1 ? 1 - P : 1;

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x < 0 ? 1 : x < 1 ? P : 0;

    /// <inheritdoc/>
    public override double Mean => P;

    /// <inheritdoc/>
    public override double Variance => P * (1 - P);

    /// <inheritdoc/>
    public override double Skewness => (1 - 2 * P) / Math.Sqrt(P * (1 - P));

    /// <inheritdoc/>
    public override double ExcessKurtosis => (1 - 6 * P * (1 - P)) / (P * (1 - P));

    /// <inheritdoc/>
    public override double Entropy => -XLogY(P, P) - XLog1PY(1 - P, -P);

    /// <summary>1 when p &gt; 1/2, else 0.</summary>
    public override double Mode => P > 0.5 ? 1 : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, 1);

    internal override double Draw(SampleStream stream) => stream.NextDouble() < P ? 1 : 0;
}
