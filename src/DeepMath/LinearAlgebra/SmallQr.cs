namespace DeepMath.LinearAlgebra;

/// <summary>
/// Unblocked Householder QR of a small dense row-major matrix (tall: rows &gt;= cols), for least-squares
/// steps and covariance matrices of fitting problems with a handful of parameters. Solving through QR
/// instead of the normal equations keeps the digits that forming AᵀA would square away.
/// </summary>
internal static class SmallQr
{
    /// <summary>
    /// Factors a (rows x cols, row-major, overwritten) in place: R in the upper triangle, the Householder
    /// vectors below it (scaled so v[k] = 1 implicitly), their factors in tau. Each column is scaled by its
    /// largest entry before its norm is taken, so entries near 1e±200 neither overflow nor underflow.
    /// </summary>
    public static double[] Factor(double[] a, int rows, int cols)
    {
        if (rows < cols) throw new ArgumentException($"SmallQr needs rows >= cols, got {rows} x {cols}.");
        var tau = new double[cols];
        for (int k = 0; k < cols; k++)
        {
            double scale = 0;
            for (int i = k; i < rows; i++) scale = Math.Max(scale, Math.Abs(a[i * cols + k]));
            if (scale == 0 || !double.IsFinite(scale)) { tau[k] = 0; continue; }
            double sum = 0;
            for (int i = k; i < rows; i++) { double t = a[i * cols + k] / scale; sum += t * t; }
            double alpha = a[k * cols + k];
            double norm = scale * Math.Sqrt(sum);
            double beta = alpha >= 0 ? -norm : norm;
            tau[k] = (beta - alpha) / beta;
            double divisor = alpha - beta;
            for (int i = k + 1; i < rows; i++) a[i * cols + k] /= divisor;
            a[k * cols + k] = beta;
            for (int j = k + 1; j < cols; j++)
            {
                double dot = a[k * cols + j];
                for (int i = k + 1; i < rows; i++) dot += a[i * cols + k] * a[i * cols + j];
                dot *= tau[k];
                a[k * cols + j] -= dot;
                for (int i = k + 1; i < rows; i++) a[i * cols + j] -= dot * a[i * cols + k];
            }
        }
        return tau;
    }

    /// <summary>b ← Qᵀ b for a factored matrix.</summary>
    public static void ApplyQTranspose(double[] factored, double[] tau, int rows, int cols, double[] b)
    {
        for (int k = 0; k < cols; k++)
        {
            if (tau[k] == 0) continue;
            double dot = b[k];
            for (int i = k + 1; i < rows; i++) dot += factored[i * cols + k] * b[i];
            dot *= tau[k];
            b[k] -= dot;
            for (int i = k + 1; i < rows; i++) b[i] -= dot * factored[i * cols + k];
        }
    }

    /// <summary>The x minimizing ||a x - b|| (a rows x cols, full column rank); a and b are left unchanged. NaN entries when R is singular.</summary>
    public static double[] LeastSquares(double[] a, int rows, int cols, double[] b)
    {
        var f = (double[])a.Clone();
        var tau = Factor(f, rows, cols);
        var qtb = (double[])b.Clone();
        ApplyQTranspose(f, tau, rows, cols, qtb);
        var x = new double[cols];
        for (int i = cols - 1; i >= 0; i--)
        {
            double s = qtb[i];
            for (int j = i + 1; j < cols; j++) s -= f[i * cols + j] * x[j];
            x[i] = s / f[i * cols + i];
        }
        return x;
    }

    /// <summary>
    /// (AᵀA)⁻¹ = R⁻¹R⁻ᵀ from the QR factors of a (cols x cols, row-major), or null when R is singular to
    /// working precision (a diagonal entry below 1e-14 of the largest): the parameters are not identifiable.
    /// </summary>
    public static double[]? InverseGram(double[] a, int rows, int cols)
    {
        var f = (double[])a.Clone();
        Factor(f, rows, cols);
        double largest = 0;
        for (int i = 0; i < cols; i++) largest = Math.Max(largest, Math.Abs(f[i * cols + i]));
        for (int i = 0; i < cols; i++)
            if (!(Math.Abs(f[i * cols + i]) > 1e-14 * largest)) return null;
        // R⁻¹ by back substitution, column by column (upper triangular).
        var rInv = new double[cols * cols];
        for (int j = 0; j < cols; j++)
        {
            rInv[j * cols + j] = 1 / f[j * cols + j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int k = i + 1; k <= j; k++) s += f[i * cols + k] * rInv[k * cols + j];
                rInv[i * cols + j] = -s / f[i * cols + i];
            }
        }
        var result = new double[cols * cols];
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0;
                for (int k = Math.Max(i, j); k < cols; k++) s += rInv[i * cols + k] * rInv[j * cols + k];
                result[i * cols + j] = s;
            }
        return result;
    }
}
