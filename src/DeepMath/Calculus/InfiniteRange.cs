namespace DeepMath.Calculus;

/// <summary>
/// Maps integrals over infinite ranges onto finite ones so that finite-interval rules apply.
/// [a, +inf) uses x = a + t/(1-t), (-inf, b] uses x = b - t/(1-t) (both t in [0, 1)), and
/// (-inf, +inf) uses x = t/(1-t^2) with t in (-1, 1); each integrand is multiplied by dx/dt.
/// </summary>
internal static class InfiniteRange
{
    /// <summary>
    /// Returns the integrand on the finite parameter range [lower, upper] for a &lt; b. Finite limits are
    /// returned unchanged. A parameter that lands on t = ±1 (x infinite) contributes zero: an integrable
    /// function must vanish there, and the rounding that produced such a node would otherwise turn 0 * inf into NaN.
    /// </summary>
    public static Func<double, double> Map(Func<double, double> f, double a, double b, out double lower, out double upper)
    {
        if (double.IsFinite(a) && double.IsFinite(b))
        {
            lower = a;
            upper = b;
            return f;
        }

        if (double.IsFinite(a))
        {
            lower = 0;
            upper = 1;
            return t =>
            {
                var complement = 1 - t;
                if (complement <= 0)
                {
                    return 0;
                }

                return f(a + (t / complement)) / (complement * complement);
            };
        }

        if (double.IsFinite(b))
        {
            lower = 0;
            upper = 1;
            return t =>
            {
                var complement = 1 - t;
                if (complement <= 0)
                {
                    return 0;
                }

                return f(b - (t / complement)) / (complement * complement);
            };
        }

        lower = -1;
        upper = 1;
        return t =>
        {
            // (1 - t)(1 + t) keeps 1 - t^2 accurate near the ends where t^2 would round to 1.
            var complement = (1 - t) * (1 + t);
            if (complement <= 0)
            {
                return 0;
            }

            var jacobian = Math.FusedMultiplyAdd(t, t, 1) / (complement * complement);
            return f(t / complement) * jacobian;
        };
    }
}
