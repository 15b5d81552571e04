using DeepMath.Optimization.LeastSquares;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class LeastSquaresTests
{
    // Misra1a's data (NIST StRD): y = b1 (1 - exp(-b2 x)).
    private static readonly double[] X = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
    private static readonly double[] Y = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78];

    private static Tensor<double> Model(Tensor<double> b, Tensor<double> x) => b.Select(0, 0) * (1.0 - (-b.Select(0, 1) * x).Exp());

    [Fact]
    public void A_bound_that_binds_puts_the_fit_on_it_at_the_constrained_optimum()
    {
        // With b1 <= 200 (the free optimum is 238.9), the constrained optimum has b1 = 200 and b2 minimizing the 1-D sum of squares.
        var fit = CurveFit.Fit(Model, Tensor.FromArray(X), Tensor.FromArray(Y), [150, 1e-4], lower: [0, 0], upper: [200, 1]);
        Assert.True(fit.Converged, fit.Solve.Message);
        var b = fit.Parameters.ToArray();
        Assert.Equal(200, b[0], 6);
        double Rss(double b2) => X.Zip(Y, (x, y) => y - 200 * (1 - Math.Exp(-b2 * x))).Sum(r => r * r);
        var reference = Minimize1D.Brent(Rss, 1e-4, 2e-3, 1e-14);
        Assert.Equal(reference.X, b[1], 10);
        Assert.Equal(reference.Value, fit.ResidualSumOfSquares, 8);
    }

    [Fact]
    public void Curve_fit_statistics_match_the_definitions()
    {
        var fit = CurveFit.Fit(Model, Tensor.FromArray(X), Tensor.FromArray(Y), [500, 1e-4]);
        double mean = Y.Average(), total = Y.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(12, fit.DegreesOfFreedom);
        Assert.Equal(1 - fit.ResidualSumOfSquares / total, fit.RSquared, 14);
        Assert.Equal(Math.Sqrt(fit.ResidualSumOfSquares / 12), fit.ResidualStandardDeviation, 14);
        // The covariance is symmetric with the squared standard errors on its diagonal.
        Assert.Equal(fit.Covariance[0, 1], fit.Covariance[1, 0], 15);
        Assert.Equal(fit.StandardErrors[0] * fit.StandardErrors[0], fit.Covariance[0, 0], 10);
    }

    [Fact]
    public void Plain_delegates_with_and_without_a_jacobian_agree_with_the_tensor_form()
    {
        double[] Residuals(double[] b) => [.. X.Zip(Y, (x, y) => y - b[0] * (1 - Math.Exp(-b[1] * x)))];
        double[,] Jacobian(double[] b)
        {
            var j = new double[X.Length, 2];
            for (int i = 0; i < X.Length; i++)
            {
                j[i, 0] = -(1 - Math.Exp(-b[1] * X[i]));
                j[i, 1] = -b[0] * X[i] * Math.Exp(-b[1] * X[i]);
            }
            return j;
        }
        var exact = NonlinearLeastSquares.LevenbergMarquardtOnArrays(Residuals, Jacobian, [500, 1e-4]);
        var differenced = NonlinearLeastSquares.LevenbergMarquardtOnArrays(Residuals, null, [500, 1e-4]);
        var tensor = NonlinearLeastSquares.LevenbergMarquardt(b => Tensor.FromArray(Y) - Model(b, Tensor.FromArray(X)), Tensor.FromArray(new[] { 500.0, 1e-4 }));
        Assert.True(exact.Converged && differenced.Converged && tensor.Converged);
        Assert.Equal(exact.Parameters[0], tensor.Parameters[0], 6); // both stop within about 1e-9 relative of the optimum
        Assert.Equal(exact.Parameters[0], differenced.Parameters[0], 5);
        Assert.Equal(2.3894212918E+02, exact.Parameters[0], 7);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var x = Tensor.FromArray(X);
        var y = Tensor.FromArray(Y);
        Assert.Throws<ArgumentException>(() => CurveFit.Fit(Model, x, Tensor.FromArray(Y[..5]), [1, 1]));
        Assert.Throws<ArgumentException>(() => CurveFit.Fit(Model, x, y, [300, 1e-4], lower: [0, 0], upper: [200, 1])); // start outside
        Assert.Throws<ArgumentException>(() => CurveFit.Fit(Model, x, y, [1, 1], lower: [0, 0]));
        Assert.Throws<ArgumentException>(() => CurveFit.Fit((b, t) => b.Select(0, 0) * t.Sum(), x, y, [1.0])); // one prediction, not 14
        Assert.Throws<ArgumentException>(() => NonlinearLeastSquares.LevenbergMarquardtOnArrays(b => [b[0]], null, [1.0, 2.0])); // 1 residual, 2 parameters
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CurveFit.Fit(Model, x, y, [1, 1], new LeastSquaresOptions { MaxIterations = 0 }));
        Assert.Equal("MaxIterations", e.ParamName);
    }

    [Fact]
    public void A_non_converging_fit_reports_so_and_ensure_converged_throws_with_the_sum_of_squares()
    {
        var r = NonlinearLeastSquares.LevenbergMarquardt(b => Tensor.FromArray(Y) - Model(b, Tensor.FromArray(X)), Tensor.FromArray(new[] { 500.0, 1e-4 }),
            new LeastSquaresOptions { MaxIterations = 1 });
        Assert.False(r.Converged);
        Assert.Equal(StopReason.MaxIterations, r.Reason);
        var e = Assert.Throws<DeepMath.Calculus.ConvergenceException>(() => r.EnsureConverged());
        Assert.Equal(r.ResidualSumOfSquares, e.Value);
    }
}
