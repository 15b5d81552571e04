using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Student's t distribution with ν degrees of freedom, location and scale (scipy.stats.t(dof, loc, scale)).</summary>
public sealed class StudentT : ContinuousDistribution
{
    private readonly GammaSampler _chiHalf;

    /// <summary>A Student t distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dof or scale is not a finite number &gt; 0, or loc is not finite.</exception>
    public StudentT(double dof, double loc = 0, double scale = 1)
    {
        DegreesOfFreedom = Guard.Positive(dof, nameof(dof), nameof(StudentT));
        Location = Guard.Finite(loc, nameof(loc), nameof(StudentT));
        Scale = Guard.Positive(scale, nameof(scale), nameof(StudentT));
        _chiHalf = new GammaSampler(dof / 2);
    }

    /// <summary>The degrees of freedom ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>The location (the median).</summary>
    public double Location { get; }

    /// <summary>The scale.</summary>
    public double Scale { get; }

    private double Nu => DegreesOfFreedom;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = (x - Location) / Scale;
        // log Γ((ν+1)/2) - log Γ(ν/2) - ½ log(νπ) = -log B(ν/2, ½) - ½ log ν: no cancellation for large ν.
        // log(1 + z²/ν), also where z² overflows: 2 log|z| - log ν + log1p(ν/z²).
        double a = Math.Abs(z);
        double log1p = a > 1e100 ? 2 * Math.Log(a) - Math.Log(Nu) + Log1P(Nu / a / a) : Log1P(z * z / Nu);
        return -LogBeta(Nu / 2, 0.5) - 0.5 * Math.Log(Nu) - Math.Log(Scale) - (Nu + 1) / 2 * log1p;
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        double z = (x - Location) / Scale;
        return z < 0 ? LowerTail(z) : 1 - LowerTail(-z);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        double z = (x - Location) / Scale;
        return z > 0 ? LowerTail(-z) : 1 - LowerTail(z);
    }

    /// <summary>P(T &lt; z) for z &lt;= 0: ½ I_(ν/(ν+z²))(ν/2, ½), from the complement's argument z²/(ν+z²) when that is the small one.</summary>
    private double LowerTail(double z)
    {
        if (double.IsNaN(z)) return z;
        if (double.IsNegativeInfinity(z)) return 0;
        double t2 = z * z;
        if (double.IsInfinity(t2)) return Math.Exp(LogPowerLawTail(-z));
        var (x, y) = BetaArguments(t2);
        return 0.5 * IncompleteBetaPair(Nu / 2, 0.5, x, y).I;
    }

    /// <summary>
    /// log P(T &gt; t) for |t| beyond 1e154, where z² overflows: the power law
    /// Γ((ν+1)/2)/(Γ(ν/2)√(νπ)) ν^((ν+1)/2) t^(-ν)/ν (its relative corrections are O(ν/t²), nothing here).
    /// </summary>
    private double LogPowerLawTail(double t) => PowerLawConstant() - Nu * Math.Log(t);

    /// <summary>The log of the power-law tail's constant: -log B(ν/2, ½) - ½ log ν + ((ν+1)/2) log ν - log ν.</summary>
    private double PowerLawConstant() => -LogBeta(Nu / 2, 0.5) - 0.5 * Math.Log(Nu) + (Nu + 1) / 2 * Math.Log(Nu) - Math.Log(Nu);

    /// <summary>x = ν/(ν + t²) and y = 1 - x = t²/(ν + t²), each from its own formula (t² = ν r: x = 1/(1 + r), y = r/(1 + r)).</summary>
    private (double X, double Y) BetaArguments(double t2)
    {
        double r = t2 / Nu;
        return (1 / (1 + r), r / (1 + r));
    }

    /// <inheritdoc/>
    public override double LogCdf(double x)
    {
        double z = (x - Location) / Scale;
        return z < 0 ? LogLowerTail(z) : Log1P(-LowerTail(-z));
    }

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        double z = (x - Location) / Scale;
        return z > 0 ? LogLowerTail(-z) : Log1P(-LowerTail(z));
    }

    /// <summary>log P(T &lt; z) for z &lt;= 0, finite beyond the underflow of the tail.</summary>
    private double LogLowerTail(double z)
    {
        if (double.IsNaN(z)) return z;
        if (double.IsNegativeInfinity(z)) return double.NegativeInfinity;
        double t2 = z * z;
        if (double.IsInfinity(t2)) return LogPowerLawTail(-z);
        var (x, y) = BetaArguments(t2);
        return -0.69314718055994530942 + LogIncompleteBetaPair(Nu / 2, 0.5, x, y).LogI;
    }

    /// <inheritdoc/>
    public override double Ppf(double p)
    {
        CheckProbability(p, nameof(p));
        return p < 0.5 ? Location - Scale * UpperQuantile(2 * p) : p == 0.5 ? Location : Location + Scale * UpperQuantile(2 * (1 - p));
    }

    /// <inheritdoc/>
    public override double Isf(double q)
    {
        CheckProbability(q, nameof(q));
        return q < 0.5 ? Location + Scale * UpperQuantile(2 * q) : q == 0.5 ? Location : Location - Scale * UpperQuantile(2 * (1 - q));
    }

    /// <summary>The t &gt; 0 with P(|T| &gt; t) = twoSided, from x = ν/(ν+t²) when x is small and from y = 1 - x otherwise.</summary>
    private double UpperQuantile(double twoSided)
    {
        if (twoSided == 0) return double.PositiveInfinity;
        double x = IncompleteBetaInverse(Nu / 2, 0.5, twoSided);
        if (x < 1e-290) return Math.Exp((PowerLawConstant() - Math.Log(twoSided / 2)) / Nu); // x underflows: invert the power-law tail
        if (x < 0.5) return Math.Sqrt(Nu) * Math.Sqrt((1 - x) / x);
        double y = IncompleteBetaComplementInverse(0.5, Nu / 2, twoSided);
        return Math.Sqrt(Nu) * Math.Sqrt(y / (1 - y));
    }

    /// <summary>The location when ν &gt; 1, NaN otherwise.</summary>
    public override double Mean => Nu > 1 ? Location : double.NaN;

    /// <summary>s² ν/(ν-2) when ν &gt; 2, ∞ for 1 &lt; ν &lt;= 2, NaN otherwise.</summary>
    public override double Variance => Nu > 2 ? Scale * Scale * Nu / (Nu - 2) : Nu > 1 ? double.PositiveInfinity : double.NaN;

    /// <inheritdoc/>
    public override double Skewness => Nu > 3 ? 0 : double.NaN;

    /// <inheritdoc/>
    public override double ExcessKurtosis => Nu > 4 ? 6 / (Nu - 4) : Nu > 2 ? double.PositiveInfinity : double.NaN;

    /// <inheritdoc/>
    public override double Entropy
    {
        get
        {
            double h = (Nu + 1) / 2;
            return h * DigammaHalfStep(Nu / 2) + 0.5 * Math.Log(Nu) + LogBeta(Nu / 2, 0.5) + Math.Log(Scale);
        }
    }

    /// <inheritdoc/>
    public override double Median => Location;

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Z / √(V/ν) with V ~ χ²(ν) = 2 Gamma(ν/2).</summary>
    internal override double Draw(SampleStream stream)
    {
        double z = stream.NextNormal(), v = 2 * _chiHalf.Next(stream);
        return Location + Scale * z / Math.Sqrt(v / Nu);
    }
}
