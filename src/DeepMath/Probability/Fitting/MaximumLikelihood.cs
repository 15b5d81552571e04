using DeepMath.Probability.Distributions;
using DeepMath.Tensors;

namespace DeepMath.Probability.Fitting;

/// <summary>
/// Maximum likelihood fitting for the univariate distributions (scipy's <c>dist.fit</c>): closed forms
/// where they exist (Normal, LogNormal, Exponential, Laplace, Pareto, Uniform, Poisson, Bernoulli,
/// Binomial with n known, Geometric, DiscreteUniform, Categorical), otherwise L-BFGS on the mean negative
/// log-likelihood with positive parameters in log space, started by the method of moments and finished
/// by Newton steps. Gradients and Hessians come from autodiff through the batched distribution's
/// <c>LogProb</c> where one exists, from Ridders-extrapolated differences otherwise (<see cref="FitResult{T}.Method"/>
/// says which). Every result carries the log-likelihood, AIC, BIC, standard errors from the observed
/// information and whether it converged. Parameters can be held fixed by name (as scipy's <c>floc</c>,
/// <c>fscale</c>), e.g. <c>new Dictionary&lt;string, double&gt; { ["rate"] = 2 }</c>.
/// </summary>
public static partial class MaximumLikelihood
{
    /// <summary>Normal: the sample mean and the root mean squared deviation (divisor n).</summary>
    public static FitResult<Normal> FitNormal(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Normal));
        double mean = Mean(x), std = Math.Sqrt(CentralSquares(x, fixedValues?.GetValueOrDefault("mean", mean) ?? mean) / x.Length);
        return Fit(x, [new("mean", false, mean), new("std", true, Math.Max(std, double.Epsilon))], v => new Normal(v[0], v[1]), fixedValues, closed: std > 0,
            Tensorised(x, p => new Normal<double>(p[0], p[1])));
    }

    /// <summary>LogNormal: the normal fit of log x.</summary>
    public static FitResult<LogNormal> FitLogNormal(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(LogNormal), v => v > 0, "x > 0");
        var logs = x.Select(v => Math.Log(v)).ToArray();
        double mu = Mean(logs), sigma = Math.Sqrt(CentralSquares(logs, mu) / x.Length);
        return Fit(x, [new("mu", false, mu), new("sigma", true, Math.Max(sigma, double.Epsilon))], v => new LogNormal(v[0], v[1]), fixedValues, closed: sigma > 0,
            Tensorised(x, p => new LogNormal<double>(p[0], p[1])));
    }

    /// <summary>Exponential: 1 / mean.</summary>
    public static FitResult<Exponential> FitExponential(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Exponential), v => v >= 0, "x >= 0");
        double mean = Mean(x);
        if (!(mean > 0)) throw new ArgumentException("Fitting Exponential: every observation is 0, so the rate would be infinite.", nameof(data));
        return Fit(x, [new("rate", true, 1 / mean)], v => new Exponential(v[0]), null, closed: true,
            Tensorised(x, p => new Exponential<double>(p[0])));
    }

    /// <summary>Laplace: the median and the mean absolute deviation from it.</summary>
    public static FitResult<Laplace> FitLaplace(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Laplace));
        double median = Median(x), scale = x.Average(v => Math.Abs(v - median));
        return Fit(x, [new("loc", false, median, Smooth: false), new("scale", true, Math.Max(scale, double.Epsilon))], v => new Laplace(v[0], v[1]), null, closed: scale > 0);
    }

    /// <summary>Pareto: the minimum and n / Σ log(x / min).</summary>
    public static FitResult<Pareto> FitPareto(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Pareto), v => v > 0, "x > 0");
        double scale = x.Min(), sumLogs = x.Sum(v => Math.Log(v / scale));
        if (!(sumLogs > 0)) throw new ArgumentException("Fitting Pareto: all observations are equal, so the shape would be infinite.", nameof(data));
        return Fit(x, [new("scale", true, scale, Smooth: false), new("shape", true, x.Length / sumLogs)], v => new Pareto(v[0], v[1]), null, closed: true,
            Tensorised(x, p => new Pareto<double>(p[0], p[1])));
    }

    /// <summary>Uniform: the sample minimum and maximum (no standard errors: the likelihood has a corner there).</summary>
    public static FitResult<Uniform> FitUniform(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Uniform));
        double low = x.Min(), high = x.Max();
        if (!(high > low)) throw new ArgumentException("Fitting Uniform: all observations are equal, so the width would be 0.", nameof(data));
        return Fit(x, [new("lower", false, low, Smooth: false), new("upper", false, high, Smooth: false)], v => new Uniform(v[0], v[1]), null, closed: true);
    }

    /// <summary>Poisson: the sample mean.</summary>
    public static FitResult<Poisson> FitPoisson(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Poisson), v => v >= 0 && v == Math.Floor(v), "whole numbers >= 0");
        return Fit(x, [new("rate", true, Math.Max(Mean(x), double.Epsilon))], v => new Poisson(v[0]), null, closed: true);
    }

    /// <summary>Bernoulli: the fraction of ones.</summary>
    public static FitResult<Bernoulli> FitBernoulli(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(Bernoulli), v => v is 0 or 1, "0 or 1");
        return Fit(x, [new("p", false, Mean(x), Smooth: Mean(x) is > 0 and < 1)], v => new Bernoulli(v[0]), null, closed: true);
    }

    /// <summary>Binomial with a known number of trials n: p = mean / n.</summary>
    public static FitResult<Binomial> FitBinomial(IReadOnlyList<double> data, long n)
    {
        var x = Checked(data, nameof(Binomial), v => v >= 0 && v <= n && v == Math.Floor(v), $"whole numbers in [0, {n}]");
        double p = Mean(x) / n;
        return Fit(x, [new("n", false, n, Smooth: false), new("p", false, p, Smooth: p is > 0 and < 1)], v => new Binomial((long)v[0], v[1]),
            new Dictionary<string, double> { ["n"] = n }, closed: true);
    }

    /// <summary>Geometric: p = 1/mean (trials) or 1/(mean + 1) (failures).</summary>
    public static FitResult<Geometric> FitGeometric(IReadOnlyList<double> data, GeometricConvention convention = GeometricConvention.Trials)
    {
        double shift = convention == GeometricConvention.Trials ? 1 : 0;
        var x = Checked(data, nameof(Geometric), v => v >= shift && v == Math.Floor(v), $"whole numbers >= {shift}");
        double p = 1 / (Mean(x) - shift + 1);
        return Fit(x, [new("p", false, p, Smooth: p < 1)], v => new Geometric(v[0], convention), null, closed: true);
    }

    /// <summary>DiscreteUniform: the sample minimum and maximum (no standard errors: the likelihood jumps there).</summary>
    public static FitResult<DiscreteUniform> FitDiscreteUniform(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(DiscreteUniform), v => v == Math.Floor(v) && Math.Abs(v) < 9e15, "whole numbers");
        return Fit(x, [new("low", false, x.Min(), Smooth: false), new("high", false, x.Max(), Smooth: false)],
            v => new DiscreteUniform((long)v[0], (long)v[1]), null, closed: true);
    }

    /// <summary>
    /// Categorical over 0..categories-1: the observed frequencies. The parameters are named p0, p1, ...;
    /// their standard errors are the binomial √(p(1-p)/n).
    /// </summary>
    public static FitResult<Categorical> FitCategorical(IReadOnlyList<double> data, int categories)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(categories, 1);
        var x = Checked(data, nameof(Categorical), v => v >= 0 && v < categories && v == Math.Floor(v), $"whole numbers in [0, {categories - 1}]");
        var counts = new double[categories];
        foreach (double v in x) counts[(int)v]++;
        var p = counts.Select(c => c / x.Length).ToArray();
        var distribution = new Categorical(p);
        return new FitResult<Categorical>
        {
            Distribution = distribution,
            Parameters = p.Select((q, k) => new FittedParameter($"p{k}", q, Math.Sqrt(q * (1 - q) / x.Length), false)).ToArray(),
            LogLikelihood = x.Sum(v => distribution.LogPmf(v)), Observations = x.Length, Converged = true, Method = "closed form",
        };
    }

    /// <summary>Gamma (shape, rate): numerical, from Minka's closed-form approximation of the shape.</summary>
    public static FitResult<Gamma> FitGamma(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Gamma), v => v > 0, "x > 0");
        double mean = Mean(x), s = Math.Log(mean) - x.Average(v => Math.Log(v));
        double shape = s > 0 ? (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s) : 1;
        return Numerical(x, [new("shape", true, shape), new("rate", true, shape / mean)], v => new Gamma(v[0], v[1]), fixedValues,
            Tensorised(x, p => new Gamma<double>(p[0], p[1])));
    }

    /// <summary>Beta: numerical, from the method of moments.</summary>
    public static FitResult<Beta> FitBeta(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Beta), v => v > 0 && v < 1, "0 < x < 1");
        double m = Mean(x), v = CentralSquares(x, m) / x.Length, common = v > 0 ? m * (1 - m) / v - 1 : 2;
        if (!(common > 0)) common = 1;
        return Numerical(x, [new("alpha", true, m * common), new("beta", true, (1 - m) * common)], p => new Beta(p[0], p[1]), fixedValues,
            Tensorised(x, p => new Beta<double>(p[0], p[1])));
    }

    /// <summary>ChiSquared: numerical in the degrees of freedom, from the mean.</summary>
    public static FitResult<ChiSquared> FitChiSquared(IReadOnlyList<double> data)
    {
        var x = Checked(data, nameof(ChiSquared), v => v > 0, "x > 0");
        return Numerical(x, [new("dof", true, Mean(x))], v => new ChiSquared(v[0]), null, Tensorised(x, p => new ChiSquared<double>(p[0])));
    }

    /// <summary>StudentT (dof, loc, scale): numerical, from the median, the scaled MAD and 5 degrees of freedom.</summary>
    public static FitResult<StudentT> FitStudentT(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(StudentT));
        double median = Median(x), mad = Median(x.Select(v => Math.Abs(v - median)).ToArray());
        return Numerical(x, [new("dof", true, 5), new("loc", false, median), new("scale", true, Math.Max(1.4826 * mad, 1e-300))],
            v => new StudentT(v[0], v[1], v[2]), fixedValues, Tensorised(x, p => new StudentT<double>(p[0], p[1], p[2])));
    }

    /// <summary>Cauchy: numerical, from the median and half the interquartile range.</summary>
    public static FitResult<Cauchy> FitCauchy(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Cauchy));
        var sorted = x.Order().ToArray();
        double iqr = sorted[(int)(0.75 * (sorted.Length - 1))] - sorted[(int)(0.25 * (sorted.Length - 1))];
        return Numerical(x, [new("loc", false, Median(x)), new("scale", true, Math.Max(iqr / 2, 1e-300))], v => new Cauchy(v[0], v[1]), fixedValues,
            Tensorised(x, p => new Cauchy<double>(p[0], p[1])));
    }

    /// <summary>Logistic: numerical, from the mean and √3 sd / π.</summary>
    public static FitResult<Logistic> FitLogistic(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Logistic));
        double m = Mean(x), sd = Math.Sqrt(CentralSquares(x, m) / x.Length);
        return Numerical(x, [new("loc", false, m), new("scale", true, Math.Max(sd * Math.Sqrt(3) / Math.PI, 1e-300))], v => new Logistic(v[0], v[1]), fixedValues,
            Tensorised(x, p => new Logistic<double>(p[0], p[1])));
    }

    /// <summary>Gumbel: numerical, from the moments.</summary>
    public static FitResult<Gumbel> FitGumbel(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Gumbel));
        double m = Mean(x), scale = Math.Max(Math.Sqrt(6 * CentralSquares(x, m) / x.Length) / Math.PI, 1e-300);
        return Numerical(x, [new("loc", false, m - 0.5772156649015329 * scale), new("scale", true, scale)], v => new Gumbel(v[0], v[1]), fixedValues,
            Tensorised(x, p => new Gumbel<double>(p[0], p[1])));
    }

    /// <summary>Weibull (shape, scale): numerical, from 1.2 / sd(log x).</summary>
    public static FitResult<Weibull> FitWeibull(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(Weibull), v => v > 0, "x > 0");
        var logs = x.Select(v => Math.Log(v)).ToArray();
        double sdLog = Math.Sqrt(CentralSquares(logs, Mean(logs)) / x.Length);
        return Numerical(x, [new("shape", true, sdLog > 0 ? 1.2 / sdLog : 1), new("scale", true, Mean(x))], v => new Weibull(v[0], v[1]), fixedValues,
            Tensorised(x, p => new Weibull<double>(p[0], p[1])));
    }

    /// <summary>F: numerical, d2 from the mean when it exceeds 1.</summary>
    public static FitResult<FDistribution> FitF(IReadOnlyList<double> data)
    {
        var x = Checked(data, "F", v => v > 0, "x > 0");
        double m = Mean(x), d2 = m > 1.05 ? 2 * m / (m - 1) : 20;
        return Numerical(x, [new("dof1", true, 5), new("dof2", true, d2)], v => new FDistribution(v[0], v[1]), null,
            Tensorised(x, p => new FDistribution<double>(p[0], p[1])));
    }

    /// <summary>InverseGamma (shape, scale): numerical, from the gamma fit of 1/x.</summary>
    public static FitResult<InverseGamma> FitInverseGamma(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(InverseGamma), v => v > 0, "x > 0");
        var inverse = x.Select(v => 1 / v).ToArray();
        double mean = Mean(inverse), s = Math.Log(mean) - inverse.Average(v => Math.Log(v));
        double shape = s > 0 ? (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s) : 1;
        return Numerical(x, [new("shape", true, shape), new("scale", true, shape / mean)], v => new InverseGamma(v[0], v[1]), fixedValues,
            Tensorised(x, p => new InverseGamma<double>(p[0], p[1])));
    }

    /// <summary>NegativeBinomial (r, p): numerical, from the method of moments (r = 10 when the data are not overdispersed).</summary>
    public static FitResult<NegativeBinomial> FitNegativeBinomial(IReadOnlyList<double> data, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var x = Checked(data, nameof(NegativeBinomial), v => v >= 0 && v == Math.Floor(v), "whole numbers >= 0");
        double m = Mean(x), v = CentralSquares(x, m) / x.Length;
        double r = v > m && m > 0 ? m * m / (v - m) : 10, p = r / (r + m);
        return Numerical(x, [new("r", true, r), new("p", false, p)], q => new NegativeBinomial(q[0], q[1]), fixedValues,
            Tensorised(x, q => new NegativeBinomial<double>(q[0], q[1])));
    }

    /// <summary>A closed-form estimate when nothing is fixed; otherwise the numerical fit started there.</summary>
    private static FitResult<T> Fit<T>(double[] x, Spec[] specs, Func<double[], T> make, IReadOnlyDictionary<string, double>? fixedValues, bool closed,
        TensorLogLikelihood? tensorLogLikelihood = null)
        where T : UnivariateDistribution
    {
        var free = specs.Select(s => fixedValues is null || !fixedValues.ContainsKey(s.Name)).ToArray();
        bool anyFixedThatMatters = fixedValues is not null && fixedValues.Keys.Any(k => k != "n");
        if (closed && !anyFixedThatMatters)
            return Report(x, specs, specs.Select(s => fixedValues?.GetValueOrDefault(s.Name, s.Start) ?? s.Start).ToArray(), free, make, true, "closed form", 0, tensorLogLikelihood);
        return Numerical(x, specs, make, fixedValues, tensorLogLikelihood);
    }

    /// <summary>The summed log-likelihood through a batched distribution's recorded LogProb (gradients and Hessians by autodiff).</summary>
    private static TensorLogLikelihood Tensorised(double[] data, Func<Tensor<double>[], TensorDistribution<double>> make)
    {
        var values = Tensor.FromArray(data);
        return parameters => make(parameters).LogProb(values).Sum();
    }

    private static double Mean(double[] x)
    {
        double sum = 0;
        foreach (double v in x) sum += v;
        double mean = sum / x.Length, correction = 0;
        foreach (double v in x) correction += v - mean;
        return mean + correction / x.Length; // one refinement pass: the mean to full precision
    }

    private static double CentralSquares(double[] x, double center)
    {
        double sum = 0;
        foreach (double v in x) sum += (v - center) * (v - center);
        return sum;
    }

    private static double Median(double[] x)
    {
        var sorted = x.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
