namespace DeepMath.Calculus;

/// <summary>
/// Fills <paramref name="estimates"/> with difference quotients for the requested step and returns the
/// step actually used (after rounding x ± h to representable numbers).
/// </summary>
internal delegate double DifferenceQuotient(double step, Span<double> estimates);

/// <summary>
/// Ridders' method: difference quotients on steps shrinking by 1.4 are extrapolated to h = 0 in a
/// Neville table assuming an error series in h^2 (true for central differences). Each entry's error
/// estimate is its distance to the two entries it came from; the best entry is kept, and a component
/// stops once the newest diagonal is worse than twice its best error, because from then on roundoff
/// grows faster than truncation shrinks. Works on vectors so one table serves a whole Jacobian column.
/// </summary>
internal static class RiddersExtrapolation
{
    private const double StepRatio = 1.4;
    private const int MaxRows = 20;
    private const double Safe = 2;
    private const int MaxInitialShrinks = 10;
    private const int MaxRestarts = 3;
    private const double RestartShrink = 16;
    private const double AcceptableRelativeError = 1e-9;

    /// <summary>
    /// Runs the table and, while some component's error estimate exceeds 1e-9 of its value, restarts
    /// from a 16 times smaller step (at most three times), keeping each component's best estimate. This
    /// rescues initial steps whose stencil straddles a singularity (cbrt near 0) at little cost otherwise.
    /// </summary>
    public static void RunWithRestarts(DifferenceQuotient quotient, double initialStep, double[] values, double[] errors)
    {
        Run(quotient, initialStep, values, errors);
        var trialValues = new double[values.Length];
        var trialErrors = new double[values.Length];
        var step = initialStep;
        for (var restart = 0; restart < MaxRestarts && !Accurate(values, errors); restart++)
        {
            step /= RestartShrink;
            Run(quotient, step, trialValues, trialErrors);
            for (var c = 0; c < values.Length; c++)
            {
                if (trialErrors[c] < errors[c])
                {
                    errors[c] = trialErrors[c];
                    values[c] = trialValues[c];
                }
            }
        }
    }

    public static void Run(DifferenceQuotient quotient, double initialStep, double[] values, double[] errors)
    {
        var components = values.Length;
        var previous = new double[MaxRows, components];
        var current = new double[MaxRows, components];
        var squaredSteps = new double[MaxRows];
        var finished = new bool[components];
        var row = new double[components];
        Array.Fill(values, double.NaN);
        Array.Fill(errors, double.PositiveInfinity);

        // The first step may leave f's domain (sqrt, log near 0); shrink it by decades until it does not.
        var step = initialStep;
        var used = quotient(step, row);
        for (var shrink = 0; !AllFinite(row) && shrink < MaxInitialShrinks; shrink++)
        {
            step *= 0.1;
            used = quotient(step, row);
        }

        if (!AllFinite(row))
        {
            return;
        }

        row.CopyTo(values, 0);
        squaredSteps[0] = used * used;
        for (var c = 0; c < components; c++)
        {
            previous[0, c] = row[c];
        }

        var remaining = components;
        for (var i = 1; i < MaxRows && remaining > 0; i++)
        {
            step /= StepRatio;
            used = quotient(step, row);
            if (!AllFinite(row) || used == 0)
            {
                return;
            }

            squaredSteps[i] = used * used;
            for (var c = 0; c < components; c++)
            {
                current[0, c] = row[c];
            }

            for (var j = 1; j <= i; j++)
            {
                // Neville on h^2: eliminates the h^(2j) term using the actual squared steps.
                var factor = squaredSteps[i] / (squaredSteps[i - j] - squaredSteps[i]);
                for (var c = 0; c < components; c++)
                {
                    var refined = current[j - 1, c] + ((current[j - 1, c] - previous[j - 1, c]) * factor);
                    current[j, c] = refined;
                    if (finished[c])
                    {
                        continue;
                    }

                    var error = Math.Max(Math.Abs(refined - current[j - 1, c]), Math.Abs(refined - previous[j - 1, c]));
                    if (error <= errors[c])
                    {
                        errors[c] = error;
                        values[c] = refined;
                    }
                }
            }

            for (var c = 0; c < components; c++)
            {
                if (!finished[c] && Math.Abs(current[i, c] - previous[i - 1, c]) >= Safe * errors[c])
                {
                    finished[c] = true;
                    remaining--;
                }
            }

            (previous, current) = (current, previous);
        }
    }

    private static bool Accurate(double[] values, double[] errors)
    {
        for (var c = 0; c < values.Length; c++)
        {
            if (!(errors[c] <= AcceptableRelativeError * Math.Abs(values[c])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
