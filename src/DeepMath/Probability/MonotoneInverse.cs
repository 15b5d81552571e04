using DeepMath.Calculus;

namespace DeepMath.Probability;

/// <summary>
/// Inverts a distribution function F of a positive variable: finds x with F(x) = p, given p and
/// q = 1 - p each to full relative accuracy. It solves log F(x) = log p when p &lt;= q and
/// log(1 - F(x)) = log q otherwise, so tails down to 1e-300 keep every digit. Newton steps are taken in
/// log x (a power law F ≈ c x^a is solved in one step), inside a bracket that bisection shrinks
/// (geometrically when it spans orders of magnitude) whenever a step would leave it.
/// </summary>
internal static class MonotoneInverse
{
    private const int MaxIterations = 400;

    /// <param name="pair">F(x) and 1 - F(x), each accurate.</param>
    /// <param name="density">F'(x).</param>
    /// <param name="p">The target of F.</param>
    /// <param name="q">The target of 1 - F.</param>
    /// <param name="lower">A bound with F(lower) &lt;= p (non-negative).</param>
    /// <param name="upper">A bound with F(upper) &gt;= p (may be +∞).</param>
    /// <param name="start">The first iterate, inside (lower, upper).</param>
    /// <param name="name">The public function, for the error message.</param>
    public static double Solve(Func<double, (double F, double G)> pair, Func<double, double> density, double p, double q,
        double lower, double upper, double start, string name)
    {
        bool lowerTail = p <= q;
        double logTarget = Math.Log(lowerTail ? p : q);
        double x = Math.Clamp(start, lower, upper);
        if (x == lower || x == upper) x = Bisect(lower, upper, x);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (f, g) = pair(x);
            // h increases with x and vanishes at the root.
            double h = lowerTail ? Math.Log(f) - logTarget : logTarget - Math.Log(g);
            if (h == 0) return x;
            if (h < 0) lower = x;
            else upper = x;
            double slope = density(x) / (lowerTail ? f : g); // dh/dx
            double next = x * Math.Exp(-h / (x * slope));   // Newton on log x
            if (!(next > lower && next < upper) || double.IsNaN(h)) next = Bisect(lower, upper, x);
            if (Math.Abs(next - x) <= 2e-16 * Math.Abs(next) || next == x) return next;
            if (double.IsFinite(upper) && upper - lower <= 2e-16 * upper) return 0.5 * (lower + upper);
            x = next;
        }
        throw new ConvergenceException($"{name}: the root of F(x) = {p:R} was not bracketed to full precision in {MaxIterations} steps; the bracket is [{lower:R}, {upper:R}].",
            0.5 * (lower + upper), upper - lower, MaxIterations);
    }

    /// <summary>A point strictly inside the bracket: a step out when it is open above, the geometric mean when it spans decades.</summary>
    private static double Bisect(double lower, double upper, double x)
    {
        if (double.IsPositiveInfinity(upper)) return Math.Max(4 * x, Math.Max(2 * lower, 1));
        if (lower == 0) return upper * 1e-3 > 0 ? upper * 1e-3 : upper / 2;
        if (upper > 8 * lower) return Math.Sqrt(lower) * Math.Sqrt(upper);
        return lower + 0.5 * (upper - lower);
    }
}
