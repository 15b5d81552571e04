using DeepMath.Cli.Strd;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.LinearAlgebra;

public class LstsqTests
{
    [Fact]
    public void An_overdetermined_system_gets_the_normal_equations_answer_and_its_residual()
    {
        var a = Tensor.FromArray(new double[] { 1, 0, 1, 1, 1, 2, 1, 3 }, 4, 2);
        var r = Linalg.Lstsq(a, Tensor.FromArray([1.0, 3, 5, 8]));
        Assert.Equal(0.8, r.Solution[0], 1e-13);
        Assert.Equal(2.3, r.Solution[1], 1e-13);
        Assert.Equal(2, r.Rank);
        // Residuals 0.2, -0.1, -0.4, 0.3: squares sum to 0.3.
        Assert.Equal(0.3, r.Residuals[0], 1e-13);
    }

    [Fact]
    public void A_rank_deficient_system_gets_the_minimum_norm_solution()
    {
        // Columns equal: every x0 + x1 = 1 fits [1, 1, 1]; the minimum-norm one is (0.5, 0.5). No residuals (rank < n, as NumPy).
        var a = Tensor.FromArray(new double[] { 1, 1, 2, 2, 3, 3 }, 3, 2);
        var r = Linalg.Lstsq(a, Tensor.FromArray([1.0, 2, 3]));
        Assert.Equal(1, r.Rank);
        Assert.Equal(0.5, r.Solution[0], 1e-13);
        Assert.Equal(0.5, r.Solution[1], 1e-13);
        Assert.Equal(0, r.Residuals.Length);
    }

    [Fact]
    public void A_wide_system_gets_the_minimum_norm_solution_and_several_right_hand_sides_work_at_once()
    {
        // x0 + x1 + x2 = 3: minimum norm (1, 1, 1); with b = 6 it doubles.
        var a = Tensor.FromArray(new double[] { 1, 1, 1 }, 1, 3);
        var r = Linalg.Lstsq(a, Tensor.FromArray(new double[] { 3, 6 }, 1, 2));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1, r.Solution[i, 0], 1e-13);
            Assert.Equal(2, r.Solution[i, 1], 1e-13);
        }
    }

    [Fact]
    public void Random_full_rank_systems_satisfy_the_normal_equations()
    {
        var rng = new Random(11);
        foreach (var (m, n) in new[] { (5, 5), (20, 3), (40, 12) })
        {
            var a = Tensor.FromArray([.. Enumerable.Range(0, m * n).Select(_ => rng.NextDouble() - 0.5)], m, n);
            var b = Tensor.FromArray([.. Enumerable.Range(0, m).Select(_ => rng.NextDouble())]);
            var x = Linalg.Lstsq(a, b).Solution;
            // Aᵀ(Ax - b) = 0.
            var gradient = a.Transpose().MatMul(a.MatMul(x) - b).ToArray();
            Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-12, $"{m}x{n}: Aᵀr = {g:E2}"));
        }
    }

    [Fact]
    public void Float_inputs_and_bad_shapes()
    {
        var r = Linalg.Lstsq(Tensor.FromArray(new float[] { 2, 0, 0, 4 }, 2, 2), Tensor.FromArray([2f, 2f]));
        Assert.Equal(1f, r.Solution[0]);
        Assert.Equal(0.5f, r.Solution[1]);
        Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Tensor.FromArray([1.0, 2]), Tensor.FromArray([1.0, 2])));
        var e = Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Tensor.Ones<double>(3, 2), Tensor.FromArray([1.0, 2])));
        Assert.Contains("3 rows", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Tensor.FromArray(new[] { 1.0, double.NaN }, 2, 1), Tensor.FromArray([1.0, 2])));
    }
}

public class NistLinearTests
{
    private static string DataFolder => Path.Combine(Support.RepositoryPaths.Root, "data", "nist");

    public static TheoryData<string> Sets() => [.. LinearStrd.Names];

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_certified_quantity_agrees_to_seven_digits(string name)
    {
        var result = LinearStrd.Run(NistDataset.Load(Path.Combine(DataFolder, name + ".json")));
        // Wampler5's large residuals make every backward-stable solver lose about κ² eps of its coefficients:
        // 6 digits here (measured 6.0); the rest reach 7 or more (Filip 7.4).
        double target = name == "Wampler5" ? 5.9 : 7;
        Assert.True(result.MinLre >= target, $"{name}: LRE estimates {result.EstimateLre.Min():F1}, std errors {result.StandardErrorLre.Min():F1}, "
            + $"residual sd {result.ResidualStandardDeviationLre:F1}, R² {result.RSquaredLre:F1}");
    }

    [Fact]
    public void Linear_regression_statistics_follow_their_definitions()
    {
        // y = 1 + 2x exactly plus a known perturbation: R², s and the standard error of the slope by hand.
        var x = Tensor.FromArray([0.0, 1, 2, 3]);
        var fit = LinearRegression.Fit(x, Tensor.FromArray([1.0, 3, 5, 8]));
        Assert.Equal(0.8, fit.Coefficients[0], 1e-13);
        Assert.Equal(2.3, fit.Coefficients[1], 1e-13);
        Assert.Equal(0.3, fit.ResidualSumOfSquares, 1e-13);
        Assert.Equal(2, fit.DegreesOfFreedom);
        Assert.Equal(Math.Sqrt(0.15), fit.ResidualStandardDeviation, 1e-13);
        // Var(slope) = s² / Σ(x - x̄)² = 0.15 / 5.
        Assert.Equal(Math.Sqrt(0.03), fit.StandardErrors[1], 1e-13);
        Assert.Equal(1 - 0.3 / 26.75, fit.RSquared, 1e-13);
    }
}
