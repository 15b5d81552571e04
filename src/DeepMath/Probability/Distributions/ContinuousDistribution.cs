namespace DeepMath.Probability.Distributions;

/// <summary>A distribution with a density: adds <see cref="Pdf"/> and <see cref="LogPdf"/>.</summary>
public abstract class ContinuousDistribution : UnivariateDistribution
{
    private protected ContinuousDistribution()
    {
    }

    /// <summary>The density at x (0 outside the support, never an exception).</summary>
    public virtual double Pdf(double x) => Math.Exp(LogPdf(x));

    /// <summary>The log-density at x (-∞ outside the support, never an exception).</summary>
    public abstract double LogPdf(double x);
}
