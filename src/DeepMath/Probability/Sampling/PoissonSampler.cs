namespace DeepMath.Probability.Sampling;

/// <summary>
/// Poisson variates: the multiplication method for rates below 10 (O(λ) uniforms), Hörmann's PTRS
/// transformed rejection with squeeze ("The transformed rejection method for generating Poisson random
/// variables", 1993) above, with O(1) expected uniforms and a log Γ only in the rare exact test.
/// </summary>
internal readonly struct PoissonSampler
{
    private readonly double _rate, _expMinusRate, _logRate, _a, _b, _logInverseAlpha, _vr;

    public PoissonSampler(double rate)
    {
        _rate = rate;
        _expMinusRate = Math.Exp(-rate);
        _logRate = Math.Log(rate);
        double sqrtRate = Math.Sqrt(rate);
        _b = 0.931 + 2.53 * sqrtRate;
        _a = -0.059 + 0.02483 * _b;
        _logInverseAlpha = Math.Log(1.1239 + 1.1328 / (_b - 3.4));
        _vr = 0.9277 - 3.6224 / (_b - 2);
    }

    /// <summary>A Poisson(rate) draw.</summary>
    public double Next(SampleStream stream)
    {
        if (_rate == 0) return 0;
        if (_rate < 10)
        {
            double product = 1;
            for (long k = 0; ; k++)
            {
                product *= stream.NextDouble();
                if (product <= _expMinusRate) return k;
            }
        }
        while (true)
        {
            double u = stream.NextDouble() - 0.5, v = stream.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * _a / us + _b) * u + _rate + 0.43);
            if (us >= 0.07 && v <= _vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + _logInverseAlpha - Math.Log(_a / (us * us) + _b) <= -_rate + k * _logRate - SpecialFunctions.LogGamma(k + 1))
                return k;
        }
    }
}
