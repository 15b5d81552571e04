namespace DeepMath.Calculus;

/// <summary>
/// Step selection from the function's own scale, as numdifftools does: Ridders' table is run from
/// initial steps 10^-1 ... 10^-10 of max(1, |x|), and each run's value is checked against its
/// neighbours'. A value that agrees with neither neighbour (a step that spans many oscillations of f
/// gives one) keeps the larger of the disagreements as its error. The run with the smallest error
/// wins, and its estimate is raised to the noise floor: f's rounding noise sigma, measured from a
/// sixth difference on a tiny step (Hamming's method), divided by the steps the table used. A run is
/// only a candidate when it agrees with a neighbour to within a tenth of its size (or the noise floor):
/// values that keep changing by a factor from decade to decade (a kink, or curvature on a scale far
/// below every step the coordinate's size allows, as log-sum-exp at 1e308) are no answer at all, and
/// the result then carries an infinite error. So the reported error bounds the true one, or says
/// plainly that no step gives a stable answer.
/// </summary>
internal static class AdaptiveSteps
{
    private const int Decades = 10;

    /// <summary>Ridders' runs from every decade of initial step; the most consistent value with an honest error.</summary>
    /// <param name="quotient">The difference quotient (one component).</param>
    /// <param name="f">The function, for the noise estimate.</param>
    /// <param name="x">The point.</param>
    /// <param name="order">1 for a first derivative, 2 for a second (the noise divides by h^order).</param>
    /// <param name="stepScale">What the quotient's denominator holds besides h^order (the product of the axis scales of a mixed difference).</param>
    public static DerivativeResult Search(DifferenceQuotient quotient, Func<double, double> f, double x, int order, double stepScale = 1)
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
        if (double.IsPositiveInfinity(noise))
        {
            // f has structure below every step we can take: report the most self-consistent run, as no answer.
            int k = Array.FindIndex(values, double.IsFinite);
            return new DerivativeResult(k < 0 ? double.NaN : values[k], double.PositiveInfinity);
        }
        int best = -1, fallback = -1;
        double bestError = double.PositiveInfinity, fallbackError = double.PositiveInfinity;
        for (int k = 0; k < Decades; k++)
        {
            if (!double.IsFinite(values[k])) continue;
            double agreement = double.PositiveInfinity;
            if (k > 0 && double.IsFinite(values[k - 1])) agreement = Math.Min(agreement, Math.Abs(values[k] - values[k - 1]));
            if (k + 1 < Decades && double.IsFinite(values[k + 1])) agreement = Math.Min(agreement, Math.Abs(values[k] - values[k + 1]));
            // The table ends near 1/1.4^10 of its first step; the noise there, amplified by the extrapolation (about 10x).
            double smallest = steps[k] / Math.Pow(1.4, 10);
            double floor = 10 * noise / (Math.Pow(smallest, order) * stepScale);
            // Ridders' own estimate is a distance between table entries, not a bound: doubled.
            double honest = Math.Max(Math.Max(2 * errors[k], agreement), floor);
            bool stable = agreement <= 0.1 * Math.Abs(values[k]) + floor;
            if (stable && honest < bestError)
            {
                bestError = honest;
                best = k;
            }
            if (honest < fallbackError)
            {
                fallbackError = honest;
                fallback = k;
            }
        }
        if (best >= 0) return new DerivativeResult(values[best], bestError);
        // No decade settles: the best guess, with an error that says it is none.
        return new DerivativeResult(fallback < 0 ? double.NaN : values[fallback], double.PositiveInfinity);
    }

    /// <summary>
    /// f's rounding noise near x: the sixth difference over seven points 2^-40 of the scale apart has
    /// variance 924 sigma^2 when f is smooth at that scale (Hamming), so sigma is about |D6| / 30;
    /// the largest of three such estimates, never below half an ulp of f(x). The same probe at a 32
    /// times finer spacing tells noise from structure: rounding noise does not depend on the spacing,
    /// while a kink (or curvature far below the scale of x) shrinks with it. Structure means no step
    /// this search can take resolves the derivative: the noise is then reported as infinite.
    /// </summary>
    private static double Noise(Func<double, double> f, double x, double scale)
    {
        // A power of two 2^-40 of the scale: thousands of ulps of x, so x + j delta is exact (rounded
        // arguments would pose as noise), yet small enough that f's own sixth difference vanishes.
        double delta = Math.ScaleB(1.0, Math.ILogB(scale) - 40);
        double fx = f(x);
        double halfUlp = double.IsFinite(fx) ? 0.5 * Math.BitIncrement(Math.Abs(fx)) - 0.5 * Math.Abs(fx) : 0;
        double coarse = SixthDifferenceNoise(f, x, delta), fine = SixthDifferenceNoise(f, x, delta / 32);
        if (coarse > 8 * fine && coarse > 100 * halfUlp) return double.PositiveInfinity;
        return Math.Max(coarse, halfUlp);
    }

    private static double SixthDifferenceNoise(Func<double, double> f, double x, double delta)
    {
        double sigma = 0;
        Span<double> v = stackalloc double[7];
        for (int shift = 0; shift < 3; shift++)
        {
            for (int j = 0; j < 7; j++) v[j] = f(x + (j - 3 + 7 * shift) * delta);
            double d6 = v[0] - 6 * v[1] + 15 * v[2] - 20 * v[3] + 15 * v[4] - 6 * v[5] + v[6];
            if (double.IsFinite(d6)) sigma = Math.Max(sigma, Math.Abs(d6) / Math.Sqrt(924));
        }
        return sigma;
    }
}
