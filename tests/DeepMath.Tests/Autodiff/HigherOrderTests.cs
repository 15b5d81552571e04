using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Autodiff;

public class HigherOrderTests
{
    private static Tensor<double> Rosenbrock(Tensor<double> v)
    {
        var x = v[..^1];
        var y = v[1..];
        return ((1.0 - x).Square() + 100.0 * (y - x.Square()).Square()).Sum();
    }

    /// <summary>The Hessian of the n-dimensional Rosenbrock function, written out by hand.</summary>
    private static double[,] RosenbrockHessian(double[] v)
    {
        int n = v.Length;
        var h = new double[n, n];
        for (int i = 0; i < n - 1; i++)
        {
            h[i, i] += 2 - 400 * (v[i + 1] - v[i] * v[i]) + 800 * v[i] * v[i];
            h[i, i + 1] += -400 * v[i];
            h[i + 1, i] += -400 * v[i];
            h[i + 1, i + 1] += 200;
        }
        return h;
    }

    [Fact]
    public void Rosenbrock_hessian_matches_the_analytic_one()
    {
        var point = new[] { 1.5, -0.5, 0.7, 2.0 };
        var h = Derivatives.Hessian(Rosenbrock, Tensor.FromArray(point));
        var expected = RosenbrockHessian(point);
        Assert.Equal([4, 4], h.Shape.ToArray());
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(expected[i, j], h[i, j], 1e-9);
    }

    [Fact]
    public void Hessian_vector_products_match_the_full_hessian()
    {
        var point = Tensor.FromArray([0.3, -1.2, 0.8]);
        var v = Tensor.FromArray([1.0, -2, 0.5]);
        var hv = Derivatives.Hvp(Rosenbrock, point, v);
        var full = Derivatives.Hessian(Rosenbrock, point).MatMul(v);
        Assert.True(Tensor.AllClose(full, hv, 1e-12, 1e-12), $"{hv} vs {full}");
    }

    [Fact]
    public void Jacobian_of_a_vector_function()
    {
        // f(x, y) = [x^2 y, 5x + sin y, x y]
        static Tensor<double> F(Tensor<double> v) => Tensor.Stack<double>([v[0..1].Square() * v[1..2], v[0..1] * 5.0 + v[1..2].Sin(), v[0..1] * v[1..2]]).Reshape(3);
        var j = Derivatives.Jacobian(F, Tensor.FromArray([2.0, 0.5]));
        double[] expected = [2 * 2 * 0.5, 4, 5, Math.Cos(0.5), 0.5, 2];
        DeepMath.Tests.Support.Reference.AssertClose(expected, j.ToArray(), 1e-15, 0);
        Assert.Equal([3, 2], j.Shape.ToArray());
    }

    [Fact]
    public void Derivatives_of_derivatives_of_scalar_functions()
    {
        // f(x) = x^4 e^x: f' = (4x^3 + x^4) e^x, f'' = (12x^2 + 8x^3 + x^4) e^x, f''' = (24x + 36x^2 + 12x^3 + x^4) e^x
        Func<Tensor<double>, Tensor<double>> f = x => x.Pow(4) * x.Exp();
        var d1 = Derivatives.Grad(f);
        var d2 = Derivatives.Grad(d1);
        var d3 = Derivatives.Grad(d2);
        double t = 0.7, e = Math.Exp(t);
        Assert.Equal((4 * t * t * t + Math.Pow(t, 4)) * e, d1(Tensor.Scalar(t)).ToScalar(), 1e-12);
        Assert.Equal((12 * t * t + 8 * t * t * t + Math.Pow(t, 4)) * e, d2(Tensor.Scalar(t)).ToScalar(), 1e-11);
        Assert.Equal((24 * t + 36 * t * t + 12 * t * t * t + Math.Pow(t, 4)) * e, d3(Tensor.Scalar(t)).ToScalar(), 1e-10);
        var (value, gradient) = Derivatives.ValueAndGrad(f)(Tensor.Scalar(t));
        Assert.Equal(Math.Pow(t, 4) * e, value.ToScalar(), 1e-14);
        Assert.Equal(d1(Tensor.Scalar(t)).ToScalar(), gradient.ToScalar());
    }

    [Fact]
    public void Second_derivatives_through_matmul_softmax_and_views()
    {
        var a = Tensor.Uniform<double>([3, 3], -1, 1, 4);
        Func<Tensor<double>, Tensor<double>> f = x => a.MatMul(x).Softmax(0)[1..].Square().Sum() + x.Norm();
        var x0 = Tensor.Uniform<double>([3], -1, 1, 5);
        var h = Derivatives.Hessian(f, x0);
        // Compare with finite differences of the autodiff gradient.
        var grad = Derivatives.Grad(f);
        for (int j = 0; j < 3; j++)
        {
            var e = Tensor.Zeros<double>(3);
            e[j] = 1e-5;
            var column = (grad(x0 + e) - grad(x0 - e)) / 2e-5;
            for (int i = 0; i < 3; i++) Assert.Equal(column[i], h[i, j], 1e-6);
        }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(h[i, j], h[j, i], 1e-12);
    }
}
