namespace DeepMath.Calculus;

/// <summary>The limit of a sampled sequence f(x0 + s h_k), h_k decreasing to 0.</summary>
/// <param name="Kind">What was established.</param>
/// <param name="Value">The limit (±infinity for infinite kinds, NaN when it does not exist).</param>
/// <param name="Error">Estimated absolute error (the best achieved, also when it does not exist).</param>
internal readonly record struct SequenceLimitEstimate(LimitKind Kind, double Value, double Error);

/// <summary>
/// Decides the limit of values v_k = f(x0 + s h_k) sampled at steps h_k shrinking geometrically.
/// Unbounded growth is detected first; otherwise two accelerators are run side by side: Neville
/// (Richardson) extrapolation to h = 0, which assumes v = L + c1 h + c2 h^2 + ..., and Wynn's
/// epsilon algorithm, which handles geometric-type convergence such as h^(1/3). Every table entry
/// gets an error estimate from its largest distance to three neighbours, and the entry with the
/// smallest one wins. Processing stops once several rows in a row fail to improve on the best,
/// because by then roundoff in f (e.g. 1 - cos h for tiny h) dominates and later rows only look
/// converged.
/// </summary>
internal static class SequenceLimit
{
    private const int MaxNevilleColumns = 10;
    private const int MaxWynnColumns = 10;
    private const int Patience = 4;
    private const double Safe = 2;
    private const int DivergenceWindow = 8;

    /// <summary>An extrapolation error below this share of the values' size means the sequence settles (a limit exists), even if not to the tolerance.</summary>
    private const double SettledFraction = 1e-3;

    public static SequenceLimitEstimate Analyze(ReadOnlySpan<double> steps, ReadOnlySpan<double> values, double tolerance)
    {
        var n = values.Length;
        if (n == 0)
        {
            return new SequenceLimitEstimate(LimitKind.DoesNotExist, double.NaN, double.PositiveInfinity);
        }

        if (double.IsInfinity(values[n - 1]))
        {
            return OverflowTrend(values);
        }

        if (GrowsWithoutBound(values, out var sign))
        {
            return sign > 0
                ? new SequenceLimitEstimate(LimitKind.PositiveInfinity, double.PositiveInfinity, 0)
                : new SequenceLimitEstimate(LimitKind.NegativeInfinity, double.NegativeInfinity, 0);
        }

        var (value, error, scale) = Extrapolate(steps, values);
        if (scale == 0)
        {
            return new SequenceLimitEstimate(LimitKind.Finite, 0, 0);
        }

        if (double.IsFinite(value) && error <= tolerance * scale) return new SequenceLimitEstimate(LimitKind.Finite, value, error);
        // Settled to within a thousandth of the values' size, but not to the tolerance: a limit that
        // exists but is beyond what double-precision samples can pin down, not oscillation.
        return double.IsFinite(value) && error <= SettledFraction * scale
            ? new SequenceLimitEstimate(LimitKind.NotConverged, value, error)
            : new SequenceLimitEstimate(LimitKind.DoesNotExist, double.NaN, error);
    }

    /// <summary>The last value overflowed: infinite if the values before it were heading there monotonically.</summary>
    private static SequenceLimitEstimate OverflowTrend(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var sign = Math.Sign(values[n - 1]);
        var previousMagnitude = double.PositiveInfinity;
        for (var k = n - 2; k >= Math.Max(0, n - 4); k--)
        {
            var magnitude = Math.Abs(values[k]);
            if (Math.Sign(values[k]) != sign || magnitude > previousMagnitude)
            {
                return new SequenceLimitEstimate(LimitKind.DoesNotExist, double.NaN, double.PositiveInfinity);
            }

            previousMagnitude = magnitude;
        }

        return sign > 0
            ? new SequenceLimitEstimate(LimitKind.PositiveInfinity, double.PositiveInfinity, 0)
            : new SequenceLimitEstimate(LimitKind.NegativeInfinity, double.NegativeInfinity, 0);
    }

    /// <summary>
    /// Unbounded growth: over the last half of the samples (at least eight) the values keep one sign,
    /// strictly grow in magnitude, and their increments do not shrink. Non-shrinking increments are what
    /// separates divergence (log h has constant increments, 1/h doubling ones) from convergence, whose
    /// increments contract; the long window keeps a short burst of roundoff growth in the last few
    /// samples from passing for divergence.
    /// </summary>
    private static bool GrowsWithoutBound(ReadOnlySpan<double> values, out int sign)
    {
        sign = 0;
        var n = values.Length;
        if (n < DivergenceWindow)
        {
            return false;
        }

        var start = n - Math.Max(DivergenceWindow, n / 2);
        sign = Math.Sign(values[start]);
        if (sign == 0)
        {
            return false;
        }

        var previousIncrement = 0.0;
        for (var k = start + 1; k < n; k++)
        {
            if (Math.Sign(values[k]) != sign)
            {
                return false;
            }

            var increment = Math.Abs(values[k]) - Math.Abs(values[k - 1]);
            if (!(increment > 0) || increment < (1 - 1e-6) * previousIncrement)
            {
                return false;
            }

            previousIncrement = increment;
        }

        return true;
    }

    private static (double Value, double Error, double Scale) Extrapolate(ReadOnlySpan<double> steps, ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var previousRow = new double[MaxNevilleColumns + 1];
        var currentRow = new double[MaxNevilleColumns + 1];

        // epsilon[m, j + 1] holds Wynn's eps_j^(m); column 0 is eps_-1 = 0.
        var epsilon = new double[n, MaxWynnColumns + 2];
        var bestValue = values[0];
        var bestError = double.PositiveInfinity;
        var scale = Math.Abs(values[0]);
        var rowsWithoutProgress = 0;

        for (var k = 0; k < n; k++)
        {
            scale = Math.Max(scale, Math.Abs(values[k]));
            var errorBefore = bestError;
            var rowBest = double.PositiveInfinity;

            void Consider(double candidate, double error)
            {
                // A limit cannot lie far outside the values that approach it; such entries are artefacts.
                if (!double.IsFinite(candidate) || !(error >= 0) || Math.Abs(candidate) > 2 * scale)
                {
                    return;
                }

                rowBest = Math.Min(rowBest, error);
                if (error < bestError)
                {
                    bestError = error;
                    bestValue = candidate;
                }
            }

            // Every candidate must agree with three neighbours, so that one accidental near-equality
            // in an oscillating sequence (x sin(1/x)) cannot pass for convergence.
            if (k >= 2)
            {
                Consider(values[k], Math.Max(Math.Abs(values[k] - values[k - 1]), Math.Abs(values[k] - values[k - 2])));
            }

            // Neville's recurrence on the actual steps (ratios need not be exactly 2).
            currentRow[0] = values[k];
            for (var j = 1; j <= Math.Min(k, MaxNevilleColumns); j++)
            {
                var ratio = steps[k] / (steps[k - j] - steps[k]);
                currentRow[j] = Math.FusedMultiplyAdd(currentRow[j - 1] - previousRow[j - 1], ratio, currentRow[j - 1]);
                if (j < k)
                {
                    var error = Math.Max(
                        Math.Max(Math.Abs(currentRow[j] - currentRow[j - 1]), Math.Abs(currentRow[j] - previousRow[j - 1])),
                        Math.Abs(currentRow[j] - previousRow[j]));
                    Consider(currentRow[j], error);
                }
            }

            // Wynn's epsilon: eps_j^(m) = eps_{j-2}^(m+1) + 1 / (eps_{j-1}^(m+1) - eps_{j-1}^(m)),
            // filled along the new anti-diagonal m + j = k; even columns estimate the limit.
            epsilon[k, 1] = values[k];
            for (var j = 1; j <= Math.Min(k, MaxWynnColumns); j++)
            {
                var m = k - j;
                var denominator = epsilon[m + 1, j] - epsilon[m, j];
                epsilon[m, j + 1] = denominator != 0 ? epsilon[m + 1, j - 1] + (1 / denominator) : double.NaN;
                if ((j & 1) == 0 && m >= 2)
                {
                    var entry = epsilon[m, j + 1];
                    var error = Math.Max(
                        Math.Abs(entry - epsilon[m + 1, j - 1]),
                        Math.Max(Math.Abs(entry - epsilon[m - 1, j + 1]), Math.Abs(entry - epsilon[m - 2, j + 1])));
                    Consider(entry, error);
                }
            }

            (previousRow, currentRow) = (currentRow, previousRow);

            if (k >= 2)
            {
                if (rowBest < errorBefore)
                {
                    rowsWithoutProgress = 0;
                }
                else if (rowBest > Safe * bestError && ++rowsWithoutProgress >= Patience)
                {
                    break;
                }
            }
        }

        return (bestValue, bestError, scale);
    }
}
