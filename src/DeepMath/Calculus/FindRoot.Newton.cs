namespace DeepMath.Calculus;

public static partial class FindRoot
{
    private const int MaxHalvings = 60;

    /// <summary>
    /// Newton's method with step halving: if a full step does not reduce |f|, the step is halved (up to
    /// 60 times) until it does. Converges when a full Newton step is at most tolerance + 4 eps |x| or
    /// f(x) = 0. Reports failure (no bracket is known) on a zero or non-finite derivative, NaN values,
    /// a step that cannot reduce |f| (a local minimum of |f| that is not a root), or the iteration cap.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="derivative">Its derivative.</param>
    /// <param name="initialGuess">Finite starting point.</param>
    /// <param name="tolerance">Absolute tolerance in x (&gt;= 0).</param>
    /// <param name="maxIterations">Iteration cap (&gt;= 1).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The root, f there, the iteration count, convergence and the path of iterates.</returns>
    public static RootResult Newton(
        Func<double, double> f,
        Func<double, double> derivative,
        double initialGuess,
        double tolerance = 1e-12,
        int maxIterations = 100,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        Guard.Finite(initialGuess, nameof(initialGuess));
        Guard.Tolerance(tolerance, nameof(tolerance));
        Guard.AtLeast(maxIterations, 1, nameof(maxIterations));

        var x = initialGuess;
        var fx = f(x);
        var path = new List<double> { x };
        if (double.IsNaN(fx))
        {
            return Fail(nameof(Newton), "f returned NaN at the initial guess", x, fx, double.NaN, 0, path, throwOnFailure);
        }

        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (fx == 0)
            {
                return new RootResult(x, fx, iteration - 1, true, path);
            }

            var slope = derivative(x);
            var step = fx / slope;
            if (slope == 0 || !double.IsFinite(step))
            {
                return Fail(nameof(Newton), $"the derivative is {Guard.Format(slope)}", x, fx, double.PositiveInfinity, iteration, path, throwOnFailure);
            }

            if (Math.Abs(step) <= tolerance + (4 * Precision.MachineEpsilon * Math.Abs(x)))
            {
                // The full step is below the tolerance, so take it and stop; near the root |f| is at the
                // roundoff level and insisting that it decrease would reject a converged iterate.
                x -= step;
                fx = f(x);
                path.Add(x);
                return new RootResult(x, fx, iteration, true, path);
            }

            var candidate = x - step;
            var fCandidate = f(candidate);
            var halvings = 0;
            while (!(Math.Abs(fCandidate) < Math.Abs(fx)) && halvings < MaxHalvings)
            {
                step *= 0.5;
                candidate = x - step;
                fCandidate = f(candidate);
                halvings++;
            }

            if (!(Math.Abs(fCandidate) < Math.Abs(fx)))
            {
                const string reason = "no damped step reduces |f| (a local minimum of |f| that is not a root?)";
                return Fail(nameof(Newton), reason, x, fx, Math.Abs(fx / slope), iteration, path, throwOnFailure);
            }

            x = candidate;
            fx = fCandidate;
            path.Add(x);
        }

        var lastSlope = derivative(x);
        return Fail(nameof(Newton), "the iteration cap was reached", x, fx, Math.Abs(fx / lastSlope), maxIterations, path, throwOnFailure);
    }

    /// <summary>
    /// Newton's method safeguarded by bisection inside a bracket (the rtsafe strategy): a Newton step is
    /// taken when it stays inside the current bracket and the step is at most half the one before last,
    /// otherwise the bracket is bisected. The bracket shrinks every iteration, so a valid bracket always
    /// converges: quadratically near a simple root, at least linearly elsewhere.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="derivative">Its derivative.</param>
    /// <param name="lower">One end of the bracket.</param>
    /// <param name="upper">The other end; f(lower) and f(upper) must differ in sign (or one be zero).</param>
    /// <param name="tolerance">Absolute tolerance in x (&gt;= 0).</param>
    /// <param name="maxIterations">Iteration cap (&gt;= 1).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The root, f there, the iteration count, convergence and the path of iterates.</returns>
    public static RootResult NewtonSafe(
        Func<double, double> f,
        Func<double, double> derivative,
        double lower,
        double upper,
        double tolerance = 1e-12,
        int maxIterations = 100,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        CheckArguments(lower, upper, tolerance, maxIterations);
        var (fLower, fUpper) = CheckBracket(f, lower, upper);
        var path = new List<double> { lower, upper };
        if (fLower == 0)
        {
            return new RootResult(lower, fLower, 0, true, path);
        }

        if (fUpper == 0)
        {
            return new RootResult(upper, fUpper, 0, true, path);
        }

        // Orient the bracket so that f(negativeEnd) < 0 < f(positiveEnd).
        var (negativeEnd, positiveEnd) = fLower < 0 ? (lower, upper) : (upper, lower);
        var x = 0.5 * (lower + upper);
        var previousStep = Math.Abs(upper - lower);
        var step = previousStep;
        var fx = f(x);
        var slope = derivative(x);
        path.Add(x);
        UpdateBracket(x, fx, ref negativeEnd, ref positiveEnd);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (fx == 0)
            {
                return new RootResult(x, fx, iteration - 1, true, path);
            }

            if (double.IsNaN(fx))
            {
                return Fail(nameof(NewtonSafe), "f returned NaN", x, fx, Math.Abs(positiveEnd - negativeEnd), iteration, path, throwOnFailure);
            }

            // Written so that a NaN or infinite slope fails the test and falls back to bisection.
            var insideBracket = ((((x - positiveEnd) * slope) - fx) * (((x - negativeEnd) * slope) - fx)) < 0;
            var shrinksFastEnough = Math.Abs(2 * fx) < Math.Abs(previousStep * slope);
            var xBefore = x;
            previousStep = step;
            if (insideBracket && shrinksFastEnough)
            {
                step = fx / slope;
                x -= step;
                if (x == xBefore)
                {
                    // The Newton correction is below the resolution of x.
                    return new RootResult(x, fx, iteration, true, path);
                }
            }
            else
            {
                step = 0.5 * (positiveEnd - negativeEnd);
                x = negativeEnd + step;
                if (x == negativeEnd || x == positiveEnd)
                {
                    // The bracket holds two adjacent doubles: it cannot shrink any further.
                    return new RootResult(xBefore, fx, iteration, true, path);
                }
            }

            fx = f(x);
            slope = derivative(x);
            path.Add(x);
            UpdateBracket(x, fx, ref negativeEnd, ref positiveEnd);

            var xTolerance = tolerance + (4 * Precision.MachineEpsilon * Math.Abs(x));
            if (Math.Abs(step) <= xTolerance || Math.Abs(positiveEnd - negativeEnd) <= xTolerance)
            {
                if (double.IsNaN(fx))
                {
                    return Fail(nameof(NewtonSafe), "f returned NaN", x, fx, Math.Abs(step), iteration, path, throwOnFailure);
                }

                return new RootResult(x, fx, iteration, true, path);
            }
        }

        return Fail(nameof(NewtonSafe), "the iteration cap was reached", x, fx, Math.Abs(positiveEnd - negativeEnd), maxIterations, path, throwOnFailure);
    }

    private static void UpdateBracket(double x, double fx, ref double negativeEnd, ref double positiveEnd)
    {
        if (fx < 0)
        {
            negativeEnd = x;
        }
        else if (fx > 0)
        {
            positiveEnd = x;
        }
    }
}
