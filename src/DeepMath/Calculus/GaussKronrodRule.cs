namespace DeepMath.Calculus;

/// <summary>One panel of the 7-point Gauss / 15-point Kronrod pair.</summary>
/// <param name="Kronrod">The 15-point Kronrod estimate of the integral over the panel.</param>
/// <param name="Gauss">The embedded 7-point Gauss estimate.</param>
/// <param name="Error">QUADPACK-style error estimate (see <see cref="GaussKronrodRule"/>).</param>
internal readonly record struct GaussKronrodPanel(double Kronrod, double Gauss, double Error);

/// <summary>
/// The G7-K15 rule on [-1, 1]. Node and weight values are the standard published ones
/// (Kronrod 1965, as tabulated in QUADPACK), given to more digits than a double holds; a test
/// checks that K15 integrates x^k exactly for k &lt;= 22 and G7 for k &lt;= 13.
/// </summary>
internal static class GaussKronrodRule
{
    /// <summary>Non-negative abscissae, outermost first; odd indices (and the centre) are the Gauss nodes.</summary>
    public static ReadOnlySpan<double> Nodes =>
    [
        0.991455371120812639206854697526329,
        0.949107912342758524526189684047851,
        0.864864423359769072789712788640926,
        0.741531185599394439863864773280788,
        0.586087235467691130294144845693013,
        0.405845151377397166906606412076961,
        0.207784955007898467600689403773245,
        0.0,
    ];

    /// <summary>Kronrod weights matching <see cref="Nodes"/>.</summary>
    public static ReadOnlySpan<double> KronrodWeights =>
    [
        0.022935322010529224963732008058970,
        0.063092092629978553290700663189204,
        0.104790010322250183839876322541518,
        0.140653259715525918745189590510238,
        0.169004726639267902826583426598550,
        0.190350578064785409913256402421014,
        0.204432940075298892414161999234649,
        0.209482141084727828012999174891714,
    ];

    /// <summary>Gauss weights for Nodes[1], Nodes[3], Nodes[5] and the centre.</summary>
    public static ReadOnlySpan<double> GaussWeights =>
    [
        0.129484966168869693270611432679082,
        0.279705391489276667901467771423780,
        0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    ];

    /// <summary>
    /// Applies the pair on [a, b]. The error estimate follows QUADPACK's QK15: the raw difference
    /// |K15 - G7| is rescaled by the integral of |f - mean| as resasc * min(1, (200 |K - G| / resasc)^1.5),
    /// which is pessimistic for rough integrands and optimistic (close to the true error) for smooth
    /// ones, and it is floored at 50 eps times the integral of |f| because nothing below roundoff is
    /// meaningful.
    /// </summary>
    /// <summary>x moved strictly inside (a, b) when rounding put it on or past an end (the panel is then only ulps wide).</summary>
    private static double Inside(double x, double a, double b)
        => x <= a ? Math.Min(Math.BitIncrement(a), 0.5 * (a + b)) : x >= b ? Math.Max(Math.BitDecrement(b), 0.5 * (a + b)) : x;

    /// <summary>
    /// What rounding the nodes to doubles can cost on a panel only a few thousand ulps wide: each node's
    /// value may be off by as much as f changes over one ulp of its argument, weighted as the rule weighs
    /// it. Negligible on ordinary panels; near an endpoint singularity such as 1/sqrt(1 - x²) at 1 it is
    /// the true limit of the accuracy (about 1e-8 there), which the Gauss-Kronrod difference cannot see.
    /// </summary>
    public static double NodeRoundingError(Func<double, double> f, double a, double b)
    {
        var nodes = Nodes;
        var weights = KronrodWeights;
        var center = 0.5 * (a + b);
        var halfLength = 0.5 * (b - a);
        double Sensitivity(double x)
        {
            var neighbour = Math.BitIncrement(x) < b ? Math.BitIncrement(x) : Math.BitDecrement(x);
            var change = Math.Abs(f(neighbour) - f(x));
            return double.IsFinite(change) ? change : 0;
        }

        var sum = weights[7] * Sensitivity(center);
        for (var j = 0; j < 7; j++)
        {
            var offset = halfLength * nodes[j];
            sum += weights[j] * (Sensitivity(Inside(center - offset, a, b)) + Sensitivity(Inside(center + offset, a, b)));
        }

        return sum * Math.Abs(halfLength);
    }

    public static GaussKronrodPanel Apply(Func<double, double> f, double a, double b)
    {
        var nodes = Nodes;
        var kronrodWeights = KronrodWeights;
        var gaussWeights = GaussWeights;
        var center = 0.5 * (a + b);
        var halfLength = 0.5 * (b - a);

        Span<double> left = stackalloc double[7];
        Span<double> right = stackalloc double[7];
        var fCenter = f(center);
        var kronrod = fCenter * kronrodWeights[7];
        var gauss = fCenter * gaussWeights[3];
        var absolute = Math.Abs(kronrod);
        for (var j = 0; j < 7; j++)
        {
            var offset = halfLength * nodes[j];
            // On a panel a few ulps wide, center +- offset can round onto an end (an integrable
            // singularity there, 1/sqrt(1 - x^2) at 1, would give inf): keep the nodes strictly inside.
            var f1 = f(Inside(center - offset, a, b));
            var f2 = f(Inside(center + offset, a, b));
            left[j] = f1;
            right[j] = f2;
            kronrod = Math.FusedMultiplyAdd(kronrodWeights[j], f1 + f2, kronrod);
            absolute = Math.FusedMultiplyAdd(kronrodWeights[j], Math.Abs(f1) + Math.Abs(f2), absolute);
            if ((j & 1) == 1)
            {
                gauss = Math.FusedMultiplyAdd(gaussWeights[j >> 1], f1 + f2, gauss);
            }
        }

        var mean = 0.5 * kronrod;
        var spread = kronrodWeights[7] * Math.Abs(fCenter - mean);
        for (var j = 0; j < 7; j++)
        {
            spread += kronrodWeights[j] * (Math.Abs(left[j] - mean) + Math.Abs(right[j] - mean));
        }

        var scale = Math.Abs(halfLength);
        absolute *= scale;
        spread *= scale;
        var error = Math.Abs((kronrod - gauss) * halfLength);
        if (spread != 0 && error != 0)
        {
            error = spread * Math.Min(1.0, Math.Pow(200 * error / spread, 1.5));
        }

        if (absolute > Precision.SmallestNormal / (50 * Precision.MachineEpsilon))
        {
            error = Math.Max(50 * Precision.MachineEpsilon * absolute, error);
        }

        return new GaussKronrodPanel(kronrod * halfLength, gauss * halfLength, error);
    }
}
