using System.Numerics;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// L-BFGS for training networks (torch.optim.LBFGS with line_search_fn = "strong_wolfe"): meant for
/// full-batch training of small models. Each <see cref="Step(Func{double})"/> runs up to
/// <see cref="MaxIterations"/> quasi-Newton iterations over all parameters as one vector: the two-loop
/// recursion over the last <see cref="History"/> correction pairs, scaled by s·y / y·y, then the
/// Moré-Thuente strong Wolfe search (starting at the learning rate, or min(1, 1/|g|₁) times it for the
/// very first iteration). The correction pairs are optimizer state, saved in checkpoints.
/// </summary>
/// <typeparam name="T">float or double; the search itself runs in double.</typeparam>
public sealed class LBfgs<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer (learning rate 1 is the usual choice: it scales the first trial step).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public LBfgs(IEnumerable<Tensor<T>> parameters, double learningRate = 1, int maxIterations = 20, int history = 10,
        double gradientTolerance = 1e-7, double changeTolerance = 1e-9)
        : base(parameters, learningRate, 0)
    {
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
        if (history < 1) throw new ArgumentOutOfRangeException(nameof(history), history, "history must be at least 1.");
        if (!(gradientTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(gradientTolerance), gradientTolerance, "gradientTolerance must be at least 0.");
        if (!(changeTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(changeTolerance), changeTolerance, "changeTolerance must be at least 0.");
        MaxIterations = maxIterations;
        History = history;
        GradientTolerance = gradientTolerance;
        ChangeTolerance = changeTolerance;
    }

    /// <summary>Quasi-Newton iterations per step.</summary>
    public int MaxIterations { get; }

    /// <summary>Correction pairs kept.</summary>
    public int History { get; }

    /// <summary>A step ends when the largest gradient component is at most this.</summary>
    public double GradientTolerance { get; }

    /// <summary>A step ends when the loss or the parameters change by at most this.</summary>
    public double ChangeTolerance { get; }

    /// <inheritdoc/>
    public override string Name => "lbfgs";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].LearningRate, ["max_iterations"] = MaxIterations, ["history"] = History,
        ["gradient_tolerance"] = GradientTolerance, ["change_tolerance"] = ChangeTolerance,
    };

    /// <inheritdoc/>
    public override bool RequiresClosure => true;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Always: L-BFGS re-evaluates the loss; call <see cref="Step(Func{double})"/>.</exception>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
        => throw new InvalidOperationException("L-BFGS re-evaluates the loss during its line search: call Step(closure), not Step().");

    /// <inheritdoc/>
    public override double Step(Func<double> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        StepCount++;
        var parameters = Parameters().ToList();
        double Evaluate(double[] x, out double[] g)
        {
            Write(parameters, x);
            double value = closure();
            g = Gradient(parameters);
            return value;
        }
        var x = Read(parameters);
        double loss = Evaluate(x, out var gradient), initialLoss = loss;
        if (!(ArrayMath.MaxAbs(gradient) > GradientTolerance)) return initialLoss;
        var objective = Objective.FromValueAndGradient(p => (Evaluate(p, out var g), g));
        var run = new MinimizationRun(objective, "L-BFGS", x, new MinimizeOptions(), MaxIterations);
        var pairs = LoadPairs();
        double lr = Groups[0].LearningRate;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var d = TwoLoopRecursion.Direction(gradient, pairs.S, pairs.Y);
            double slope = ArrayMath.Dot(gradient, d);
            if (!(slope < -ChangeTolerance)) break;
            double initial = pairs.S.Count == 0 ? Math.Min(1, 1 / ArrayMath.SumAbs(gradient)) * lr : lr;
            var point = StrongWolfeLineSearch.Search(run, x, loss, gradient, d, initial, 1e-4, 0.9, maxEvaluations: 25);
            if (point is not { } p) break;
            var s = ArrayMath.Subtract(p.X, x);
            var y = ArrayMath.Subtract(p.Gradient, gradient);
            if (ArrayMath.Dot(s, y) > 1e-10)
            {
                if (pairs.S.Count == History) { pairs.S.RemoveAt(0); pairs.Y.RemoveAt(0); }
                pairs.S.Add(s);
                pairs.Y.Add(y);
            }
            double previous = loss;
            (x, loss, gradient) = (p.X, p.Value, p.Gradient);
            if (ArrayMath.MaxAbs(gradient) <= GradientTolerance || ArrayMath.MaxAbs(s) <= ChangeTolerance || Math.Abs(loss - previous) < ChangeTolerance) break;
        }
        Write(parameters, x);
        SavePairs(parameters, pairs);
        for (int i = 0; i < parameters.Count; i++) CountParameterUpdate(parameters[i].Group, parameters[i].Index);
        return initialLoss;
    }

    private IEnumerable<(Tensor<T> Tensor, int Group, int Index)> Parameters()
    {
        for (int g = 0; g < Groups.Count; g++)
            for (int i = 0; i < Groups[g].Parameters.Count; i++) yield return (Groups[g].Parameters[i], g, i);
    }

    private static double[] Read(List<(Tensor<T> Tensor, int Group, int Index)> parameters)
    {
        var x = new double[parameters.Sum(p => p.Tensor.Length)];
        int offset = 0;
        foreach (var (p, _, _) in parameters)
        {
            if (!p.IsContiguous) throw new InvalidOperationException($"A parameter of shape {p.Shape} is not contiguous; optimizers update parameters in place.");
            foreach (var v in p.AsSpan()) x[offset++] = double.CreateTruncating(v);
        }
        return x;
    }

    private static void Write(List<(Tensor<T> Tensor, int Group, int Index)> parameters, double[] x)
    {
        int offset = 0;
        foreach (var (p, _, _) in parameters)
        {
            var span = p.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = T.CreateTruncating(x[offset++]);
        }
    }

    private static double[] Gradient(List<(Tensor<T> Tensor, int Group, int Index)> parameters)
    {
        var g = new double[parameters.Sum(p => p.Tensor.Length)];
        int offset = 0;
        foreach (var (p, _, _) in parameters)
        {
            if (p.Grad is { } grad) foreach (var v in grad.Detach().Contiguous().AsSpan()) g[offset++] = double.CreateTruncating(v);
            else offset += p.Length;
        }
        return g;
    }

    /// <summary>The correction pairs from the state buffers "s0", "y0", ... (oldest first), one slice per parameter.</summary>
    private (List<double[]> S, List<double[]> Y) LoadPairs()
    {
        var parameters = Parameters().ToList();
        int length = parameters.Sum(p => p.Tensor.Length);
        var pairs = (S: new List<double[]>(), Y: new List<double[]>());
        for (int k = 0; HasBuffer(parameters[0].Group, parameters[0].Index, $"s{k}"); k++)
        {
            var s = new double[length];
            var y = new double[length];
            int offset = 0;
            foreach (var (p, g, i) in parameters)
            {
                var sBuffer = Buffer(g, i, $"s{k}").AsSpan();
                var yBuffer = Buffer(g, i, $"y{k}").AsSpan();
                for (int j = 0; j < sBuffer.Length; j++)
                {
                    s[offset + j] = double.CreateTruncating(sBuffer[j]);
                    y[offset + j] = double.CreateTruncating(yBuffer[j]);
                }
                offset += p.Length;
            }
            // Pairs stored in float may lose positive curvature to rounding; such a pair is dropped.
            if (ArrayMath.Dot(s, y) > 0)
            {
                pairs.S.Add(s);
                pairs.Y.Add(y);
            }
        }
        return pairs;
    }

    private void SavePairs(List<(Tensor<T> Tensor, int Group, int Index)> parameters, (List<double[]> S, List<double[]> Y) pairs)
    {
        for (int k = 0; k < pairs.S.Count; k++)
        {
            int offset = 0;
            foreach (var (p, g, i) in parameters)
            {
                var s = Buffer(g, i, $"s{k}").AsSpan();
                var y = Buffer(g, i, $"y{k}").AsSpan();
                for (int j = 0; j < p.Length; j++)
                {
                    s[j] = T.CreateTruncating(pairs.S[k][offset + j]);
                    y[j] = T.CreateTruncating(pairs.Y[k][offset + j]);
                }
                offset += p.Length;
            }
        }
    }
}
