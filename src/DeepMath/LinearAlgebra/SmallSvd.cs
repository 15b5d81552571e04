namespace DeepMath.LinearAlgebra;

/// <summary>
/// Singular value decomposition of a small dense tall matrix by one-sided Jacobi rotations (Hestenes):
/// columns are rotated in pairs until all are orthogonal. Accurate to high relative precision even for
/// tiny singular values, and simple; O(rows · cols²) per sweep, so for the few columns of a fitting problem.
/// </summary>
internal static class SmallSvd
{
    private const int MaxSweeps = 80;

    /// <summary>
    /// A = U diag(S) Vᵀ for a (rows x cols, row-major, rows &gt;= cols): U rows x cols with orthonormal
    /// columns (a zero column where S is 0), S descending, V cols x cols orthogonal.
    /// </summary>
    /// <exception cref="DecompositionNotConvergedException">Not orthogonal after 80 sweeps (NaN input, for one).</exception>
    public static (double[] U, double[] S, double[] V) Decompose(double[] a, int rows, int cols)
    {
        if (rows < cols) throw new ArgumentException($"SmallSvd needs rows >= cols, got {rows} x {cols}.");
        var u = (double[])a.Clone();
        var v = new double[cols * cols];
        for (int i = 0; i < cols; i++) v[i * cols + i] = 1;
        bool rotated = true;
        int sweep = 0;
        for (; rotated && sweep < MaxSweeps; sweep++)
        {
            rotated = false;
            for (int p = 0; p < cols - 1; p++)
                for (int q = p + 1; q < cols; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int i = 0; i < rows; i++)
                    {
                        double up = u[i * cols + p], uq = u[i * cols + q];
                        alpha += up * up; beta += uq * uq; gamma += up * uq;
                    }
                    if (gamma == 0 || Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    for (int i = 0; i < rows; i++)
                    {
                        double up = u[i * cols + p], uq = u[i * cols + q];
                        u[i * cols + p] = c * up - s * uq;
                        u[i * cols + q] = s * up + c * uq;
                    }
                    for (int i = 0; i < cols; i++)
                    {
                        double vp = v[i * cols + p], vq = v[i * cols + q];
                        v[i * cols + p] = c * vp - s * vq;
                        v[i * cols + q] = s * vp + c * vq;
                    }
                }
        }
        if (rotated) throw new DecompositionNotConvergedException($"The Jacobi SVD of a {rows} x {cols} matrix did not converge in {MaxSweeps} sweeps (non-finite entries?).", sweep);
        var sigma = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            // Scaled by the column's largest entry, so a 1e-300 column does not square to 0.
            double largest = 0, norm = 0;
            for (int i = 0; i < rows; i++) largest = Math.Max(largest, Math.Abs(u[i * cols + j]));
            if (largest > 0)
                for (int i = 0; i < rows; i++) { double t = u[i * cols + j] / largest; norm += t * t; }
            sigma[j] = largest * Math.Sqrt(norm);
            if (sigma[j] > 0) for (int i = 0; i < rows; i++) u[i * cols + j] /= sigma[j];
        }
        // Sort descending, permuting the columns of U and V alike.
        var order = Enumerable.Range(0, cols).OrderByDescending(j => sigma[j]).ToArray();
        var us = new double[rows * cols];
        var vs = new double[cols * cols];
        var ss = new double[cols];
        for (int k = 0; k < cols; k++)
        {
            int j = order[k];
            ss[k] = sigma[j];
            for (int i = 0; i < rows; i++) us[i * cols + k] = u[i * cols + j];
            for (int i = 0; i < cols; i++) vs[i * cols + k] = v[i * cols + j];
        }
        return (us, ss, vs);
    }
}
