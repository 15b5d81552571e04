using DeepMath.Tensors;

namespace DeepMath.Optimization.Minimizers;

/// <summary>One minimization in progress: counts evaluations against the cap, keeps the path, builds the result.</summary>
internal sealed class MinimizationRun
{
    private readonly Objective _objective;
    private readonly string _method;
    private readonly List<Tensor<double>>? _path;
    private readonly int _maxEvaluations;

    public MinimizationRun(Objective objective, string method, double[] start, MinimizeOptions options, int iterationCap)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        options.Validate();
        if (start.Length == 0) throw new ArgumentException("The starting point is empty: a minimizer needs at least one variable.", nameof(start));
        if (!ArrayMath.AllFinite(start)) throw new ArgumentException("The starting point has NaN or infinite entries.", nameof(start));
        _objective = objective;
        _method = method;
        _maxEvaluations = options.Evaluations(iterationCap);
        if (options.RecordPath) _path = [Tensor.FromArray((double[])start.Clone())];
    }

    public int FunctionEvaluations { get; private set; }

    public int GradientEvaluations { get; private set; }

    public int HessianVectorProducts { get; private set; }

    public bool EvaluationsExhausted => FunctionEvaluations >= _maxEvaluations;

    public int MaxEvaluations => _maxEvaluations;

    /// <summary>f(x); NaN becomes +inf so that every comparison treats it as "worse".</summary>
    public double Value(double[] x)
    {
        FunctionEvaluations++;
        double v = _objective.Value(x);
        return double.IsNaN(v) ? double.PositiveInfinity : v;
    }

    public (double Value, double[] Gradient) ValueAndGradient(double[] x)
    {
        FunctionEvaluations++;
        GradientEvaluations++;
        var (v, g) = _objective.ValueAndGradient(x, out int extra);
        FunctionEvaluations += extra;
        return (double.IsNaN(v) ? double.PositiveInfinity : v, g);
    }

    public double[] HessianVector(double[] x, double[] v)
    {
        HessianVectorProducts++;
        var hv = _objective.HessianVector(x, v, out int extra);
        FunctionEvaluations += extra;
        return hv;
    }

    public void Record(double[] x) => _path?.Add(Tensor.FromArray((double[])x.Clone()));

    public MinimizeResult Finish(double[] x, double f, double[]? gradient, int iterations, StopReason reason, string message, double gradientNorm = double.NaN)
        => new()
        {
            Method = _method,
            Solution = Tensor.FromArray((double[])x.Clone()),
            Value = f,
            Gradient = gradient is null ? null : Tensor.FromArray((double[])gradient.Clone()),
            GradientNorm = gradient is null ? gradientNorm : double.IsNaN(gradientNorm) ? ArrayMath.MaxAbs(gradient) : gradientNorm,
            Iterations = iterations,
            FunctionEvaluations = FunctionEvaluations,
            GradientEvaluations = GradientEvaluations,
            HessianVectorProducts = HessianVectorProducts,
            Reason = reason,
            Message = message,
            Path = _path is null ? [] : _path.ToArray(),
        };

    public static string CapMessage(StopReason reason, int cap) => reason switch
    {
        StopReason.MaxIterations => $"the iteration cap ({cap}) was reached",
        _ => $"the cap on function evaluations ({cap}) was reached",
    };
}
