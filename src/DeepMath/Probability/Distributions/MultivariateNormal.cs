using DeepMath.Probability.Sampling;
using DeepMath.Tensors;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// The multivariate normal distribution N(μ, Σ), held by the lower Cholesky factor L of Σ = L Lᵀ
/// (torch.distributions.MultivariateNormal(scale_tril=L)): the log-density solves with L instead of
/// inverting Σ, and samples are μ + L z.
/// </summary>
public sealed class MultivariateNormal
{
    private readonly double[] _mean;
    private readonly double[,] _lower;

    private MultivariateNormal(double[] mean, double[,] lower)
    {
        _mean = mean;
        _lower = lower;
    }

    /// <summary>A multivariate normal from its mean and covariance (factored here).</summary>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite, or the covariance is not symmetric positive definite (the message names the failing pivot).</exception>
    public static MultivariateNormal FromCovariance(double[] mean, double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        int d = mean.Length;
        if (covariance.GetLength(0) != d || covariance.GetLength(1) != d)
            throw new ArgumentException($"MultivariateNormal: covariance must be {d}x{d} to match mean; got {covariance.GetLength(0)}x{covariance.GetLength(1)}.", nameof(covariance));
        CheckFinite(mean, nameof(mean));
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-12 * (Math.Abs(covariance[i, j]) + Math.Abs(covariance[j, i])) + double.Epsilon)
                    throw new ArgumentException($"MultivariateNormal: covariance must be symmetric; [{i}, {j}] = {covariance[i, j]} but [{j}, {i}] = {covariance[j, i]}.", nameof(covariance));
        return new MultivariateNormal((double[])mean.Clone(), Cholesky(covariance));
    }

    /// <summary>A multivariate normal from its mean and the lower-triangular factor L of Σ = L Lᵀ (the upper triangle is ignored).</summary>
    /// <exception cref="ArgumentException">The shapes disagree, or a diagonal entry of L is not a finite number &gt; 0.</exception>
    public static MultivariateNormal FromCholesky(double[] mean, double[,] lowerFactor)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(lowerFactor);
        int d = mean.Length;
        if (lowerFactor.GetLength(0) != d || lowerFactor.GetLength(1) != d)
            throw new ArgumentException($"MultivariateNormal: the Cholesky factor must be {d}x{d} to match mean; got {lowerFactor.GetLength(0)}x{lowerFactor.GetLength(1)}.", nameof(lowerFactor));
        CheckFinite(mean, nameof(mean));
        var lower = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            if (!(lowerFactor[i, i] > 0) || double.IsInfinity(lowerFactor[i, i]))
                throw new ArgumentException($"MultivariateNormal: the Cholesky factor's diagonal must be finite and > 0; [{i}, {i}] = {lowerFactor[i, i]}.", nameof(lowerFactor));
            for (int j = 0; j <= i; j++) lower[i, j] = lowerFactor[i, j];
        }
        return new MultivariateNormal((double[])mean.Clone(), lower);
    }

    /// <summary>The dimension d.</summary>
    public int Dimension => _mean.Length;

    /// <summary>The mean μ (a copy).</summary>
    public double[] Mean => (double[])_mean.Clone();

    /// <summary>The lower Cholesky factor L (a copy).</summary>
    public double[,] CholeskyFactor => (double[,])_lower.Clone();

    /// <summary>The covariance Σ = L Lᵀ.</summary>
    public double[,] Covariance
    {
        get
        {
            int d = Dimension;
            var sigma = new double[d, d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j <= i; j++)
                {
                    double sum = 0;
                    for (int k = 0; k <= j; k++) sum += _lower[i, k] * _lower[j, k];
                    sigma[i, j] = sigma[j, i] = sum;
                }
            return sigma;
        }
    }

    /// <summary>log |Σ| = 2 Σ log L_ii.</summary>
    public double LogDeterminant
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < Dimension; i++) sum += Math.Log(_lower[i, i]);
            return 2 * sum;
        }
    }

    /// <summary>The log-density -½ |L⁻¹(x - μ)|² - ½ log|Σ| - (d/2) log 2π.</summary>
    /// <exception cref="ArgumentException">x does not have <see cref="Dimension"/> entries.</exception>
    public double LogPdf(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension) throw new ArgumentException($"MultivariateNormal: x must have {Dimension} entries; got {x.Length}.", nameof(x));
        return -0.5 * MahalanobisSquared(x) - 0.5 * LogDeterminant - Dimension * 0.91893853320467274178032973640562;
    }

    /// <summary>The density.</summary>
    public double Pdf(ReadOnlySpan<double> x) => Math.Exp(LogPdf(x));

    /// <summary>(x - μ)ᵀ Σ⁻¹ (x - μ), by forward substitution with L.</summary>
    public double MahalanobisSquared(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension) throw new ArgumentException($"MultivariateNormal: x must have {Dimension} entries; got {x.Length}.", nameof(x));
        int d = Dimension;
        Span<double> y = d <= 256 ? stackalloc double[d] : new double[d];
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            double r = x[i] - _mean[i];
            for (int k = 0; k < i; k++) r -= _lower[i, k] * y[k];
            y[i] = r / _lower[i, i];
            sum += y[i] * y[i];
        }
        return sum;
    }

    /// <summary>The entropy (d/2)(1 + log 2π) + ½ log|Σ|.</summary>
    public double Entropy => Dimension * (0.5 + 0.91893853320467274178032973640562) + 0.5 * LogDeterminant;

    /// <summary>One draw μ + L z.</summary>
    public double[] Sample(RandomGenerator? generator = null)
    {
        var one = Samples(1, generator);
        var x = new double[Dimension];
        for (int i = 0; i < Dimension; i++) x[i] = one[0, i];
        return x;
    }

    /// <summary>count draws, one per row; the same for any thread count.</summary>
    public double[,] Samples(int count, RandomGenerator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = Dimension;
        var z = new double[(long)count * d];
        new Normal().SampleInto(z, generator);
        var result = new double[count, d];
        for (int s = 0; s < count; s++)
            for (int i = 0; i < d; i++)
            {
                double sum = _mean[i];
                for (int k = 0; k <= i; k++) sum += _lower[i, k] * z[(long)s * d + k];
                result[s, i] = sum;
            }
        return result;
    }

    private static void CheckFinite(double[] values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"MultivariateNormal: {name}[{i}] must be finite; got {values[i]}.", name);
    }

    /// <summary>The lower Cholesky factor; names the first pivot that is not positive.</summary>
    private static double[,] Cholesky(double[,] a)
    {
        int d = a.GetLength(0);
        var l = new double[d, d];
        for (int j = 0; j < d; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 0) || double.IsInfinity(diagonal))
                throw new ArgumentException($"MultivariateNormal: covariance is not positive definite: pivot {j} is {diagonal:G6} after elimination.", "covariance");
            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < d; i++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = sum / l[j, j];
            }
        }
        return l;
    }
}
