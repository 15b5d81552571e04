namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// Powell's conjugate-direction method (as scipy's: Brent line minimizations along a set of directions
    /// that starts as the axes; the direction of largest decrease is replaced by the overall displacement
    /// when the extrapolation test says it helps). Derivative-free. Stops when an iteration lowers f by at
    /// most the function tolerance relative to |f| (default 1e-4); line minimizations to 100 times the step tolerance (default 1e-4); at most 1000 n iterations and evaluations by default, as scipy.
    /// </summary>
    public static MinimizeResult Powell(Objective objective, double[] start, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int n = start?.Length ?? 0, cap = options.Iterations(1000 * Math.Max(n, 1));
        var run = new MinimizationRun(objective, "Powell", start!, options with { MaxEvaluations = options.MaxEvaluations ?? cap }, cap);
        double xTolerance = options.StepTolerance ?? 1e-4, fTolerance = options.FunctionTolerance ?? 1e-4;
        var directions = new double[n][];
        for (int i = 0; i < n; i++) { directions[i] = new double[n]; directions[i][i] = 1; }
        var x = (double[])start!.Clone();
        double fx = run.Value(x);
        int iteration = 0;
        StopReason reason;
        while (true)
        {
            double fStart = fx, biggestDecrease = 0;
            int biggest = 0;
            var xStart = (double[])x.Clone();
            for (int i = 0; i < n; i++)
            {
                double before = fx;
                (x, fx, _) = LineMinimize(run, x, fx, directions[i], 100 * xTolerance);
                if (before - fx > biggestDecrease) { biggestDecrease = before - fx; biggest = i; }
            }
            iteration++;
            run.Record(x);
            if (2 * (fStart - fx) <= fTolerance * (Math.Abs(fStart) + Math.Abs(fx)) + 1e-20) { reason = StopReason.FunctionTolerance; break; }
            if (iteration >= cap) { reason = StopReason.MaxIterations; break; }
            if (run.EvaluationsExhausted) { reason = StopReason.MaxEvaluations; break; }
            // Extrapolate along the iteration's displacement; adopt it as a direction if that is a good bet (Press et al., section 10.7).
            var displacement = ArrayMath.Subtract(x, xStart);
            var extrapolated = ArrayMath.Step(x, 1, displacement);
            double fExtrapolated = run.Value(extrapolated);
            if (fStart > fExtrapolated)
            {
                double t = 2 * (fStart + fExtrapolated - 2 * fx), a = fStart - fx - biggestDecrease, b = fStart - fExtrapolated;
                t = t * a * a - biggestDecrease * b * b;
                if (t < 0)
                {
                    (x, fx, var moved) = LineMinimize(run, x, fx, displacement, 100 * xTolerance);
                    if (moved.Any(v => v != 0))
                    {
                        directions[biggest] = directions[n - 1];
                        directions[n - 1] = moved;
                    }
                }
            }
        }
        string message = reason == StopReason.FunctionTolerance
            ? $"an iteration lowered f by at most {fTolerance:G3} relative to |f|"
            : Describe(reason, run, cap, 0);
        return run.Finish(x, fx, null, iteration, reason, message);
    }

    /// <summary>Brent's minimization of f(x + t d) from t in {0, 1}: the new point, its value, and the displacement t d.</summary>
    private static (double[] X, double F, double[] Moved) LineMinimize(MinimizationRun run, double[] x, double fx, double[] d, double tolerance)
    {
        if (d.All(v => v == 0)) return (x, fx, d);
        ScalarMinimum line;
        try
        {
            line = Minimize1D.BracketedBrent(t => t == 0 ? fx : run.Value(ArrayMath.Step(x, t, d)), 0, 1, tolerance, 500);
        }
        catch (DeepMath.Calculus.ConvergenceException)
        {
            return (x, fx, new double[x.Length]); // unbounded along d: leave the direction alone
        }
        if (!(line.Value < fx)) return (x, fx, new double[x.Length]);
        var moved = ArrayMath.Step(new double[x.Length], line.X, d);
        return (ArrayMath.Step(x, 1, moved), line.Value, moved);
    }
}
