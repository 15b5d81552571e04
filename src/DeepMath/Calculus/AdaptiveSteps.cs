namespace DeepMath.Calculus;

/// <summary>
/// Step selection from the function's own scale, as numdifftools does: Ridders' table is run from
/// initial steps 10^-1 ... 10^-10 of max(1, |x|), and each run's value is checked against its
/// neighbours'. A value that agrees with neither neighbour (a step that spans many oscillations of f
/// gives one) keeps the larger of the disagreements as its error. The run with the smallest error
/// wins, and its estimate is raised to the noise floor: f's rounding noise sigma, measured from a
/// sixth difference on a tiny step (Hamming's method), divided by the steps the table used. So the
/// reported error bounds the true one, or says plainly that no step gives a stable answer.
/// </summary>
internal static class AdaptiveSteps
{
    private const int Decades = 10;

    /// <summary>Ridders' runs from every decade of initial step; the most consistent value with an honest error.</summary>
    /// <param name="quotient">The difference quotient (one component).</param>
    /// <param name="f">The function, for the noise estimate.</param>
    /// <param name="x">The point.</param>
    /// <param name="order">1 for a first derivative, 2 for a second (the noise divides by h^order).</param>
    public static DerivativeResult Search(DifferenceQuotient quotient, Func<double, double> f, double x, int order)
    {
        double scale = Math.Max(1, Math.Abs(x));
        var values = new double[Decades];
        var errors = new double[Decades];
        var steps = new double[Decades];
        var value = new double[1];
        var error = new double[1];
        for (int k = 0; k < Decades; k++)
        {
            steps[k] = scale * Math.Pow(10, -(k + 1));
            RiddersExtrapolation.Run(quotient, steps[k], value, error);
            values[k] = value[0];
            errors[k] = error[0];
        }
        double noise = Noise(f, x, scale);
        int best = -1;
        double bestError = double.PositiveInfinity;
        for (int k = 0; k < Decades; k++)
        {
            if (!double.IsFinite(values[k])) continue;
            double agreement = double.PositiveInfinity;
            if (k > 0 && double.IsFinite(values[k - 1])) agreement = Math.Min(agreement, Math.Abs(values[k] - values[k - 1]));
            if (k + 1 < Decades && double.IsFinite(values[k + 1])) agreement = Math.Min(agreement, Math.Abs(values[k] - values[k + 1]));
            // The table ends near 1/1.4^10 of its first step; the noise there, amplified by the extrapolation (about 10x).
            double smallest = steps[k] / Math.Pow(1.4, 10);
            double floor = 10 * noise / Math.Pow(smallest, order);
            // Ridders' own estimate is a distance between table entries, not a bound: doubled.
            double honest = Math.Max(Math.Max(2 * errors[k], agreement), floor);
            if (honest < bestError)
            {
                bestError = honest;
                best = k;
            }
        }
        return best < 0 ? new DerivativeResult(double.NaN, double.PositiveInfinity) : new DerivativeResult(values[best], bestError);
    }

    /// <summary>
    /// f's rounding noise near x: the sixth difference over seven points 2^-40 of the scale apart has
    /// variance 924 sigma^2 when f is smooth at that scale (Hamming), so sigma is about |D6| / 30;
    /// the largest of three such estimates, never below half an ulp of f(x).
    /// </summary>
    private static double Noise(Func<double, double> f, double x, double scale)
    {
        // A power of two 2^-40 of the scale: thousands of ulps of x, so x + j delta is exact (rounded
        // arguments would pose as noise), yet small enough that f's own sixth difference vanishes.
        double delta = Math.ScaleB(1.0, Math.ILogB(scale) - 40), sigma = 0;
        double fx = f(x);
        Span<double> v = stackalloc double[7];
        for (int shift = 0; shift < 3; shift++)
        {
            for (int j = 0; j < 7; j++) v[j] = f(x + (j - 3 + 7 * shift) * delta);
            double d6 = v[0] - 6 * v[1] + 15 * v[2] - 20 * v[3] + 15 * v[4] - 6 * v[5] + v[6];
            if (double.IsFinite(d6)) sigma = Math.Max(sigma, Math.Abs(d6) / Math.Sqrt(924));
        }
        return Math.Max(sigma, double.IsFinite(fx) ? 0.5 * Math.BitIncrement(Math.Abs(fx)) - 0.5 * Math.Abs(fx) : 0);
    }
}
