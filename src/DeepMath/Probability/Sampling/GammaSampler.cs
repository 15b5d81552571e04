namespace DeepMath.Probability.Sampling;

/// <summary>
/// Marsaglia and Tsang's gamma sampler ("A simple method for generating gamma variables", 2000): for
/// shape a &gt;= 1 a transformed normal (1 + c z)³ accepted by a squeeze (no logarithm for about 98% of
/// draws) or the exact log test; for a &lt; 1, G(a + 1)·U^(1/a) formed in logs so tiny shapes do not
/// underflow before the result does. The scale is 1; callers scale.
/// </summary>
internal readonly struct GammaSampler
{
    private readonly double _shape, _d, _c;
    private readonly bool _boosted;

    public GammaSampler(double shape)
    {
        _shape = shape;
        _boosted = shape < 1;
        double a = _boosted ? shape + 1 : shape;
        _d = a - 1.0 / 3;
        _c = 1 / Math.Sqrt(9 * _d);
    }

    /// <summary>A Gamma(shape, 1) draw.</summary>
    public double Next(SampleStream stream)
    {
        if (_shape == 1) return stream.NextExponential();
        double g = Core(stream);
        if (!_boosted) return g;
        return Math.Exp(Math.Log(g) + Math.Log(stream.NextOpenDouble()) / _shape);
    }

    private double Core(SampleStream stream)
    {
        while (true)
        {
            double z, v;
            do
            {
                z = stream.NextNormal();
                v = 1 + _c * z;
            }
            while (v <= 0);
            v = v * v * v;
            double u = stream.NextOpenDouble(), z2 = z * z;
            if (u < 1 - 0.0331 * z2 * z2) return _d * v;
            if (Math.Log(u) < 0.5 * z2 + _d * (1 - v + Math.Log(v))) return _d * v;
        }
    }
}
