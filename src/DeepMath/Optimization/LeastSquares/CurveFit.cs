using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

/// <summary>
/// Fits a model y ≈ model(parameters, x) by nonlinear least squares (scipy.optimize.curve_fit), with the
/// Jacobian by automatic differentiation and parameter standard errors from the QR factors of the
/// Jacobian at the solution.
/// </summary>
public static class CurveFit
{
    /// <summary>
    /// Fits <paramref name="model"/>, which maps the parameters (1-D) and the predictors
    /// <paramref name="x"/> (any shape whose first axis runs over the n observations) to n predictions.
    /// </summary>
    /// <remarks>
    /// With bounds (±infinity for a free side) the trust-region reflective method is used; without, Levenberg-Marquardt,
    /// falling back to trust-region reflective when it does not converge (NIST's MGH10 from its first start), unless
    /// <see cref="LeastSquaresOptions.Method"/> says otherwise. Standard errors ignore the bounds (as scipy's curve_fit).
    /// </remarks>
    /// <exception cref="ArgumentException">Shapes disagree, fewer observations than parameters, non-finite data, or bounds that do not fit.</exception>
    public static CurveFitResult Fit(Func<Tensor<double>, Tensor<double>, Tensor<double>> model, Tensor<double> x, Tensor<double> y, double[] start,
        LeastSquaresOptions? options = null, double[]? lower = null, double[]? upper = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(start);
        if (y.Rank != 1) throw new ArgumentException($"y must be 1-D (one value per observation), got shape {y.Shape}.", nameof(y));
        if (x.Rank == 0 || x.Shape[0] != y.Length) throw new ArgumentException($"x has shape {x.Shape} but y has {y.Length} observations: x's first axis must match.", nameof(x));
        var yValues = y.Contiguous().ToArray();
        if (!VectorIsFinite(yValues) || !VectorIsFinite(x.Contiguous().ToArray())) throw new ArgumentException("x or y has NaN or infinite entries.");
        var xConstant = x.Detach();
        var yConstant = y.Detach();
        options ??= new LeastSquaresOptions();
        Tensor<double> Residuals(Tensor<double> p)
        {
            var predicted = model(p, xConstant);
            if (!predicted.Shape.Equals(yConstant.Shape))
                throw new ArgumentException($"The model returned shape {predicted.Shape} for {yConstant.Length} observations; it must return one prediction per observation.");
            return yConstant - predicted;
        }
        if ((lower is null) != (upper is null)) throw new ArgumentException("Give both lower and upper bounds, or neither (use infinities for free sides).", nameof(lower));
        if (lower is not null && options.Method == LeastSquaresMethod.LevenbergMarquardt)
            throw new ArgumentException("Levenberg-Marquardt takes no bounds; use LeastSquaresMethod.TrustRegionReflective or Auto.", nameof(lower));
        var free = Enumerable.Repeat(double.PositiveInfinity, start.Length).ToArray();
        LeastSquaresResult Reflective() => NonlinearLeastSquares.TrustRegionReflective(Residuals, Tensor.FromArray((double[])start.Clone()),
            lower ?? [.. free.Select(v => -v)], upper ?? free, options);
        LeastSquaresResult solve;
        if (lower is not null || options.Method == LeastSquaresMethod.TrustRegionReflective) solve = Reflective();
        else
        {
            solve = NonlinearLeastSquares.Solve(ResidualFunction.FromTensor(Residuals), (double[])start.Clone(), options);
            if (!solve.Converged && options.Method == LeastSquaresMethod.Auto)
            {
                var fallback = Reflective();
                if (fallback.Converged || fallback.ResidualSumOfSquares < solve.ResidualSumOfSquares) solve = fallback;
            }
        }
        int n = yValues.Length, m = start.Length, degrees = n - m;
        double rss = solve.ResidualSumOfSquares;
        double s2 = degrees > 0 ? rss / degrees : double.NaN;
        var inverse = SmallQr.InverseGram(solve.Jacobian.Contiguous().ToArray(), n, m);
        var covariance = new double[m * m];
        for (int i = 0; i < covariance.Length; i++) covariance[i] = inverse is null ? double.NaN : s2 * inverse[i];
        var errors = new double[m];
        for (int j = 0; j < m; j++) errors[j] = Math.Sqrt(covariance[j * m + j]);
        double mean = yValues.Average(), total = yValues.Sum(v => (v - mean) * (v - mean));
        return new CurveFitResult
        {
            Parameters = solve.Parameters,
            StandardErrors = Tensor.FromArray(errors),
            Covariance = Tensor.FromArray(covariance, m, m),
            ResidualSumOfSquares = rss,
            ResidualStandardDeviation = Math.Sqrt(s2),
            RSquared = total > 0 ? 1 - rss / total : double.NaN,
            DegreesOfFreedom = degrees,
            Solve = solve,
        };
    }

    private static bool VectorIsFinite(double[] values) => Array.TrueForAll(values, double.IsFinite);
}
