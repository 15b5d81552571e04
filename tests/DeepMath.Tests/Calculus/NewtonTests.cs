using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class NewtonTests
{
    private static Tensor<double> Rosenbrock(Tensor<double> v) => (1.0 - v[0..1]).Square().Sum() + 100.0 * (v[1..2] - v[0..1].Square()).Square().Sum();

    [Fact]
    public void Minimizes_rosenbrock_from_the_classic_start()
    {
        var result = Newton.Minimize(Rosenbrock, Tensor.FromArray([-1.2, 1.0]));
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0, result.Solution[0], 1e-9);
        Assert.Equal(1.0, result.Solution[1], 1e-9);
        Assert.Equal(result.Iterations + 1, result.Path.Count);
        Assert.Equal([-1.2, 1.0], result.Path[0].ToArray());
        Assert.True(result.Iterations < 40);
    }

    [Fact]
    public void A_quadratic_is_minimized_in_one_step()
    {
        var a = Tensor.FromArray([4.0, 1, 1, 3], 2, 2);
        var b = Tensor.FromArray([1.0, 2]);
        Func<Tensor<double>, Tensor<double>> f = x => 0.5 * (x * a.MatMul(x)).Sum() - (b * x).Sum();
        var result = Newton.Minimize(f, Tensor.FromArray([10.0, -7]));
        Assert.True(result.Converged);
        Assert.Equal(1, result.Iterations);
        var exact = Linalg.Solve(a, b);
        Assert.True(Tensor.AllClose(exact, result.Solution, 1e-12, 1e-12));
    }

    [Fact]
    public void Unbounded_problems_report_non_convergence()
    {
        var flag = Newton.Minimize(x => x.Pow(3).Sum() + x.Sum(), Tensor.FromArray([0.5]), maxIterations: 30, throwOnFailure: false);
        Assert.False(flag.Converged);
        var e = Assert.Throws<ConvergenceException>(() => Newton.Minimize(x => -x.Square().Sum() * x.Exp().Sum(), Tensor.FromArray([1.0]), maxIterations: 20));
        Assert.Contains("did not converge", e.Message);
    }

    [Fact]
    public void Solves_nonlinear_systems()
    {
        // x^2 + y^2 = 4, x y = 1: the root near (1.93, 0.52) is ((sqrt(6) + sqrt(2)) / 2, (sqrt(6) - sqrt(2)) / 2).
        static Tensor<double> F(Tensor<double> v) =>
            Tensor.Concatenate<double>([v.Square().Sum().Reshape(1) - 4.0, (v[0..1] * v[1..2]) - 1.0]);
        var result = Newton.SolveSystem(F, Tensor.FromArray([2.0, 0.0]));
        Assert.True(result.Converged);
        Assert.Equal((Math.Sqrt(6) + Math.Sqrt(2)) / 2, result.Solution[0], 1e-12);
        Assert.Equal((Math.Sqrt(6) - Math.Sqrt(2)) / 2, result.Solution[1], 1e-12);
        var none = Newton.SolveSystem(v => v.Square() + 1.0, Tensor.FromArray([0.3]), maxIterations: 25, throwOnFailure: false);
        Assert.False(none.Converged);
        Assert.Throws<ArgumentException>(() => Newton.SolveSystem(v => v.Sum().Reshape(1), Tensor.FromArray([1.0, 2])));
    }

    [Fact]
    public void Lu_solves_systems_and_detects_singular_matrices()
    {
        var a = Tensor.Uniform<double>([20, 20], -1, 1, 3) + Tensor.Eye<double>(20) * 5.0;
        var x = Tensor.Uniform<double>([20, 3], -1, 1, 4);
        var b = a.MatMul(x);
        Assert.True(Tensor.AllClose(x, Linalg.Solve(a, b), 1e-12, 1e-12));
        Assert.Equal(-2.0, Linalg.Determinant(Tensor.FromArray([1.0, 2, 3, 4], 2, 2)).ToScalar(), 1e-14);
        Assert.Equal(-24.0, Linalg.Determinant(Tensor.FromArray([0.0, 2, 0, 3, 0, 0, 0, 0, 4], 3, 3)).ToScalar(), 1e-14);
        var singular = new LuDecomposition<double>(Tensor.FromArray([1.0, 2, 2, 4], 2, 2));
        Assert.True(singular.IsSingular);
        Assert.Throws<InvalidOperationException>(() => singular.Solve(Tensor.FromArray([1.0, 1])));
        Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye<double>(3), Tensor.Ones<double>(2)));
    }
}

/// <summary>Issue 18, item 10: Newton's minimizer never reports a saddle point as a minimum, and its modified Hessian stays well conditioned.</summary>
public class NewtonStationaryPointTests
{
    private static Tensor<double> Rastrigin(Tensor<double> v)
        => (v.Square() - 10.0 * (v * (2 * Math.PI)).Cos()).Sum() + 10.0 * v.Length;

    private static Tensor<double> GoldsteinPrice(Tensor<double> v)
    {
        var x = v[..1];
        var y = v[1..];
        var a = 1.0 + (x + y + 1.0).Square() * (19.0 - 14.0 * x + 3.0 * x.Square() - 14.0 * y + 6.0 * x * y + 3.0 * y.Square());
        var b = 30.0 + (2.0 * x - 3.0 * y).Square() * (18.0 - 32.0 * x + 12.0 * x.Square() + 48.0 * y - 36.0 * x * y + 27.0 * y.Square());
        return (a * b).Sum();
    }

    [Fact]
    public void A_saddle_is_reported_as_a_saddle()
    {
        // From y = 0 the gradient never leaves the line y = 0, so the iteration ends at the saddle (0, 0).
        var result = Newton.Minimize(v => v[..1].Square().Sum() - v[1..].Square().Sum(), Tensor.FromArray([0.5, 0.0]), throwOnFailure: false);
        Assert.False(result.Converged);
        Assert.Equal("saddle point", result.StationaryPoint);
        Assert.Contains("saddle", result.Message, StringComparison.Ordinal);
        Assert.Throws<ConvergenceException>(() => Newton.Minimize(v => v[..1].Square().Sum() - v[1..].Square().Sum(), Tensor.FromArray([0.5, 0.0])));
        var maximum = Newton.Minimize(v => -v.Square().Sum(), Tensor.FromArray([0.0, 0.0]), throwOnFailure: false);
        Assert.Equal("maximum", maximum.StationaryPoint);
    }

    [Theory]
    [InlineData("rastrigin", 2.5, -3.1)]
    [InlineData("goldstein-price", 0.5, 0.5)]
    [InlineData("rastrigin", 0.4, 0.6)]
    public void From_the_reported_starts_it_ends_at_a_true_minimum(string name, double x0, double y0)
    {
        Func<Tensor<double>, Tensor<double>> f = name == "rastrigin" ? Rastrigin : GoldsteinPrice;
        var result = Newton.Minimize(f, Tensor.FromArray([x0, y0]), tolerance: 1e-8, maxIterations: 200, throwOnFailure: false);
        Assert.True(result.Converged, result.Message);
        Assert.Equal("minimum", result.StationaryPoint);
        var h = DeepMath.Calculus.Derivatives.Hessian(f, result.Solution);
        double det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
        Assert.True(h[0, 0] > 0 && det > 0, $"Hessian at {result.Solution} is not positive definite");
    }
}
