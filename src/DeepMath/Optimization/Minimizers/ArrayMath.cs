namespace DeepMath.Optimization.Minimizers;

/// <summary>The few dense vector operations the minimizers need, on plain arrays (their problems are small; Kernels.VectorMath is the SIMD tensor layer, not this).</summary>
internal static class ArrayMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>The Euclidean norm, scaled so that 1e200 entries do not overflow.</summary>
    public static double Norm(ReadOnlySpan<double> a)
    {
        double scale = MaxAbs(a);
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        double s = 0;
        foreach (double v in a) { double t = v / scale; s += t * t; }
        return scale * Math.Sqrt(s);
    }

    /// <summary>The infinity norm (NaN if any entry is NaN).</summary>
    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double v in a)
        {
            if (double.IsNaN(v)) return double.NaN;
            m = Math.Max(m, Math.Abs(v));
        }
        return m;
    }

    /// <summary>The 1-norm.</summary>
    public static double SumAbs(ReadOnlySpan<double> a)
    {
        double s = 0;
        foreach (double v in a) s += Math.Abs(v);
        return s;
    }

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
    }

    /// <summary>x + alpha d as a new array.</summary>
    public static double[] Step(double[] x, double alpha, double[] d)
    {
        var r = new double[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[i] + alpha * d[i];
        return r;
    }

    public static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = a[i] - b[i];
        return r;
    }

    public static double[] Negate(double[] a)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = -a[i];
        return r;
    }

    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (double v in a) if (!double.IsFinite(v)) return false;
        return true;
    }
}
