using DeepMath.Calculus;
using DeepMath.Optimization.Minimizers;
using DeepMath.Probability.Distributions;
using DeepMath.Tensors;

namespace DeepMath.Probability.Fitting;

public static partial class MaximumLikelihood
{
    /// <summary>
    /// MultivariateNormal from rows of observations: the sample mean and the covariance with divisor n
    /// (the MLE). Standard errors: √(Σ_ii / n) for the means; the covariance entries report none (NaN).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer rows than columns + 1, a value that is not finite, or a singular sample covariance.</exception>
    public static MultivariateFitResult<MultivariateNormal> FitMultivariateNormal(double[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.GetLength(0), d = data.GetLength(1);
        if (d == 0 || n <= d) throw new ArgumentException($"Fitting MultivariateNormal: {n} rows of {d} columns; a nonsingular covariance needs more rows than columns.", nameof(data));
        var mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(data[i, j])) throw new ArgumentException($"Fitting MultivariateNormal: data[{i}, {j}] = {data[i, j]} is not finite.", nameof(data));
                mean[j] += data[i, j];
            }
        for (int j = 0; j < d; j++) mean[j] /= n;
        var covariance = new double[d, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k <= j; k++) covariance[j, k] += (data[i, j] - mean[j]) * (data[i, k] - mean[k]);
        for (int j = 0; j < d; j++)
            for (int k = 0; k <= j; k++) covariance[k, j] = covariance[j, k] /= n;
        MultivariateNormal fitted;
        try { fitted = MultivariateNormal.FromCovariance(mean, covariance); }
        catch (ArgumentException e) { throw new ArgumentException($"Fitting MultivariateNormal: the sample covariance is singular ({e.Message})", nameof(data), e); }
        double ll = 0;
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) row[j] = data[i, j];
            ll += fitted.LogPdf(row);
        }
        var parameters = new List<FittedParameter>();
        for (int j = 0; j < d; j++) parameters.Add(new FittedParameter($"mean[{j}]", mean[j], Math.Sqrt(covariance[j, j] / n), false));
        for (int j = 0; j < d; j++)
            for (int k = 0; k <= j; k++) parameters.Add(new FittedParameter($"covariance[{j},{k}]", covariance[j, k], double.NaN, false));
        return new MultivariateFitResult<MultivariateNormal>
        {
            Distribution = fitted, Parameters = parameters, LogLikelihood = ll, Observations = n, FreeParameters = d + d * (d + 1) / 2,
            Converged = true, Method = "closed form",
        };
    }

    /// <summary>
    /// Dirichlet from rows of points on the simplex: L-BFGS then Newton on log α with autodiff through
    /// the batched log-density, started by the method of moments; standard errors from the autodiff
    /// Hessian of the log-likelihood.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two columns, no rows, or a row with an entry outside (0, 1) or not summing to 1 within 1e-8.</exception>
    public static MultivariateFitResult<Dirichlet> FitDirichlet(double[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.GetLength(0), k = data.GetLength(1);
        if (n == 0 || k < 2) throw new ArgumentException($"Fitting Dirichlet: {n} rows of {k} columns; need rows of at least 2 proportions.", nameof(data));
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                if (!(data[i, j] > 0 && data[i, j] < 1)) throw new ArgumentException($"Fitting Dirichlet: data[{i}, {j}] = {data[i, j]} is outside (0, 1).", nameof(data));
                sum += data[i, j];
            }
            if (Math.Abs(sum - 1) > 1e-8) throw new ArgumentException($"Fitting Dirichlet: row {i} sums to {sum:R}, not 1.", nameof(data));
        }
        var values = Tensor.FromArray(data);
        Tensor<double> MeanNll(Tensor<double> logAlpha) => -new Dirichlet<double>(logAlpha.Exp()).LogProb(values).Sum() / (double)n;
        // Start: the moments of the first coordinate give α₀; the means give α = m α₀.
        var means = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n).Average(i => data[i, j])).ToArray();
        double v0 = Enumerable.Range(0, n).Average(i => (data[i, 0] - means[0]) * (data[i, 0] - means[0]));
        double total = v0 > 0 ? Math.Max(means[0] * (1 - means[0]) / v0 - 1, 0.1) : 10;
        var start = means.Select(m => Math.Log(m * total)).ToArray();
        double Value(double[] u)
        {
            try { return MeanNll(Tensor.FromArray(u)).ToArray()[0]; }
            catch (ArgumentException) { return double.PositiveInfinity; }
        }
        var valueAndGradient = Derivatives.ValueAndGrad<double>(MeanNll);
        var objective = Objective.FromFunctions(Value, u =>
        {
            try { return valueAndGradient(Tensor.FromArray(u)).Gradient.Contiguous().ToArray(); }
            catch (ArgumentException) { return Enumerable.Repeat(double.NaN, u.Length).ToArray(); }
        });
        var run = Minimize.LBfgs(objective, start, new MinimizeOptions { GradientTolerance = 1e-10, MaxIterations = 2000 });
        var (point, polished) = NewtonPolish(Value, run.Solution.Contiguous().ToArray(), MeanNll);
        var alpha = point.Select(Math.Exp).ToArray();
        var fitted = new Dirichlet(alpha);
        double ll = -n * Value(point);
        // The observed information in α itself.
        var hessian = ToMatrix(Derivatives.Hessian<double>(a => -new Dirichlet<double>(a).LogProb(values).Sum(), Tensor.FromArray(alpha)), k);
        var covariance = Invert(hessian);
        var parameters = alpha.Select((a, j) => new FittedParameter($"alpha[{j}]", a, covariance is not null && covariance[j, j] >= 0 ? Math.Sqrt(covariance[j, j]) : double.NaN, false)).ToArray();
        return new MultivariateFitResult<Dirichlet>
        {
            Distribution = fitted, Parameters = parameters, LogLikelihood = ll, Observations = n, FreeParameters = k,
            Converged = polished || run.Converged, Method = "L-BFGS + Newton (autodiff)",
        };
    }

    /// <summary>Multinomial with known trials per row: p = column totals / (rows · trials); standard errors √(p(1-p)/(rows · trials)).</summary>
    /// <exception cref="ArgumentException">A count that is not a whole number >= 0, or a row that does not sum to the trials.</exception>
    public static MultivariateFitResult<Multinomial> FitMultinomial(double[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0), k = counts.GetLength(1);
        if (n == 0 || k == 0) throw new ArgumentException("Fitting Multinomial: counts is empty.", nameof(counts));
        double trials = -1;
        var totals = new double[k];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                double c = counts[i, j];
                if (!(c >= 0) || c != Math.Floor(c) || double.IsInfinity(c)) throw new ArgumentException($"Fitting Multinomial: counts[{i}, {j}] = {c} is not a whole number >= 0.", nameof(counts));
                sum += c;
                totals[j] += c;
            }
            if (trials < 0) trials = sum;
            else if (sum != trials) throw new ArgumentException($"Fitting Multinomial: row {i} has {sum} trials but row 0 has {trials}.", nameof(counts));
        }
        if (!(trials > 0)) throw new ArgumentException("Fitting Multinomial: the rows hold no trials.", nameof(counts));
        double all = n * trials;
        var p = totals.Select(t => t / all).ToArray();
        var fitted = new Multinomial((long)trials, p);
        double ll = 0;
        var row = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) row[j] = counts[i, j];
            ll += fitted.LogPmf(row);
        }
        return new MultivariateFitResult<Multinomial>
        {
            Distribution = fitted, Parameters = p.Select((q, j) => new FittedParameter($"p[{j}]", q, Math.Sqrt(q * (1 - q) / all), false)).ToArray(),
            LogLikelihood = ll, Observations = n, FreeParameters = k - 1, Converged = true, Method = "closed form",
        };
    }
}
