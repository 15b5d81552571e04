using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Tensors;

/// <summary>Sliding windows (overlapping views) and their scatter-add adjoint.</summary>
public class UnfoldTests
{
    [Theory]
    [InlineData(7, 3, 1)]
    [InlineData(7, 3, 2)]
    [InlineData(8, 2, 3)]
    [InlineData(5, 5, 1)]
    [InlineData(4, 1, 1)]
    public void Windows_hold_the_elements_of_a_naive_loop(int n, int size, int step)
    {
        var x = Tensor.Uniform<double>([2, n], -1, 1, 3);
        var windows = x.Unfold(1, size, step);
        int count = (n - size) / step + 1;
        Assert.Equal([2, count, size], windows.Shape.ToArray());
        for (int r = 0; r < 2; r++)
            for (int w = 0; w < count; w++)
                for (int k = 0; k < size; k++)
                    Assert.Equal(x[r, w * step + k], windows[r, w, k]);
    }

    [Fact]
    public void Gradient_adds_every_window_share()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, 5]).RequireGrad();
        x.Unfold(0, 3, 1).Sum().Backward();
        // Element i lies in as many windows as start within 2 positions before it.
        Assert.Equal([1.0, 2, 3, 2, 1], x.Grad!.ToArray());
    }

    [Fact]
    public void Gradients_and_second_derivatives_agree_with_finite_differences()
    {
        var image = Tensor.Uniform<double>([2, 5, 6], -1, 1, 4);
        var weights = Tensor.Uniform<double>([3, 2], -1, 1, 5);
        Tensor<double> Convolve(Tensor<double> x)
            => (x.Unfold(1, 3, 1).Unfold(2, 2, 2) * weights).Sum([3, 4]).Square();
        Assert.True(GradCheck.Run(t => Convolve(t[0]), [image]).Passed);
        Assert.True(GradCheck.Run(t => t[0].Transpose(1, 2).Unfold(1, 2, 1).Exp(), [image]).Passed);
        // Second order: the gradient of the squared windowed sums is itself checked.
        var probe = Tensor.Uniform<double>([2, 5, 6], -1, 1, 6);
        var second = GradCheck.Run(t =>
        {
            using var recording = GradMode.Enable(); // finite differences run with recording off; the inner gradient needs it
            var g = Autograd.Grad((Convolve(t[0]) * 1.0).Sum(), [t[0]], createGraph: true)[0];
            return g * probe;
        }, [image]);
        Assert.True(second.Passed, second.ToString());
    }

    [Fact]
    public void Overlapping_windows_cannot_be_written_but_disjoint_ones_can()
    {
        var x = Tensor.Zeros<double>(6);
        Assert.Throws<InvalidOperationException>(() => x.Unfold(0, 3, 1).Fill(1.0));
        x.Unfold(0, 2, 2).Fill(2.0);
        Assert.Equal([2.0, 2, 2, 2, 2, 2], x.ToArray());
    }

    [Fact]
    public void Bad_window_arguments_name_the_axis()
    {
        var x = Tensor.Zeros<double>(2, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Unfold(1, 5));
        Assert.Contains("axis 1 of size 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Unfold(0, 1, 0));
        Assert.Equal([0, 3, 2], Tensor.Zeros<double>(0, 4).Unfold(1, 2).Shape.ToArray());
    }
}
