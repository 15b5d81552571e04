namespace DeepMath.Calculus;

public static partial class NumericalDerivative
{
    /// <summary>
    /// The gradient of a scalar field, each component by Ridders' method along its axis, over the same
    /// search of step sizes as <see cref="Derivative"/>: an error estimate that bounds the true error, or
    /// is infinite where no step gives a stable answer.
    /// </summary>
    /// <param name="f">The scalar field; it receives a private copy of the point.</param>
    /// <param name="x">The point (finite coordinates); not modified.</param>
    /// <returns>The partial derivatives and their error estimates.</returns>
    public static (double[] Values, double[] Errors) Gradient(Func<double[], double> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var work = CopyPoint(x);
        var n = work.Length;
        var values = new double[n];
        var errors = new double[n];
        for (var i = 0; i < n; i++)
        {
            var index = i;
            var origin = x[i];
            double Along(double t) => Evaluate(f, work, index, t, origin);
            var result = AdaptiveSteps.Search(
                (h, estimate) =>
                {
                    var (plus, minus) = (origin + h, origin - h);
                    estimate[0] = (Along(plus) - Along(minus)) / (plus - minus);
                    return 0.5 * (plus - minus);
                },
                Along, origin, order: 1);
            values[i] = result.Value;
            errors[i] = result.ErrorEstimate;
        }

        return (values, errors);
    }

    /// <summary>
    /// The Jacobian J[i, j] = d f_i / d x_j of a vector field: one search of step sizes per column serves all
    /// outputs at once (each output keeps its own best step, error and noise floor; an output no step
    /// resolves has an infinite error).
    /// </summary>
    /// <param name="f">The vector field; it receives a private copy of the point and must return the same length every time.</param>
    /// <param name="x">The point (finite coordinates); not modified.</param>
    /// <returns>The m-by-n Jacobian and its element-wise error estimates.</returns>
    public static (double[,] Values, double[,] Errors) Jacobian(Func<double[], double[]> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var work = CopyPoint(x);
        var n = work.Length;
        var m = CheckedOutput(f(work), -1).Length;
        var values = new double[m, n];
        var errors = new double[m, n];
        for (var j = 0; j < n; j++)
        {
            var index = j;
            var origin = x[j];
            double[] Along(double t)
            {
                work[index] = t;
                var output = (double[])CheckedOutput(f(work), m).Clone();
                work[index] = origin;
                return output;
            }

            var column = AdaptiveSteps.SearchMany(
                (h, estimate) =>
                {
                    var (plus, minus) = (origin + h, origin - h);
                    var upper = Along(plus);
                    var lower = Along(minus);
                    var width = plus - minus;
                    for (var i = 0; i < m; i++)
                    {
                        estimate[i] = (upper[i] - lower[i]) / width;
                    }

                    return 0.5 * width;
                },
                m, Along, origin, order: 1);
            for (var i = 0; i < m; i++)
            {
                values[i, j] = column[i].Value;
                errors[i, j] = column[i].ErrorEstimate;
            }
        }

        return (values, errors);
    }

    /// <summary>
    /// The Hessian of a scalar field: diagonal entries from the central second difference, off-diagonal
    /// ones from the four-point mixed difference [f(+,+) - f(+,-) - f(-,+) + f(-,-)] / (4 h_i h_j), each
    /// over the search of step sizes of <see cref="SecondDerivative"/>, computed once per pair and
    /// mirrored, so the result is exactly symmetric. An entry no step resolves has an infinite error; so
    /// has every mixed entry of an axis whose own second derivative could not be resolved (a mixed
    /// difference that looks settled there only reflects steps far coarser than the curvature).
    /// </summary>
    /// <param name="f">The scalar field; it receives a private copy of the point.</param>
    /// <param name="x">The point (finite coordinates); not modified.</param>
    /// <returns>The symmetric n-by-n Hessian and its element-wise error estimates.</returns>
    public static (double[,] Values, double[,] Errors) Hessian(Func<double[], double> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var work = CopyPoint(x);
        var n = work.Length;
        var values = new double[n, n];
        var errors = new double[n, n];
        var centre = f(work);
        for (var i = 0; i < n; i++)
        {
            var index = i;
            var origin = x[i];
            double Along(double t) => Evaluate(f, work, index, t, origin);
            var result = AdaptiveSteps.Search(
                (h, estimate) =>
                {
                    var (plus, minus) = (origin + h, origin - h);
                    estimate[0] = SecondDifference(Along(plus), centre, Along(minus), plus - origin, origin - minus);
                    return 0.5 * (plus - minus);
                },
                Along, origin, order: 2);
            values[i, i] = result.Value;
            errors[i, i] = result.ErrorEstimate;
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var (first, second) = (i, j);
                var (originI, originJ) = (x[i], x[j]);
                // Power-of-two axis scales: origin + t scale is exact for the noise probe's t = k 2^-40.
                var (scaleI, scaleJ) = (PowerOfTwoScale(originI), PowerOfTwoScale(originJ));
                double Diagonal(double t)
                {
                    var value = Corner(f, work, first, originI + (t * scaleI), second, originJ + (t * scaleJ));
                    work[first] = originI;
                    work[second] = originJ;
                    return value;
                }
                // Both axes shrink together: the common factor s plays the role of h in the h^2 error series.
                var result = AdaptiveSteps.Search(
                    (s, estimate) =>
                    {
                        var (plusI, minusI) = (originI + (s * scaleI), originI - (s * scaleI));
                        var (plusJ, minusJ) = (originJ + (s * scaleJ), originJ - (s * scaleJ));
                        var sum = Corner(f, work, first, plusI, second, plusJ) - Corner(f, work, first, plusI, second, minusJ)
                            - Corner(f, work, first, minusI, second, plusJ) + Corner(f, work, first, minusI, second, minusJ);
                        work[first] = originI;
                        work[second] = originJ;
                        estimate[0] = sum / ((plusI - minusI) * (plusJ - minusJ));
                        return s;
                    },
                    Diagonal, 0, order: 2, stepScale: scaleI * scaleJ);
                double error = double.IsInfinity(errors[i, i]) || double.IsInfinity(errors[j, j]) ? double.PositiveInfinity : result.ErrorEstimate;
                values[i, j] = values[j, i] = result.Value;
                errors[i, j] = errors[j, i] = error;
            }
        }

        return (values, errors);
    }

    /// <summary>The smallest power of two at least max(1, |x|).</summary>
    private static double PowerOfTwoScale(double x)
    {
        double scale = Math.Max(1, Math.Abs(x));
        double power = Math.ScaleB(1.0, Math.ILogB(scale));
        return power < scale && power <= double.MaxValue / 2 ? 2 * power : power;
    }

    private static double[] CopyPoint(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            throw new ArgumentException("x must have at least one coordinate.", nameof(x));
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"x[{i}] must be finite, but was {Guard.Format(x[i])}.", nameof(x));
            }
        }

        return (double[])x.Clone();
    }

    /// <summary>f with one coordinate moved, restoring the shared work array afterwards.</summary>
    private static double Evaluate(Func<double[], double> f, double[] work, int index, double value, double origin)
    {
        work[index] = value;
        var result = f(work);
        work[index] = origin;
        return result;
    }

    private static double Corner(Func<double[], double> f, double[] work, int i, double valueI, int j, double valueJ)
    {
        work[i] = valueI;
        work[j] = valueJ;
        return f(work);
    }

    private static double[] CheckedOutput(double[] output, int expectedLength)
    {
        if (output is null)
        {
            throw new InvalidOperationException("The vector field returned null.");
        }

        if (expectedLength >= 0 && output.Length != expectedLength)
        {
            throw new InvalidOperationException(
                $"The vector field returned {output.Length} values but returned {expectedLength} at the starting point.");
        }

        return output;
    }
}
