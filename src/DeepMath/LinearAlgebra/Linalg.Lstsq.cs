using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

public static partial class Linalg
{
    /// <summary>
    /// The minimum-norm least-squares solution of A x ≈ b for a 2-D A (m x n) and b of m or m x k:
    /// singular values below <paramref name="rcond"/> times the largest are treated as zero (default
    /// eps · max(m, n), as NumPy). Computed in double through the SVD of A with its columns scaled to unit
    /// norm (one-sided Jacobi: singular values to high relative accuracy, so polynomial fits such as
    /// NIST's Filip keep their digits). O(m n²) per sweep: for the tall, narrow problems of fitting; the
    /// blocked LAPACK-style solvers for large matrices come with the decompositions.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not fit (named), or non-finite entries.</exception>
    public static LstsqResult<T> Lstsq<T>(Tensor<T> a, Tensor<T> b, double? rcond = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2) throw new ArgumentException($"Lstsq needs a 2-D A, got shape {a.Shape}.", nameof(a));
        int m = a.Shape[0], n = a.Shape[1];
        if (b.Rank is not (1 or 2) || b.Shape[0] != m) throw new ArgumentException($"Lstsq: b has shape {b.Shape} but A has {m} rows; b must be ({m}) or ({m}, k).", nameof(b));
        if (rcond is { } rc && !(rc >= 0)) throw new ArgumentOutOfRangeException(nameof(rcond), rc, "rcond must be at least 0.");
        int k = b.Rank == 1 ? 1 : b.Shape[1];
        var av = ToDoubles(a);
        var bv = ToDoubles(b);
        if (!Array.TrueForAll(av, double.IsFinite) || !Array.TrueForAll(bv, double.IsFinite)) throw new ArgumentException("Lstsq: A or b has NaN or infinite entries.");
        var (x, singular, rank, residuals) = SolveLeastSquares(av, m, n, bv, k, rcond ?? 2.220446049250313e-16 * Math.Max(m, n), out _, out _);
        var solution = b.Rank == 1 ? Tensor.FromArray(Convert<T>(x)) : Tensor.FromArray(Convert<T>(x), n, k);
        var residualTensor = residuals is null ? Tensor.Zeros<T>(0) : Tensor.FromArray(Convert<T>(residuals));
        return new LstsqResult<T>(solution, residualTensor, rank, Tensor.FromArray(singular));
    }

    /// <summary>x (n x k, row-major), the singular values, the rank and the residual sums of squares (null when rank &lt; n or m &lt;= n).</summary>
    /// <remarks><paramref name="v"/> (n x min(m, n)) and <paramref name="scale"/> (the column norms divided out) let callers form (AᵀA)⁻¹ = D⁻¹ V S⁻² Vᵀ D⁻¹.</remarks>
    internal static (double[] X, double[] Singular, int Rank, double[]? Residuals) SolveLeastSquares(double[] a, int m, int n, double[] b, int k, double rcond,
        out double[] v, out double[] scale)
    {
        // Equilibrate the columns: the SVD then sees the conditioning that matters, not the units.
        scale = new double[n];
        var scaled = (double[])a.Clone();
        for (int j = 0; j < n; j++)
        {
            double largest = 0, norm = 0;
            for (int i = 0; i < m; i++) largest = Math.Max(largest, Math.Abs(a[i * n + j]));
            if (largest > 0) for (int i = 0; i < m; i++) { double t = a[i * n + j] / largest; norm += t * t; }
            scale[j] = largest > 0 ? largest * Math.Sqrt(norm) : 1;
            for (int i = 0; i < m; i++) scaled[i * n + j] /= scale[j];
        }
        // A wide A is decomposed through its transpose (the Jacobi SVD needs rows >= columns).
        bool wide = m < n;
        var (u, s, right) = wide ? SmallSvd.Decompose(Transpose(scaled, m, n), n, m) : SmallSvd.Decompose(scaled, m, n);
        if (wide) (u, right) = (right, u);
        v = right;
        int r = Math.Min(m, n);
        int rank = 0;
        double cutoff = rcond * (s.Length > 0 ? s[0] : 0);
        for (int i = 0; i < r; i++) if (s[i] > cutoff) rank++;
        // z = V S⁺ Uᵀ b, then x = D⁻¹ z. U is m x r, V is n x r.
        var x = new double[n * k];
        for (int c = 0; c < k; c++)
        {
            var coefficients = new double[r];
            for (int l = 0; l < rank; l++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += u[i * r + l] * b[i * k + c];
                coefficients[l] = dot / s[l];
            }
            for (int j = 0; j < n; j++)
            {
                double z = 0;
                for (int l = 0; l < rank; l++) z += right[j * r + l] * coefficients[l];
                x[j * k + c] = z / scale[j];
            }
        }
        double[]? residuals = null;
        if (rank == n && m > n)
        {
            residuals = new double[k];
            for (int c = 0; c < k; c++)
                for (int i = 0; i < m; i++)
                {
                    double fit = 0;
                    for (int j = 0; j < n; j++) fit += a[i * n + j] * x[j * k + c];
                    double e = b[i * k + c] - fit;
                    residuals[c] += e * e;
                }
        }
        return (x, s, rank, residuals);
    }

    private static double[] Transpose(double[] a, int m, int n)
    {
        var t = new double[n * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
        return t;
    }

    private static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = t.Detach().Contiguous().ToArray();
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = double.CreateTruncating(values[i]);
        return result;
    }

    private static T[] Convert<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = T.CreateTruncating(values[i]);
        return result;
    }
}
