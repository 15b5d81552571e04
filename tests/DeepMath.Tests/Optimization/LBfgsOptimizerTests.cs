using DeepMath.Autodiff;
using DeepMath.LinearAlgebra;
using DeepMath.Neural;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class LBfgsOptimizerTests
{
    [Fact]
    public void Full_batch_least_squares_reaches_the_normal_equations_solution()
    {
        // y = X w + b with known w, b and noise; the least-squares answer solves the normal equations exactly.
        var rng = new Random(3);
        int n = 40;
        var xs = new double[n * 3];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) xs[i * 3 + j] = rng.NextDouble() * 4 - 2;
            ys[i] = 1.5 * xs[i * 3] - 2 * xs[i * 3 + 1] + 0.5 * xs[i * 3 + 2] + 0.25 + 0.1 * (rng.NextDouble() - 0.5);
        }
        var x = Tensor.FromArray(xs, n, 3);
        var y = Tensor.FromArray(ys, n, 1);
        var weight = Tensor.Zeros<double>(3, 1).RequireGrad();
        var bias = Tensor.Zeros<double>(1).RequireGrad();
        var optimizer = new LBfgs<double>([weight, bias], gradientTolerance: 1e-12, changeTolerance: 0); // torch's 1e-9 on the loss change stops at 1e-5 here
        double Closure()
        {
            optimizer.ZeroGrad();
            var residual = x.MatMul(weight) + bias - y;
            var loss = residual.Square().Mean();
            loss.Backward();
            return loss.ToScalar();
        }
        for (int step = 0; step < 5; step++) optimizer.Step(Closure);

        // The reference: [X 1]ᵀ[X 1] β = [X 1]ᵀ y, solved directly.
        var design = Tensor.Concatenate([x, Tensor.Ones<double>(n, 1)], axis: 1);
        var beta = Linalg.Solve(design.Transpose().MatMul(design), design.Transpose().MatMul(y));
        var b = beta.Contiguous().ToArray();
        var w = weight.Detach().Contiguous().ToArray();
        for (int j = 0; j < 3; j++) Assert.Equal(b[j], w[j], 8);
        Assert.Equal(b[3], bias.Detach().ToArray()[0], 8);
        Assert.Equal(5, optimizer.StepCount);
    }

    [Fact]
    public void Step_without_a_closure_says_what_to_call()
    {
        var p = Tensor.Ones<float>(2).RequireGrad();
        var optimizer = new LBfgs<float>([p]);
        Assert.True(optimizer.RequiresClosure);
        p.Grad = Tensor.Ones<float>(2);
        var e = Assert.Throws<InvalidOperationException>(() => optimizer.Step());
        Assert.Contains("Step(closure)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LBfgs<float>([p], maxIterations: 0));
    }

    [Fact]
    public void A_network_trains_full_batch_on_iris_to_a_low_loss()
    {
        var data = DeepMath.Data.Datasets.BuiltInDatasets.Load<float>("iris", seed: 1);
        var model = ModelSpec.Parse("4-8-3:tanh").Build<float>(new RandomGenerator(1));
        var optimizer = new LBfgs<float>(model.Parameters());
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < 10; step++)
        {
            last = optimizer.Step(() =>
            {
                optimizer.ZeroGrad();
                var loss = Losses.CrossEntropy(model.Forward(data.Train.Inputs), data.Train.Labels);
                loss.Backward();
                return loss.ToScalar();
            });
            if (step == 0) first = last;
        }
        Assert.True(last < first / 10, $"loss {first} -> {last}");
    }
}
