using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class CreationTests
{
    [Fact]
    public void Zeros_ones_full_and_likes()
    {
        Assert.Equal(new double[6], Tensor.Zeros<double>(2, 3).ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 4).ToArray(), Tensor.Ones<float>(4).ToArray());
        Assert.Equal(Enumerable.Repeat(2.5, 6).ToArray(), Tensor.Full([2, 3], 2.5).ToArray());
        Assert.Equal([2, 3], Tensor.OnesLike(Tensor.Zeros<int>(2, 3)).Shape.ToArray());
        Assert.Equal(0, Tensor.Scalar(3.0).Rank);
        Assert.Equal(1, Tensor.Scalar(3.0).Length);
        Assert.Equal(0, Tensor.Zeros<float>(3, 0).Length);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(2, -1));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(100_000, 100_000, 100));
    }

    [Fact]
    public void Eye_places_ones_on_the_requested_diagonal()
    {
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], Tensor.Eye<double>(3).ToArray());
        Assert.Equal([0.0, 1, 0, 0, 0, 0, 1, 0], Tensor.Eye<double>(2, 4, 1).ToArray());
        Assert.Equal([0.0, 0, 1, 0, 0, 1], Tensor.Eye<double>(3, 2, -1).ToArray());
    }

    [Fact]
    public void Arange_and_linspace_follow_numpy()
    {
        Assert.Equal([0, 1, 2, 3, 4], Tensor.Arange(5).ToArray());
        Assert.Equal(10, Tensor.Arange(0.0, 1.0, 0.1).Length);
        Assert.Equal([5.0, 3, 1], Tensor.Arange(5.0, 0, -2).ToArray());
        Assert.Equal(0, Tensor.Arange(5.0, 0, 1).Length);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0.0, 1, 0));
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], Tensor.Linspace(0.0, 1, 5).ToArray());
        Assert.Equal([0.0, 0.2, 0.4, 0.6000000000000001, 0.8], Tensor.Linspace(0.0, 1, 5, endpoint: false).ToArray());
        Assert.Equal(3.0, Tensor.Linspace(0.1, 3.0, 7)[-1]);
    }

    [Fact]
    public void From_arrays_copies_and_wrap_shares()
    {
        var data = new[] { 1.0, 2, 3, 4, 5, 6 };
        var copy = Tensor.FromArray(data, 2, -1);
        var shared = Tensor.Wrap(data, 3, 2);
        data[0] = 100;
        Assert.Equal(1.0, copy[0, 0]);
        Assert.Equal(100.0, shared[0, 0]);
        Assert.Equal([2, 3], copy.Shape.ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(data, 4, 2));
        var grid = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(6f, grid[1, 2]);
        var cube = Tensor.FromArray(new int[,,] { { { 1, 2 } }, { { 3, 4 } } });
        Assert.Equal([2, 1, 2], cube.Shape.ToArray());
        Assert.Equal(3, cube[1, 0, 0]);
    }

    [Fact]
    public void Shapes_print_like_numpy_tuples_and_build_from_collections()
    {
        Shape s = [2, 3];
        Assert.Equal("(2, 3)", s.ToString());
        Assert.Equal("(5,)", new Shape(5).ToString());
        Assert.Equal("()", new Shape().ToString());
        Assert.Equal(6, s.ElementCount);
        Assert.Equal(3, s[-1]);
        Assert.True(s == new Shape(2, 3));
    }

    [Fact]
    public void Only_floating_point_tensors_can_require_gradients()
    {
        Assert.True(Tensor.Zeros<float>(2).RequireGrad().RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros<int>(2).RequiresGrad = true);
    }
}
