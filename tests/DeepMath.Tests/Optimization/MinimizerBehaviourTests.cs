using DeepMath.Calculus;
using DeepMath.Optimization.Minimizers;
using DeepMath.Optimization.TestFunctions;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

/// <summary>Bounds, caps, non-finite values and the stopping reports of the minimizers.</summary>
public class MinimizerBehaviourTests
{
    private static readonly Objective Rosenbrock = Objective.FromTensorFunction(TestFunctionLibrary.Rosenbrock.Function);

    [Fact]
    public void LBfgs_solves_Rosenbrock_from_the_standard_start_in_about_forty_iterations_as_scipy()
    {
        var result = Minimize.LBfgs(Rosenbrock, [-1.2, 1]);
        Assert.True(result.Converged, result.Message);
        Assert.InRange(result.Iterations, 25, 45); // scipy's L-BFGS-B: 35 iterations, 44 evaluations
        Assert.Equal(1, result.Solution[0], 4);
        Assert.Equal(1, result.Solution[1], 4);
    }

    [Fact]
    public void Bounded_LBfgs_stops_on_an_active_bound_with_the_projected_gradient_at_zero()
    {
        // Rosenbrock restricted to x <= 0.5: the constrained minimum is at x = 0.5, y = 0.25.
        var result = Minimize.LBfgsB(Rosenbrock, [-1.2, 1], [double.NegativeInfinity, double.NegativeInfinity], [0.5, double.PositiveInfinity],
            new MinimizeOptions { GradientTolerance = 1e-9 });
        Assert.True(result.Converged, result.Message);
        Assert.Equal(0.5, result.Solution[0]);
        Assert.Equal(0.25, result.Solution[1], 7);
        Assert.Equal(-1, result.Gradient![0], 6); // df/dx = -2(1 - x) pushes against the bound
        Assert.True(result.GradientNorm <= 1e-9);
    }

    [Fact]
    public void Bounded_LBfgs_matches_the_unbounded_answer_when_no_bound_is_active()
    {
        var result = Minimize.LBfgsB(Rosenbrock, [-1.2, 1], [-5, -5], [5, 5], new MinimizeOptions { GradientTolerance = 1e-9, FunctionTolerance = 0 });
        Assert.Equal(1, result.Solution[0], 6);
        Assert.Equal(1, result.Solution[1], 6);
    }

    [Fact]
    public void A_start_outside_the_bounds_or_crossed_bounds_get_a_typed_error_naming_the_variable()
    {
        var e = Assert.Throws<ArgumentException>(() => Minimize.LBfgsB(Rosenbrock, [2, 0], [-1, -1], [1, 1]));
        Assert.Contains("x[0] = 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Minimize.LBfgsB(Rosenbrock, [0, 0], [1, -1], [-1, 1]));
        Assert.Contains("Bound 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Minimize.LBfgsB(Rosenbrock, [0, 0], [-1], [1]));
    }

    [Theory]
    [InlineData(MinimizeMethod.Bfgs)]
    [InlineData(MinimizeMethod.LBfgs)]
    [InlineData(MinimizeMethod.ConjugateGradientPolakRibiere)]
    [InlineData(MinimizeMethod.NewtonCg)]
    [InlineData(MinimizeMethod.TrustRegionNewton)]
    [InlineData(MinimizeMethod.NelderMead)]
    [InlineData(MinimizeMethod.Powell)]
    public void A_function_that_is_NaN_beyond_a_wall_is_minimized_inside_it_and_never_returns_NaN(MinimizeMethod method)
    {
        // f = (x - 2)² for x < 3 and NaN beyond: the line searches must back off from the NaN region.
        var objective = Objective.FromFunctions(x => x[0] < 3 ? (x[0] - 2) * (x[0] - 2) : double.NaN, x => [x[0] < 3 ? 2 * (x[0] - 2) : double.NaN]);
        var result = Minimize.Run(objective, [-40], method, new MinimizeOptions());
        Assert.True(double.IsFinite(result.Value), $"{result.Method}: {result.Message}");
        Assert.Equal(2, result.Solution[0], 3);
    }

    [Fact]
    public void The_iteration_and_evaluation_caps_are_respected_and_reported()
    {
        var capped = Minimize.Bfgs(Rosenbrock, [-1.2, 1], new MinimizeOptions { MaxIterations = 5 });
        Assert.Equal(StopReason.MaxIterations, capped.Reason);
        Assert.Equal(5, capped.Iterations);
        Assert.False(capped.Converged);
        Assert.Throws<ConvergenceException>(() => capped.EnsureConverged());

        var evaluations = Minimize.NelderMead(Rosenbrock, [-1.2, 1], new MinimizeOptions { MaxEvaluations = 30 });
        Assert.Equal(StopReason.MaxEvaluations, evaluations.Reason);
        Assert.InRange(evaluations.FunctionEvaluations, 30, 32); // one iteration may finish its last evaluation or two
    }

    [Fact]
    public void Gradient_descent_follows_the_books_update_and_reports_divergence()
    {
        // Kneusel's gd_1d.py: f = 6x² - 12x + 3 from x = -0.9 with eta = 0.03; each step multiplies (x - 1) by 1 - 12 eta = 0.64.
        var f = Objective.FromTensorFunction(x => 6.0 * x.Square().Sum() - 12.0 * x.Sum() + 3.0);
        var result = Minimize.GradientDescent(f, [-0.9], 0.03, options: new MinimizeOptions { MaxIterations = 10, RecordPath = true, GradientTolerance = 0 });
        Assert.Equal(11, result.Path.Count);
        for (int k = 0; k < result.Path.Count; k++) Assert.Equal(1 - 1.9 * Math.Pow(0.64, k), result.Path[k][0], 12);

        var diverged = Minimize.GradientDescent(f, [-0.9], 1.0, options: new MinimizeOptions { MaxIterations = 2000 });
        Assert.Equal(StopReason.Diverged, diverged.Reason);
        Assert.Contains("too large", diverged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Momentum_and_Nesterov_reach_the_global_minimum_of_the_books_two_Gaussians_where_plain_descent_stops_short()
    {
        var surface = TestFunctionLibrary.BookTwoGaussians;
        var f = Objective.FromTensorFunction(surface.Function);
        var options = new MinimizeOptions { GradientTolerance = 1e-8, MaxIterations = 20000 };
        var plain = Minimize.GradientDescent(f, [-0.3, -0.5], 0.01, options: options);
        var momentum = Minimize.GradientDescent(f, [-0.3, -0.5], 0.01, 0.9, options: options);
        var nesterov = Minimize.GradientDescent(f, [-0.3, -0.5], 0.01, 0.9, nesterov: true, options: options);
        foreach (var r in new[] { plain, momentum, nesterov }) Assert.True(r.Converged, $"{r.Method}: {r.Message}");
        Assert.True(momentum.Iterations < plain.Iterations && nesterov.Iterations < plain.Iterations,
            $"steps: plain {plain.Iterations}, momentum {momentum.Iterations}, Nesterov {nesterov.Iterations}");
    }

    [Fact]
    public void Finite_difference_gradients_are_counted_as_function_evaluations()
    {
        var objective = Objective.FromFunctions(x => (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2));
        Assert.False(objective.HasExactGradient);
        var result = Minimize.Bfgs(objective, [0, 0]);
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1, result.Solution[0], 5);
        Assert.Equal(-2, result.Solution[1], 5);
        Assert.Equal(5 * result.GradientEvaluations, result.FunctionEvaluations); // f plus 2n = 4 probes per gradient
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        Assert.Throws<ArgumentException>(() => Minimize.Bfgs(Rosenbrock, []));
        Assert.Throws<ArgumentException>(() => Minimize.Bfgs(Rosenbrock, [double.NaN, 0]));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Minimize.Bfgs(Rosenbrock, [0, 0], new MinimizeOptions { GradientTolerance = -1 }));
        Assert.Equal("GradientTolerance", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Minimize.GradientDescent(Rosenbrock, [0, 0], 0));
        Assert.Throws<ArgumentException>(() => Minimize.Function(x => x, Tensor.FromArray([1.0, 2.0]))); // not scalar-valued
    }
}

public class Minimize1DTests
{
    [Fact]
    public void Brent_and_golden_section_find_the_minimum_of_a_smooth_function_to_the_tolerance()
    {
        // cos x has its minimum at pi on [2, 4].
        var brent = Minimize1D.Brent(Math.Cos, 2, 4, 1e-12);
        var golden = Minimize1D.GoldenSection(Math.Cos, 2, 4, 1e-12);
        Assert.True(brent.Converged && golden.Converged);
        Assert.Equal(Math.PI, brent.X, 7); // |x - pi| ~ sqrt(eps): cos is flat to second order there
        Assert.Equal(Math.PI, golden.X, 7);
        Assert.True(brent.FunctionEvaluations < golden.FunctionEvaluations, $"Brent {brent.FunctionEvaluations}, golden {golden.FunctionEvaluations}");
    }

    [Fact]
    public void A_minimum_at_the_end_of_the_interval_is_found_at_the_end()
    {
        var r = Minimize1D.Brent(x => x, 1, 3, 1e-10);
        Assert.Equal(1, r.X, 7); // to the tolerance plus sqrt(eps)|x|, as fminbound
    }

    [Fact]
    public void BrentFrom_brackets_first_and_an_unbounded_function_gets_a_typed_error()
    {
        var r = Minimize1D.BrentFrom(x => (x - 10) * (x - 10) + 1, 0, 1);
        Assert.Equal(10, r.X, 6);
        Assert.Equal(1, r.Value, 12);
        Assert.Throws<ConvergenceException>(() => Minimize1D.BrentFrom(x => -x, 0, 1));
    }

    [Fact]
    public void Nan_is_treated_as_worse_than_any_number()
    {
        var r = Minimize1D.Brent(x => x < 0.5 ? double.NaN : (x - 1) * (x - 1), 0, 3, 1e-10);
        Assert.Equal(1, r.X, 6);
    }

    [Fact]
    public void Empty_or_non_finite_intervals_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Minimize1D.Brent(Math.Cos, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Minimize1D.GoldenSection(Math.Cos, double.NegativeInfinity, 2));
    }
}

public class NewtonResultApiTests
{
    [Fact]
    public void Newton_reports_through_the_shared_result_and_a_saddle_is_not_a_minimum()
    {
        // f = x² - y² from (1, 0): the iterates stay on y = 0 and reach the saddle at the origin.
        var saddle = Minimize.Function(v => v.Select(0, 0).Square() - v.Select(0, 1).Square(), Tensor.FromArray([1.0, 0.0]), MinimizeMethod.Newton);
        Assert.Equal(StopReason.NotAMinimum, saddle.Reason);
        Assert.False(saddle.Converged);
        Assert.Contains("saddle", saddle.Message, StringComparison.Ordinal);

        var bowl = Minimize.Function(TestFunctionLibrary.Rosenbrock.Function, Tensor.FromArray([-1.2, 1.0]), MinimizeMethod.Newton,
            new MinimizeOptions { GradientTolerance = 1e-10, RecordPath = true });
        Assert.True(bowl.Converged, bowl.Message);
        Assert.Equal(1, bowl.Solution[0], 8);
        Assert.Equal(bowl.Iterations + 1, bowl.Path.Count);
        Assert.Throws<ArgumentException>(() => Minimize.Newton(Objective.FromFunctions(x => x[0] * x[0]), [1.0]));

        // McCormick outside its box: a genuine local minimum, with x + y = -2π/3 (mod 2π) and x - y = 1.
        var mccormick = Minimize.Function(TestFunctionLibrary.McCormick.Function, Tensor.FromArray([0.0, 0.0]), MinimizeMethod.Newton,
            new MinimizeOptions { GradientTolerance = 1e-10 });
        Assert.True(mccormick.Converged, mccormick.Message);
        double u = mccormick.Solution[0] + mccormick.Solution[1];
        Assert.Equal(1, mccormick.Solution[0] - mccormick.Solution[1], 8);
        Assert.Equal(0, Math.IEEERemainder(u + 2 * Math.PI / 3, 2 * Math.PI), 8);
    }
}
