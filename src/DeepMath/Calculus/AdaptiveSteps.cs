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
        => SearchMany(quotient, 1, t => [f(t)], x, order, stepScale)[0];

    /// <summary>The same search for a quotient with several components (a Jacobian column): each component gets its own decade and error.</summary>
    public static DerivativeResult[] SearchMany(DifferenceQuotient quotient, int components, Func<double, double[]> f, double x, int order, double stepScale = 1)
    {
        double scale = Math.Max(1, Math.Abs(x));
        var values = new double[Decades, components];
        var errors = new double[Decades, components];
        var steps = new double[Decades];
        var value = new double[components];
        var error = new double[components];
        for (int k = 0; k < Decades; k++)
        {
            steps[k] = scale * Math.Pow(10, -(k + 1));
            RiddersExtrapolation.Run(quotient, steps[k], value, error);
            for (int c = 0; c < components; c++)
            {
                values[k, c] = value[c];
                errors[k, c] = error[c];
            }
        }
        var noises = Noise(f, components, x, scale);
        var results = new DerivativeResult[components];
        for (int c = 0; c < components; c++) results[c] = Choose(values, errors, steps, c, noises[c], order, stepScale);
        return results;
    }

    private static DerivativeResult Choose(double[,] values, double[,] errors, double[] steps, int c, double noise, int order, double stepScale)
    {
        if (double.IsPositiveInfinity(noise))
        {
            // f has structure below every step we can take: report the first finite run, as no answer.
            for (int k = 0; k < Decades; k++)
                if (double.IsFinite(values[k, c])) return new DerivativeResult(values[k, c], double.PositiveInfinity);
            return new DerivativeResult(double.NaN, double.PositiveInfinity);
        }
        int best = -1, fallback = -1;
        double bestError = double.PositiveInfinity, fallbackError = double.PositiveInfinity;
        for (int k = 0; k < Decades; k++)
        {
            double v = values[k, c];
            if (!double.IsFinite(v)) continue;
            double agreement = double.PositiveInfinity;
            if (k > 0 && double.IsFinite(values[k - 1, c])) agreement = Math.Min(agreement, Math.Abs(v - values[k - 1, c]));
            if (k + 1 < Decades && double.IsFinite(values[k + 1, c])) agreement = Math.Min(agreement, Math.Abs(v - values[k + 1, c]));
            // The table ends near 1/1.4^10 of its first step; the noise there, amplified by the extrapolation (about 10x).
            double smallest = steps[k] / Math.Pow(1.4, 10);
            double floor = 10 * noise / (Math.Pow(smallest, order) * stepScale);
            // Ridders' own estimate is a distance between table entries, not a bound: doubled.
            double honest = Math.Max(Math.Max(2 * errors[k, c], agreement), floor);
            bool stable = agreement <= 0.1 * Math.Abs(v) + floor;
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
        if (best >= 0) return new DerivativeResult(values[best, c], bestError);
        // No decade settles: the best guess, with an error that says it is none.
        return new DerivativeResult(fallback < 0 ? double.NaN : values[fallback, c], double.PositiveInfinity);
    }

    /// <summary>
    /// f's rounding noise near x, per component: the sixth difference over seven points 2^-40 of the
    /// scale apart has variance 924 sigma^2 when f is smooth at that scale (Hamming), so sigma is about
    /// |D6| / 30; the largest of three such estimates, never below half an ulp of f(x). The same probe at
    /// a 32 times finer spacing tells noise from structure: rounding noise does not depend on the
    /// spacing, while a kink (or curvature far below the scale of x) shrinks with it. Structure means no
    /// step this search can take resolves the derivative: the noise is then reported as infinite.
    /// </summary>
    private static double[] Noise(Func<double, double[]> f, int components, double x, double scale)
    {
        // A power of two 2^-40 of the scale: thousands of ulps of x, so x + j delta is exact (rounded
        // arguments would pose as noise), yet small enough that f's own sixth difference vanishes.
        double delta = Math.ScaleB(1.0, Math.ILogB(scale) - 40);
        var fx = f(x);
        var coarse = SixthDifferenceNoise(f, components, x, delta);
        var fine = SixthDifferenceNoise(f, components, x, delta / 32);
        var noise = new double[components];
        for (int c = 0; c < components; c++)
        {
            double halfUlp = double.IsFinite(fx[c]) ? 0.5 * Math.BitIncrement(Math.Abs(fx[c])) - 0.5 * Math.Abs(fx[c]) : 0;
            noise[c] = coarse[c] > 8 * fine[c] && coarse[c] > 100 * halfUlp ? double.PositiveInfinity : Math.Max(coarse[c], halfUlp);
        }
        return noise;
    }

    private static double[] SixthDifferenceNoise(Func<double, double[]> f, int components, double x, double delta)
    {
        var sigma = new double[components];
        var v = new double[7][];
        for (int shift = 0; shift < 3; shift++)
        {
            for (int j = 0; j < 7; j++) v[j] = f(x + (j - 3 + 7 * shift) * delta);
            for (int c = 0; c < components; c++)
            {
                double d6 = v[0][c] - 6 * v[1][c] + 15 * v[2][c] - 20 * v[3][c] + 15 * v[4][c] - 6 * v[5][c] + v[6][c];
                if (double.IsFinite(d6)) sigma[c] = Math.Max(sigma[c], Math.Abs(d6) / Math.Sqrt(924));
            }
        }
        return sigma;
    }
}
