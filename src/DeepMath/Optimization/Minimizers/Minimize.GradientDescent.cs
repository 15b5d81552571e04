namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// The book's gradient descent: x ← x - η g with a fixed learning rate η, optionally with momentum
    /// (v ← μ v - η g, x ← x + v) or Nesterov's look-ahead (the gradient taken at x + μ v). Set
    /// <see cref="MinimizeOptions.RecordPath"/> to keep every iterate for a picture. Stops at the gradient
    /// tolerance, at the caps, or when the iterates become non-finite (a learning rate too large).
    /// </summary>
    public static MinimizeResult GradientDescent(Objective objective, double[] start, double learningRate, double momentum = 0, bool nesterov = false,
        MinimizeOptions? options = null)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learningRate must be positive and finite.");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov's method needs a momentum above 0.", nameof(nesterov));
        options ??= new MinimizeOptions();
        int cap = options.Iterations(10000);
        string name = nesterov ? "gradient descent (Nesterov)" : momentum > 0 ? "gradient descent (momentum)" : "gradient descent";
        var run = new MinimizationRun(objective, name, start, options, cap);
        var x = (double[])start.Clone();
        var velocity = new double[x.Length];
        var (f, g) = run.ValueAndGradient(x);
        double stepTolerance = options.StepTolerance ?? 0;
        int k = 0;
        StopReason? reason = null;
        while (reason is null)
        {
            if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) { reason = StopReason.Diverged; break; }
            if ((reason = Stopped(run, k, cap, ArrayMath.MaxAbs(g), options.GradientTolerance)) is not null) break;
            var gradient = g;
            if (nesterov)
            {
                (_, gradient) = run.ValueAndGradient(ArrayMath.Step(x, momentum, velocity));
                if (!ArrayMath.AllFinite(gradient)) { reason = StopReason.Diverged; break; }
            }
            for (int i = 0; i < x.Length; i++)
            {
                velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
                x[i] += velocity[i];
            }
            (f, g) = run.ValueAndGradient(x);
            k++;
            run.Record(x);
            if (stepTolerance > 0 && ArrayMath.MaxAbs(velocity) <= stepTolerance) reason = StopReason.StepTolerance;
        }
        string message = reason == StopReason.Diverged
            ? $"the iterates became non-finite after {k} steps: the learning rate {learningRate:G3} is too large for this function"
            : Describe(reason.Value, run, cap, reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance);
        return run.Finish(x, f, g, k, reason.Value, message);
    }
}
