namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>Trapezoid rule for equally spaced samples (like numpy.trapezoid); fewer than two samples give 0.</summary>
    /// <param name="y">Sample values.</param>
    /// <param name="dx">Finite spacing between samples.</param>
    /// <returns>The integral estimate, accumulated with compensated summation.</returns>
    public static double Trapezoid(ReadOnlySpan<double> y, double dx = 1)
    {
        Guard.Finite(dx, nameof(dx));
        if (y.Length < 2)
        {
            return 0;
        }

        var sum = new NeumaierSum();
        sum.Add(0.5 * (y[0] + y[^1]));
        for (var i = 1; i < y.Length - 1; i++)
        {
            sum.Add(y[i]);
        }

        return dx * sum.Value;
    }

    /// <summary>Trapezoid rule for samples at arbitrary (possibly non-uniform) abscissae.</summary>
    /// <param name="y">Sample values.</param>
    /// <param name="x">Abscissae, same length as <paramref name="y"/>; decreasing x gives a negated integral.</param>
    /// <returns>The integral estimate; fewer than two samples give 0.</returns>
    public static double Trapezoid(ReadOnlySpan<double> y, ReadOnlySpan<double> x)
    {
        if (y.Length != x.Length)
        {
            throw new ArgumentException($"y and x must have the same length, but y has {y.Length} and x has {x.Length}.", nameof(x));
        }

        var sum = new NeumaierSum();
        for (var i = 0; i + 1 < y.Length; i++)
        {
            sum.Add(0.5 * (x[i + 1] - x[i]) * (y[i] + y[i + 1]));
        }

        return sum.Value;
    }

    /// <summary>
    /// Composite Simpson rule for equally spaced samples. With an even number of intervals it is the
    /// classic 1-4-2-...-4-1 rule (exact for cubics). With an odd number (at least three), Simpson covers
    /// all but the last interval and the last one is integrated exactly along the parabola through the
    /// last three samples, dx (5 y[n] + 8 y[n-1] - y[n-2]) / 12, so the result stays exact for quadratics
    /// and O(dx^4)-accurate overall. One interval falls back to the trapezoid; fewer than two samples give 0.
    /// </summary>
    /// <param name="y">Sample values.</param>
    /// <param name="dx">Finite spacing between samples.</param>
    /// <returns>The integral estimate, accumulated with compensated summation.</returns>
    public static double Simpson(ReadOnlySpan<double> y, double dx = 1)
    {
        Guard.Finite(dx, nameof(dx));
        var intervals = y.Length - 1;
        if (intervals < 1)
        {
            return 0;
        }

        if (intervals == 1)
        {
            return 0.5 * dx * (y[0] + y[1]);
        }

        var even = (intervals & 1) == 0 ? intervals : intervals - 1;
        var sum = new NeumaierSum();
        sum.Add(y[0] + y[even]);
        for (var i = 1; i < even; i++)
        {
            sum.Add(((i & 1) == 1 ? 4.0 : 2.0) * y[i]);
        }

        var result = dx / 3 * sum.Value;
        if (even != intervals)
        {
            var n = intervals;
            result += dx * ((5 * y[n]) + (8 * y[n - 1]) - y[n - 2]) / 12;
        }

        return result;
    }
}
