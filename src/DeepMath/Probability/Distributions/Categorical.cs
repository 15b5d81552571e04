using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// The categorical distribution on 0..K-1 with given probabilities (torch.distributions.Categorical);
/// sampled by an alias table (O(1) per draw).
/// </summary>
public sealed class Categorical : DiscreteDistribution
{
    private readonly double[] _p, _cumulative, _upperCumulative;
    private readonly AliasTable _alias;

    /// <summary>A categorical distribution; the weights are normalised to sum to 1.</summary>
    /// <exception cref="ArgumentException">No weights, a negative or non-finite weight, or all weights zero.</exception>
    public Categorical(params double[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length == 0) throw new ArgumentException("Categorical: probabilities must hold at least one category.", nameof(probabilities));
        double total = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double w = probabilities[i];
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException($"Categorical: probabilities[{i}] must be a finite number >= 0; got {w}.", nameof(probabilities));
            total += w;
        }
        if (!(total > 0)) throw new ArgumentException("Categorical: the probabilities sum to 0.", nameof(probabilities));
        int k = probabilities.Length;
        _p = new double[k];
        for (int i = 0; i < k; i++) _p[i] = probabilities[i] / total;
        _cumulative = new double[k];
        _upperCumulative = new double[k]; // P(X > i), summed from the top so small tails keep their digits
        double sum = 0;
        for (int i = 0; i < k; i++) _cumulative[i] = sum += _p[i];
        sum = 0;
        for (int i = k - 1; i >= 0; i--)
        {
            _upperCumulative[i] = sum;
            sum += _p[i];
        }
        _alias = new AliasTable(_p);
    }

    /// <summary>The normalised probabilities.</summary>
    public IReadOnlyList<double> Probabilities => _p;

    /// <inheritdoc/>
    public override double LogPmf(double k) => double.IsNaN(k) ? k : DiscreteSums.IsInteger(k) && k >= 0 && k < _p.Length ? Math.Log(_p[(int)k]) : double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (k >= _p.Length - 1) return 1;
        return Math.Min(1, _cumulative[(int)k]);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 1;
        if (k >= _p.Length - 1) return 0;
        return _upperCumulative[(int)k];
    }

    private double Moment(Func<double, double> f)
    {
        double sum = 0;
        for (int i = 0; i < _p.Length; i++) sum += _p[i] * f(i);
        return sum;
    }

    /// <inheritdoc/>
    public override double Mean => Moment(k => k);

    /// <inheritdoc/>
    public override double Variance
    {
        get
        {
            double mean = Mean;
            return Moment(k => (k - mean) * (k - mean));
        }
    }

    /// <inheritdoc/>
    public override double Skewness
    {
        get
        {
            double mean = Mean, sd = StandardDeviation;
            return Moment(k => Math.Pow((k - mean) / sd, 3));
        }
    }

    /// <inheritdoc/>
    public override double ExcessKurtosis
    {
        get
        {
            double mean = Mean, sd = StandardDeviation;
            return Moment(k => Math.Pow((k - mean) / sd, 4)) - 3;
        }
    }

    /// <inheritdoc/>
    public override double Entropy
    {
        get
        {
            double sum = 0;
            foreach (double p in _p) sum -= XLogY(p, p);
            return sum;
        }
    }

    /// <inheritdoc/>
    public override double Mode
    {
        get
        {
            int best = 0;
            for (int i = 1; i < _p.Length; i++) if (_p[i] > _p[best]) best = i;
            return best;
        }
    }

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, _p.Length - 1);

    internal override double Draw(SampleStream stream) => _alias.Next(stream);
}
