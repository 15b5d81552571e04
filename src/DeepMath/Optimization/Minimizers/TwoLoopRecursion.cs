namespace DeepMath.Optimization.Minimizers;

/// <summary>The L-BFGS two-loop recursion (Nocedal and Wright, Algorithm 7.4), shared by the minimizer and the network optimizer.</summary>
internal static class TwoLoopRecursion
{
    /// <summary>-H g by the two-loop recursion over the correction pairs (oldest first), restricted to the free variables when a mask is given (held ones get 0).</summary>
    public static double[] Direction(double[] g, IReadOnlyList<double[]> sList, IReadOnlyList<double[]> yList, bool[]? free = null)
    {
        int n = g.Length, count = sList.Count;
        var q = new double[n];
        for (int i = 0; i < n; i++) q[i] = free is null || free[i] ? g[i] : 0;
        var alpha = new double[count];
        var rho = new double[count];
        for (int j = count - 1; j >= 0; j--)
        {
            double sy = FreeDot(sList[j], yList[j], free);
            rho[j] = sy > 0 ? 1 / sy : 0;
            alpha[j] = rho[j] * FreeDot(sList[j], q, free);
            for (int i = 0; i < n; i++) if (free is null || free[i]) q[i] -= alpha[j] * yList[j][i];
        }
        if (count > 0)
        {
            double yy = FreeDot(yList[^1], yList[^1], free), sy = FreeDot(sList[^1], yList[^1], free);
            double gamma = yy > 0 && sy > 0 ? sy / yy : 1;
            for (int i = 0; i < n; i++) q[i] *= gamma;
        }
        for (int j = 0; j < count; j++)
        {
            double beta = rho[j] * FreeDot(yList[j], q, free);
            for (int i = 0; i < n; i++) if (free is null || free[i]) q[i] += sList[j][i] * (alpha[j] - beta);
        }
        for (int i = 0; i < n; i++) q[i] = free is null || free[i] ? -q[i] : 0;
        return q;
    }

    private static double FreeDot(double[] a, double[] b, bool[]? free)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) if (free is null || free[i]) s += a[i] * b[i];
        return s;
    }
}
