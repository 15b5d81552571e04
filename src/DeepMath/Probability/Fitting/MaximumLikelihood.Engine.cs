using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Optimization.Minimizers;
using DeepMath.Probability.Distributions;
using DeepMath.Tensors;

namespace DeepMath.Probability.Fitting;

public static partial class MaximumLikelihood
{
    /// <summary>The summed log-likelihood of the data as recorded tensor ops of the natural parameters (0-d tensors, constructor order).</summary>
    private delegate Tensor<double> TensorLogLikelihood(Tensor<double>[] parameters);

    /// <summary>A parameter: its name, whether it must be positive (fitted in log space), its start, and whether the likelihood is smooth in it.</summary>
    private sealed record Spec(string Name, bool Positive, double Start, bool Smooth = true);

    private static double[] Checked(IReadOnlyList<double> data, string distribution, Func<double, bool>? inSupport = null, string? support = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException($"Fitting {distribution}: data is empty.", nameof(data));
        var x = new double[data.Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = data[i];
            if (!double.IsFinite(x[i])) throw new ArgumentException($"Fitting {distribution}: data[{i}] = {x[i]} is not finite.", nameof(data));
            if (inSupport is not null && !inSupport(x[i])) throw new ArgumentException($"Fitting {distribution}: data[{i}] = {x[i]} is outside the support ({support}).", nameof(data));
        }
        return x;
    }

    private static double LogLikelihood(UnivariateDistribution d, double[] data)
    {
        double sum = 0, c = 0;
        foreach (double x in data)
        {
            double term = d is ContinuousDistribution cd ? cd.LogPdf(x) : ((DiscreteDistribution)d).LogPmf(x);
            double y = term - c, t = sum + y;
            c = t - sum - y;
            sum = t;
        }
        return sum;
    }

    /// <summary>
    /// Maximizes the likelihood over the free parameters (positive ones in log space) with L-BFGS on the
    /// mean negative log-likelihood, from a method-of-moments start, then reports the fit.
    /// </summary>
    private static FitResult<T> Numerical<T>(double[] data, Spec[] specs, Func<double[], T> make, IReadOnlyDictionary<string, double>? fixedValues,
        TensorLogLikelihood? tensorLogLikelihood = null)
        where T : UnivariateDistribution
    {
        var (values, free) = Apply(specs, fixedValues, typeof(T).Name);
        var freeIndex = Enumerable.Range(0, specs.Length).Where(i => free[i]).ToArray();
        double[] ToNatural(double[] u)
        {
            var v = (double[])values.Clone();
            for (int j = 0; j < freeIndex.Length; j++) v[freeIndex[j]] = specs[freeIndex[j]].Positive ? Math.Exp(u[j]) : u[j];
            return v;
        }
        double MeanNll(double[] u)
        {
            T d;
            try { d = make(ToNatural(u)); }
            catch (ArgumentException) { return double.PositiveInfinity; }
            double ll = LogLikelihood(d, data);
            return double.IsNaN(ll) ? double.PositiveInfinity : -ll / data.Length;
        }
        var start = freeIndex.Select(i => specs[i].Positive ? Math.Log(values[i]) : values[i]).ToArray();
        if (freeIndex.Length == 0) return Report(data, specs, values, free, make, true, "fixed", 0, tensorLogLikelihood);
        if (tensorLogLikelihood is not null)
        {
            // Autodiff: the log-likelihood as recorded tensor ops of the unconstrained parameters.
            Tensor<double> MeanNllTensor(Tensor<double> u)
            {
                var natural = new Tensor<double>[specs.Length];
                for (int i = 0, j = 0; i < specs.Length; i++)
                {
                    if (!free[i]) { natural[i] = Tensor.Scalar(values[i]); continue; }
                    var ui = u.Select(0, j++);
                    natural[i] = specs[i].Positive ? ui.Exp() : ui;
                }
                return -tensorLogLikelihood(natural) / (double)data.Length;
            }
            var valueAndGradient = Derivatives.ValueAndGrad<double>(MeanNllTensor);
            var objective = Objective.FromFunctions(MeanNll, u =>
            {
                try
                {
                    var gradient = valueAndGradient(Tensor.FromArray(u)).Gradient.Contiguous().ToArray();
                    return gradient;
                }
                catch (ArgumentException)
                {
                    return Enumerable.Repeat(double.NaN, u.Length).ToArray(); // outside the parameter space: the line search backs off
                }
            });
            var run = Minimize.LBfgs(objective, start, new MinimizeOptions { GradientTolerance = 1e-10, MaxIterations = 2000 });
            var (point, done) = NewtonPolish(MeanNll, run.Solution.Contiguous().ToArray(), MeanNllTensor);
            var fitted = ToNatural(point);
            return Report(data, specs, fitted, free, make, done || run.Converged, "L-BFGS + Newton (autodiff)", run.Iterations, tensorLogLikelihood);
        }
        var result = Minimize.LBfgs(Objective.FromFunctions(MeanNll), start, new MinimizeOptions { GradientTolerance = 1e-9, MaxIterations = 2000 });
        var (solution, polished) = NewtonPolish(MeanNll, result.Solution.Contiguous().ToArray());
        var estimate = ToNatural(solution);
        bool converged = polished || result.Converged;
        return Report(data, specs, estimate, free, make, converged, "L-BFGS + Newton (numerical derivatives)", result.Iterations);
    }

    /// <summary>
    /// Newton steps on the unconstrained objective with adaptive numerical derivatives (Ridders
    /// extrapolation): L-BFGS on central differences stops within about 1e-6 of the optimum where the
    /// likelihood is flat; two or three Newton steps reach the rounding level. Reports whether the last
    /// step was below 1e-10 relative.
    /// </summary>
    private static (double[] Solution, bool Converged) NewtonPolish(Func<double[], double> f, double[] x, Func<Tensor<double>, Tensor<double>>? tensorF = null)
    {
        double fx = f(x);
        for (int iteration = 0; iteration < 8; iteration++)
        {
            double[] gradient;
            double[,] hessian;
            if (tensorF is not null)
            {
                try
                {
                    gradient = Derivatives.Grad(tensorF)(Tensor.FromArray(x)).Contiguous().ToArray();
                    hessian = ToMatrix(Derivatives.Hessian(tensorF, Tensor.FromArray(x)), x.Length);
                }
                catch (ArgumentException)
                {
                    return (x, false);
                }
            }
            else
            {
                gradient = NumericalDerivative.Gradient(f, x).Values;
                hessian = NumericalDerivative.Hessian(f, x).Values;
            }
            var inverse = Invert(hessian);
            if (inverse is null) return (x, false);
            int n = x.Length;
            var step = new double[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) step[i] -= inverse[i, j] * gradient[j];
            if (step.Zip(gradient).Sum(p => p.First * p.Second) >= 0) return (x, false); // not a descent direction: not a minimum's basin
            double scale = 1;
            double[] next;
            double fNext;
            do
            {
                next = x.Select((v, i) => v + scale * step[i]).ToArray();
                fNext = f(next);
                scale /= 2;
            }
            while (!(fNext <= fx) && scale > 1e-6);
            if (!(fNext <= fx)) return (x, step.Select((v, i) => Math.Abs(v) <= 1e-8 * Math.Max(1, Math.Abs(x[i]))).All(b => b));
            bool small = step.Select((v, i) => Math.Abs(scale * 2 * v) <= 1e-10 * Math.Max(1, Math.Abs(x[i]))).All(b => b);
            x = next;
            fx = fNext;
            if (small) return (x, true);
        }
        return (x, false);
    }

    private static double[,] ToMatrix(Tensor<double> square, int n)
    {
        var flat = square.Contiguous().ToArray();
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = flat[i * n + j];
        return m;
    }

    private static (double[] Values, bool[] Free) Apply(Spec[] specs, IReadOnlyDictionary<string, double>? fixedValues, string distribution)
    {
        var values = specs.Select(s => s.Start).ToArray();
        var free = specs.Select(_ => true).ToArray();
        if (fixedValues is null) return (values, free);
        foreach (var (name, value) in fixedValues)
        {
            int i = Array.FindIndex(specs, s => s.Name == name);
            if (i < 0) throw new ArgumentException($"Fitting {distribution}: there is no parameter '{name}' to fix; the parameters are {string.Join(", ", specs.Select(s => s.Name))}.", nameof(fixedValues));
            values[i] = value;
            free[i] = false;
        }
        return (values, free);
    }

    /// <summary>The fit report: log-likelihood and standard errors from the observed information (a numerical Hessian of the log-likelihood in the natural parameters).</summary>
    private static FitResult<T> Report<T>(double[] data, Spec[] specs, double[] estimate, bool[] free, Func<double[], T> make, bool converged, string method, int iterations,
        TensorLogLikelihood? tensorLogLikelihood = null)
        where T : UnivariateDistribution
    {
        var distribution = make(estimate);
        double ll = LogLikelihood(distribution, data);
        var smoothFree = Enumerable.Range(0, specs.Length).Where(i => free[i] && specs[i].Smooth).ToArray();
        var errors = Enumerable.Repeat(double.NaN, specs.Length).ToArray();
        if (smoothFree.Length > 0)
        {
            double Nll(double[] v)
            {
                var full = (double[])estimate.Clone();
                for (int j = 0; j < smoothFree.Length; j++) full[smoothFree[j]] = v[j];
                try { return -LogLikelihood(make(full), data); }
                catch (ArgumentException) { return double.NaN; }
            }
            var point = smoothFree.Select(i => estimate[i]).ToArray();
            Tensor<double> NllTensor(Tensor<double> v)
            {
                var natural = estimate.Select(e => Tensor.Scalar(e)).ToArray();
                for (int j = 0; j < smoothFree.Length; j++) natural[smoothFree[j]] = v.Select(0, j);
                return -tensorLogLikelihood!(natural);
            }
            try
            {
                // The observed information: the autodiff Hessian when the log-likelihood is a tensor function, Ridders differences otherwise.
                var hessian = tensorLogLikelihood is not null
                    ? ToMatrix(Derivatives.Hessian<double>(NllTensor, Tensor.FromArray(point)), point.Length)
                    : NumericalDerivative.Hessian(Nll, point).Values;
                var covariance = Invert(hessian);
                if (covariance is not null)
                    for (int j = 0; j < smoothFree.Length; j++) errors[smoothFree[j]] = covariance[j, j] >= 0 ? Math.Sqrt(covariance[j, j]) : double.NaN;
            }
            catch (ArgumentException)
            {
                // The estimate sits at the edge of the parameter space (a step leaves it): no standard errors.
            }
        }
        var parameters = specs.Select((s, i) => new FittedParameter(s.Name, estimate[i], free[i] ? errors[i] : double.NaN, !free[i])).ToArray();
        return new FitResult<T>
        {
            Distribution = distribution, Parameters = parameters, LogLikelihood = ll, Observations = data.Length,
            Converged = converged, Method = method, Iterations = iterations,
        };
    }

    /// <summary>The inverse of a small matrix by the library's LU with partial pivoting; null when singular or not finite.</summary>
    private static double[,]? Invert(double[,] a)
    {
        int n = a.GetLength(0);
        foreach (double v in a) if (!double.IsFinite(v)) return null;
        try
        {
            return ToMatrix(new LuDecomposition<double>(Tensor.FromArray(a)).Solve(Tensor.Eye<double>(n)), n);
        }
        catch (InvalidOperationException)
        {
            return null; // singular: no standard errors
        }
    }
}
