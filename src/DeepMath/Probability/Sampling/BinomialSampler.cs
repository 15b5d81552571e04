namespace DeepMath.Probability.Sampling;

/// <summary>
/// Binomial variates: inversion by the pmf recurrence when n·min(p, 1-p) &lt; 10 (few steps), otherwise
/// Hörmann's BTRS transformed rejection ("The generation of binomial random variates", 1993, as used by
/// TensorFlow and JAX), O(1) expected time for any n, exact acceptance through Stirling-corrected
/// log factorials. p &gt; 1/2 is sampled as n minus a draw with 1 - p.
/// </summary>
internal readonly struct BinomialSampler
{
    private readonly long _n;
    private readonly double _p;
    private readonly bool _flipped;
    // Inversion.
    private readonly double _q, _qn, _bound;
    // BTRS.
    private readonly double _a, _b, _c, _vr, _alpha, _logR, _m;

    public BinomialSampler(long n, double p)
    {
        _n = n;
        _flipped = p > 0.5;
        _p = _flipped ? 1 - p : p;
        _q = 1 - _p;
        double mean = n * _p;
        _qn = Math.Exp(n * SpecialFunctions.Log1P(-_p));
        _bound = Math.Min(n, mean + 10 * Math.Sqrt(mean * _q + 1));
        double sd = Math.Sqrt(mean * _q);
        _b = 1.15 + 2.53 * sd;
        _a = -0.0873 + 0.0248 * _b + 0.01 * _p;
        _c = mean + 0.5;
        _vr = 0.92 - 4.2 / _b;
        _alpha = (2.83 + 5.1 / _b) * sd;
        _logR = Math.Log(_p / _q);
        _m = Math.Floor((n + 1) * _p);
    }

    /// <summary>A Binomial(n, p) draw.</summary>
    public double Next(SampleStream stream)
    {
        if (_p == 0 || _n == 0) return _flipped ? _n : 0;
        double k = _n * _p < 10 ? Inversion(stream) : Btrs(stream);
        return _flipped ? _n - k : k;
    }

    private double Inversion(SampleStream stream)
    {
        while (true)
        {
            double u = stream.NextDouble(), px = _qn;
            for (double x = 0; ; )
            {
                if (u < px) return x;
                u -= px;
                x++;
                if (x > _bound) break; // rounding left u unmatched: start over (probability ~1e-16)
                px *= (_n - x + 1) * _p / (x * _q);
            }
        }
    }

    private double Btrs(SampleStream stream)
    {
        while (true)
        {
            double u = stream.NextDouble() - 0.5, v = stream.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * _a / us + _b) * u + _c);
            if (k < 0 || k > _n) continue;
            if (us >= 0.07 && v <= _vr) return k;
            v = Math.Log(v * _alpha / (_a / (us * us) + _b));
            double n = _n, m = _m;
            double bound = (m + 0.5) * Math.Log((m + 1) / ((n - m + 1) * Math.Exp(_logR))) + (n + 1) * Math.Log((n - m + 1) / (n - k + 1))
                + (k + 0.5) * (Math.Log((n - k + 1) / (k + 1)) + _logR)
                + StirlingTail(m) + StirlingTail(n - m) - StirlingTail(k) - StirlingTail(n - k);
            if (v <= bound) return k;
        }
    }

    /// <summary>log k! - [(k + 1/2) log(k + 1) - (k + 1) + log √(2π)]: the Stirling correction δ(k + 1).</summary>
    private static double StirlingTail(double k)
    {
        if (k >= 9) return SpecialFunctions.StirlingCorrection(k + 1);
        return SpecialFunctions.LogGamma(k + 1) - ((k + 0.5) * Math.Log(k + 1) - (k + 1) + 0.91893853320467274178032973640562);
    }
}
