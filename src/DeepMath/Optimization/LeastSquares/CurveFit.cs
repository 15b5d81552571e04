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
    /// <exception cref="ArgumentException">Shapes disagree, fewer observations than parameters, or non-finite data.</exception>
    public static CurveFitResult Fit(Func<Tensor<double>, Tensor<double>, Tensor<double>> model, Tensor<double> x, Tensor<double> y, double[] start,
        LeastSquaresOptions? options = null)
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
        var solve = NonlinearLeastSquares.Solve(ResidualFunction.FromTensor(p =>
        {
            var predicted = model(p, xConstant);
            if (!predicted.Shape.Equals(yConstant.Shape))
                throw new ArgumentException($"The model returned shape {predicted.Shape} for {yConstant.Length} observations; it must return one prediction per observation.");
            return yConstant - predicted;
        }), (double[])start.Clone(), options ?? new LeastSquaresOptions());
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
