using DeepMath.LinearAlgebra;
using Xunit;

namespace DeepMath.Tests.LinearAlgebra;

public class SmallDecompositionTests
{
    private static double[] RandomMatrix(Random rng, int rows, int cols, double scale = 1)
        => [.. Enumerable.Range(0, rows * cols).Select(_ => (rng.NextDouble() * 2 - 1) * scale)];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(12, 7)]
    [InlineData(30, 9)]
    public void Jacobi_svd_reconstructs_with_orthonormal_factors_and_descending_values(int rows, int cols)
    {
        var rng = new Random(rows * 31 + cols);
        var a = RandomMatrix(rng, rows, cols);
        var (u, s, v) = SmallSvd.Decompose(a, rows, cols);
        for (int k = 1; k < cols; k++) Assert.True(s[k - 1] >= s[k]);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < cols; k++) sum += u[i * cols + k] * s[k] * v[j * cols + k];
                Assert.Equal(a[i * cols + j], sum, 1e-13);
            }
        for (int p = 0; p < cols; p++)
            for (int q = 0; q < cols; q++)
            {
                double uu = 0, vv = 0;
                for (int i = 0; i < rows; i++) uu += u[i * cols + p] * u[i * cols + q];
                for (int i = 0; i < cols; i++) vv += v[i * cols + p] * v[i * cols + q];
                Assert.Equal(p == q ? 1 : 0, uu, 1e-13);
                Assert.Equal(p == q ? 1 : 0, vv, 1e-13);
            }
    }

    [Fact]
    public void Jacobi_svd_keeps_tiny_singular_values_to_relative_accuracy()
    {
        // diag(1, 1e-12, 1e-300) in a rotated basis would lose the small ones in AᵀA; columns scaled directly keep them.
        var a = new double[] { 1, 0, 0, 0, 1e-12, 0, 0, 0, 1e-300, 0, 0, 0 };
        var (_, s, _) = SmallSvd.Decompose(a, 4, 3);
        Assert.Equal([1, 1e-12, 1e-300], s);
    }

    [Fact]
    public void Jacobi_svd_of_a_rank_deficient_matrix_has_a_zero_singular_value()
    {
        var a = new double[] { 1, 2, 2, 4, 3, 6 }; // second column = 2 x first
        var (_, s, _) = SmallSvd.Decompose(a, 3, 2);
        Assert.Equal(Math.Sqrt(70), s[0], 1e-13);
        Assert.True(s[1] < 1e-15);
    }

    [Fact]
    public void Householder_least_squares_matches_the_exact_solution_of_an_overdetermined_system()
    {
        // Fit y = 1 + 2x exactly through four points, then a noisy fourth point: the normal-equation answer.
        var a = new double[] { 1, 0, 1, 1, 1, 2, 1, 3 };
        Assert.Equal([1, 2], SmallQr.LeastSquares(a, 4, 2, [1, 3, 5, 7]).Select(v => Math.Round(v, 12)));
        var x = SmallQr.LeastSquares(a, 4, 2, [1, 3, 5, 8]);
        Assert.Equal(0.8, x[0], 1e-13); // (AᵀA)⁻¹Aᵀb by hand: intercept 0.8, slope 2.3
        Assert.Equal(2.3, x[1], 1e-13);
        var inverse = SmallQr.InverseGram(a, 4, 2)!;
        Assert.Equal(0.7, inverse[0], 1e-13); // (AᵀA)⁻¹ = [[0.7, -0.3], [-0.3, 0.2]]
        Assert.Equal(-0.3, inverse[1], 1e-13);
        Assert.Equal(0.2, inverse[3], 1e-13);
        Assert.Null(SmallQr.InverseGram([1, 2, 2, 4, 3, 6], 3, 2));
    }
}
