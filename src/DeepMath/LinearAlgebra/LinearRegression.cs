using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>An ordinary least-squares fit.</summary>
/// <param name="Coefficients">The estimates; with an intercept it comes first.</param>
/// <param name="StandardErrors">√diag(s² (XᵀX)⁻¹); NaN when the design is rank-deficient.</param>
/// <param name="ResidualStandardDeviation">s = √(RSS / (n - p)).</param>
/// <param name="RSquared">1 - RSS / TSS, with TSS about the mean when there is an intercept and about 0 when there is none (as NIST and R do).</param>
/// <param name="ResidualSumOfSquares">RSS.</param>
/// <param name="DegreesOfFreedom">n - p.</param>
/// <param name="Rank">The numerical rank of the design.</param>
public sealed record LinearRegressionResult(Tensor<double> Coefficients, Tensor<double> StandardErrors, double ResidualStandardDeviation, double RSquared,
    double ResidualSumOfSquares, int DegreesOfFreedom, int Rank);

/// <summary>
/// Ordinary least squares y ≈ X β (+ intercept) through <see cref="Linalg.Lstsq"/>'s column-equilibrated
/// SVD, never the normal equations (which square the condition number: NIST's Filip and Wampler5 need
/// the digits they would lose), with standard errors from the same decomposition.
/// </summary>
public static class LinearRegression
{
    /// <summary>Fits y (n) on the predictors x (n, or n x p).</summary>
    /// <exception cref="ArgumentException">Shapes disagree, fewer observations than coefficients, or non-finite data.</exception>
    public static LinearRegressionResult Fit(Tensor<double> x, Tensor<double> y, bool intercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rank != 1) throw new ArgumentException($"y must be 1-D, got shape {y.Shape}.", nameof(y));
        if (x.Rank is not (1 or 2) || x.Shape[0] != y.Length) throw new ArgumentException($"x has shape {x.Shape} but y has {y.Length} observations; x must be ({y.Length}) or ({y.Length}, p).", nameof(x));
        int n = y.Length, predictors = x.Rank == 1 ? 1 : x.Shape[1], p = predictors + (intercept ? 1 : 0);
        if (n < p) throw new ArgumentException($"{n} observations cannot determine {p} coefficients.", nameof(y));
        var xs = x.Detach().Contiguous().ToArray();
        var ys = y.Detach().Contiguous().ToArray();
        if (!Array.TrueForAll(xs, double.IsFinite) || !Array.TrueForAll(ys, double.IsFinite)) throw new ArgumentException("x or y has NaN or infinite entries.");
        var design = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            int c = 0;
            if (intercept) design[i * p + c++] = 1;
            for (int j = 0; j < predictors; j++) design[i * p + c++] = xs[i * predictors + j];
        }
        var (beta, singular, rank, _) = Linalg.SolveLeastSquares(design, n, p, ys, 1, 2.220446049250313e-16 * Math.Max(n, p), out var v, out var scale);
        double rss = 0, mean = intercept ? ys.Average() : 0, tss = 0;
        for (int i = 0; i < n; i++)
        {
            double fit = 0;
            for (int j = 0; j < p; j++) fit += design[i * p + j] * beta[j];
            rss += (ys[i] - fit) * (ys[i] - fit);
            tss += (ys[i] - mean) * (ys[i] - mean);
        }
        int df = n - p;
        double s2 = df > 0 ? rss / df : double.NaN;
        var errors = new double[p];
        int r = Math.Min(n, p);
        for (int j = 0; j < p; j++)
        {
            if (rank < p) { errors[j] = double.NaN; continue; }
            // (XᵀX)⁻¹_jj = Σ_l (V_jl / s_l)² / D_j².
            double sum = 0;
            for (int l = 0; l < r; l++) { double t = v[j * r + l] / singular[l]; sum += t * t; }
            errors[j] = Math.Sqrt(s2 * sum) / scale[j];
        }
        return new LinearRegressionResult(Tensor.FromArray(beta), Tensor.FromArray(errors), Math.Sqrt(s2), tss > 0 ? 1 - rss / tss : double.NaN, rss, df, rank);
    }
}
