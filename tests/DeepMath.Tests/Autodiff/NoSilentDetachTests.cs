using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Autodiff;

/// <summary>Every operation either records its gradient or refuses, with a clear message, to drop one.</summary>
public class NoSilentDetachTests
{
    private static Tensor<double> Leaf(params double[] values) => Tensor.FromArray(values).RequireGrad();

    [Fact]
    public void Solve_det_and_slogdet_record_gradients_that_match_finite_differences()
    {
        var a = Tensor.FromArray([4.0, 1, 0.5, 1, 3, -1, 0.5, -1, 5], 3, 3);
        var b = Tensor.FromArray([1.0, -2, 0.5]);
        Assert.True(GradCheck.Run(t => Linalg.Solve(t[0], t[1]), [a, b]).Passed);
        Assert.True(GradCheck.Run(t => Linalg.Solve(t[0], t[1]), [a, Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 3, 2)]).Passed);
        Assert.True(GradCheck.Run(t => Linalg.Det(t[0]), [a]).Passed);
        Assert.True(GradCheck.Run(t => Linalg.SlogDet(t[0]).LogAbsDet, [a]).Passed);
        Assert.True(GradCheck.Run(t => new LuDecomposition<double>(t[0]).Solve(t[1]), [a, b]).Passed);
        var (sign, _) = Linalg.SlogDet(Tensor.FromArray([0.0, 1, 1, 0], 2, 2));
        Assert.Equal(-1.0, sign.ToScalar());
    }

    [Fact]
    public void The_gradient_of_det_at_a_singular_matrix_is_the_cofactor_matrix()
    {
        // rank 2: det = 0, and d det / dA = cofactor matrix (nonzero), not NaN.
        var a = Tensor.FromArray([1.0, 2, 3, 2, 4, 6, 1, 0, 1], 3, 3).RequireGrad();
        Linalg.Det(a).Backward();
        double[,] cofactors = { { 4, 4, -4 }, { -2, -2, 2 }, { 0, 0, 0 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(cofactors[i, j], a.Grad![i, j], 1e-12);
        var singular = Tensor.FromArray([1.0, 2, 2, 4], 2, 2).RequireGrad();
        var e = Assert.Throws<InvalidOperationException>(() => Linalg.SlogDet(singular).LogAbsDet.Backward());
        Assert.Contains("singular", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_derivatives_flow_through_solve_and_det()
    {
        // d^2/da^2 det([[a, 1], [1, a]]) = 2; d^2/dx^2 of (A^-1 x) . x = 2 A^-1 symmetrized.
        var h = Derivatives.Hessian(v => Linalg.Det(Tensor.Eye<double>(2) * v + Tensor.FromArray([0.0, 1, 1, 0], 2, 2)), Tensor.FromArray([3.0]));
        Assert.Equal(2.0, h[0, 0], 1e-10);
        var a = Tensor.FromArray([2.0, 0.5, 0.5, 1], 2, 2);
        var hx = Derivatives.Hessian(v => (Linalg.Solve(a, v) * v).Sum(), Tensor.FromArray([1.0, -1]));
        var inverse = Linalg.Solve(a, Tensor.Eye<double>(2));
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(2 * inverse[i, j], hx[i, j], 1e-12);
    }

    [Fact]
    public void Plain_number_routines_refuse_operands_that_require_gradients()
    {
        var w = Leaf(1, 2, 3, 4).Reshape(2, 2);
        var c = Tensor.Zeros<double>(2, 2);
        var e = Assert.Throws<InvalidOperationException>(() => Linalg.Gemm(Transposition.None, Transposition.None, 1.0, w, w, 0.0, c));
        Assert.Contains("MatMul", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Linalg.Gemv(Transposition.None, 1.0, w, Leaf(1, 1), 0.0, Tensor.Zeros<double>(2)));
        using (Autograd.NoGrad()) Linalg.Gemm(Transposition.None, Transposition.None, 1.0, w, w, 0.0, c);
        Assert.Equal([7.0, 10, 15, 22], c.ToArray());
    }

    [Fact]
    public void In_place_writes_and_casts_refuse_to_drop_a_gradient()
    {
        var x = Leaf(1, 2);
        var plain = Tensor.Zeros<double>(2);
        var e = Assert.Throws<InvalidOperationException>(() => plain.AddInPlace(x));
        Assert.Contains("would be lost", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => plain.CopyFrom(x));
        Assert.Throws<InvalidOperationException>(() => Tensor.Add(x, x, plain));
        Assert.Throws<InvalidOperationException>(() => Tensor.Exp(x, plain));
        var cast = Assert.Throws<InvalidOperationException>(() => x.Cast<float>());
        Assert.Contains("float64", cast.Message, StringComparison.Ordinal);
        Assert.Same(x, x.Cast<double>());
        using (Autograd.NoGrad())
        {
            plain.AddInPlace(x);
            Assert.Equal([1f, 2f], x.Cast<float>().ToArray());
        }
        Assert.Equal([1.0, 2.0], plain.ToArray());
        Assert.Equal([1f, 2f], x.Detach().Cast<float>().ToArray());
    }

    [Fact]
    public void Multi_output_functions_get_null_for_unused_outputs_and_every_used_gradient()
    {
        var x = Leaf(3, -1, 2);
        var (sign, logAbs) = Linalg.SlogDet(x.Reshape(3, 1).MatMul(x.Reshape(1, 3)) + Tensor.Eye<double>(3));
        Assert.True(sign.RequiresGrad && logAbs.RequiresGrad);
        (logAbs * 2.0).Backward();
        // det(I + x x^T) = 1 + |x|^2, so d log det / dx = 2x / (1 + |x|^2), doubled.
        double norm2 = 14;
        double[] expected = [4 * 3 / (1 + norm2), 4 * -1 / (1 + norm2), 4 * 2 / (1 + norm2)];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], x.Grad![i], 1e-12);

        var pair = new SplitFunction();
        var y = Leaf(1, 2, 3, 4);
        var halves = pair.Record([y.Detach()[..2].Clone(), y.Detach()[2..].Clone()], y);
        (halves[1] * 3.0).Sum().Backward();
        Assert.Equal([0.0, 0, 3, 3], y.Grad!.ToArray());
        Assert.Equal([false, true], pair.Seen);
    }

    /// <summary>Splits a vector in two halves, recording which output gradients arrive.</summary>
    private sealed class SplitFunction : MultiOutputFunction<double>
    {
        public bool[] Seen { get; private set; } = [];

        public override Tensor<double>?[] Backward(IReadOnlyList<Tensor<double>> outputs, IReadOnlyList<Tensor<double>?> outputGradients,
            IReadOnlyList<Tensor<double>> inputs, IReadOnlyList<bool> needsGradient)
        {
            Seen = [.. outputGradients.Select(g => g is not null)];
            var first = outputGradients[0] ?? Tensor.ZerosLike(outputs[0]);
            var second = outputGradients[1] ?? Tensor.ZerosLike(outputs[1]);
            return [Tensor.Concatenate([first, second])];
        }
    }
}
