namespace DeepMath.Calculus;

/// <summary>
/// Numerical differentiation. The main routines use Ridders' method (central differences on a
/// shrinking step, extrapolated to zero step), which typically reaches 12-14 significant digits and
/// reports an error estimate. With the default step they search initial steps over ten decades and
/// keep the most consistent value with an error raised to f's measured rounding noise (so sin at 1e8
/// and sin(e^x) at 10 are right, and cancelling functions report the digits they lose);
/// <see cref="CentralDifference"/> is the simple one-shot formula for comparison.
/// When an estimate is not within 1e-9 relative, the table is restarted from a 16 times smaller step (at
/// most three times) and the best estimate kept, which rescues initial steps that straddle a singularity.
/// The caller's arrays are never modified.
/// </summary>
public static partial class NumericalDerivative
{
    /// <summary>f'(x) by Ridders' extrapolation of central differences.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">Finite point.</param>
    /// <param name="initialStep">
    /// Largest step (&gt; 0), or 0 to search steps from 0.1 to 1e-10 of max(1, |x|). f should be smooth on
    /// [x - step, x + step]; if f is not finite there the step is shrunk by decades first.
    /// </param>
    /// <returns>The derivative and its error estimate.</returns>
    public static DerivativeResult Derivative(Func<double, double> f, double x, double initialStep = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(x, nameof(x));
        var step = InitialStep(initialStep, x, nameof(initialStep));
        DifferenceQuotient quotient = (h, estimate) =>
        {
            var (plus, minus) = (x + h, x - h);
            estimate[0] = (f(plus) - f(minus)) / (plus - minus);
            return 0.5 * (plus - minus);
        };
        if (initialStep == 0) return AdaptiveSteps.Search(quotient, f, x, order: 1);
        var values = new double[1];
        var errors = new double[1];
        RiddersExtrapolation.RunWithRestarts(quotient, step, values, errors);
        return new DerivativeResult(values[0], errors[0]);
    }

    /// <summary>f''(x) by Ridders' extrapolation of the central second difference.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">Finite point.</param>
    /// <param name="initialStep">Largest step (&gt; 0), or 0 for 0.1 * max(1, |x|).</param>
    /// <returns>The second derivative and its error estimate.</returns>
    public static DerivativeResult SecondDerivative(Func<double, double> f, double x, double initialStep = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(x, nameof(x));
        var step = InitialStep(initialStep, x, nameof(initialStep));
        var centre = f(x);
        DifferenceQuotient quotient = (h, estimate) =>
        {
            estimate[0] = SecondDifference(f(x + h), centre, f(x - h), (x + h) - x, x - (x - h));
            return 0.5 * ((x + h) - (x - h));
        };
        if (initialStep == 0) return AdaptiveSteps.Search(quotient, f, x, order: 2);
        var values = new double[1];
        var errors = new double[1];
        RiddersExtrapolation.RunWithRestarts(quotient, step, values, errors);
        return new DerivativeResult(values[0], errors[0]);
    }

    /// <summary>
    /// One central difference (f(x + h) - f(x - h)) / 2h with h = cbrt(eps) * max(1, |x|). The truncation
    /// error is about h^2 |f'''| / 6 and the rounding error about eps |f| / h; their sum is smallest for h
    /// proportional to eps^(1/3), which leaves roughly two thirds of the digits (about 1e-10 relative).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">Finite point.</param>
    /// <returns>The difference quotient.</returns>
    public static double CentralDifference(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(x, nameof(x));
        var h = Math.Cbrt(Precision.MachineEpsilon) * Math.Max(1, Math.Abs(x));
        var (plus, minus) = (x + h, x - h);
        return (f(plus) - f(minus)) / (plus - minus);
    }

    /// <summary>Second difference on possibly unequal representable offsets (exact for quadratics).</summary>
    private static double SecondDifference(double fPlus, double fCentre, double fMinus, double stepPlus, double stepMinus) =>
        2 * (((fPlus - fCentre) / stepPlus) - ((fCentre - fMinus) / stepMinus)) / (stepPlus + stepMinus);

    private static double InitialStep(double requested, double x, string name)
    {
        if (!(requested >= 0) || !double.IsFinite(requested))
        {
            throw new ArgumentException($"{name} must be finite and non-negative (0 = automatic), but was {Guard.Format(requested)}.", name);
        }

        return requested > 0 ? requested : 0.1 * Math.Max(1, Math.Abs(x));
    }
}
