using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class IndexingAndJoiningTests
{
    [Fact]
    public void IndexSelect_along_any_axis_with_repeats_and_negative_indices()
    {
        var x = Tensor.Arange(24.0).Reshape(2, 3, 4);
        var rows = x.IndexSelect(1, Tensor.FromArray([2L, 0, -1, 2]));
        Assert.Equal([2, 4, 4], rows.Shape.ToArray());
        foreach (var i in Reference.Indices(rows.Shape))
            Assert.Equal(x[i[0], new[] { 2, 0, 2, 2 }[i[1]], i[2]], rows[i]);
        var first = x.IndexSelect(0, 1, 1);
        Assert.Equal(x[1, 2, 3], first[0, 2, 3]);
        Assert.Equal(x[1, 2, 3], first[1, 2, 3]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(2, 4));
        Assert.Contains("axis 2", e.Message);
        Assert.Contains("size 4", e.Message);
    }

    [Fact]
    public void Gather_and_scatter_add_are_adjoint()
    {
        var x = Tensor.Arange(12.0).Reshape(3, 4);
        var index = Tensor.FromArray([3L, 0, 1, 1, 2, 2], 3, 2);
        var g = x.Gather(1, index);
        Assert.Equal([3.0, 0, 5, 5, 10, 10], g.ToArray());
        var back = Tensor.Zeros<double>(3, 4).ScatterAdd(1, index, Tensor.Ones<double>(3, 2));
        Assert.Equal([1.0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 2, 0], back.ToArray());
        // <gather(x), y> == <x, scatter_add(y)> for random x, y
        var y = Tensor.Uniform<double>([3, 2], -1, 1, 4);
        double lhs = (x.Gather(1, index) * y).Sum().ToScalar();
        double rhs = (x * Tensor.Zeros<double>(3, 4).ScatterAdd(1, index, y)).Sum().ToScalar();
        Assert.Equal(lhs, rhs, 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(1, Tensor.FromArray([4L], 1, 1)));
    }

    [Fact]
    public void IndexAdd_accumulates_repeated_indices()
    {
        var x = Tensor.Zeros<double>(3, 2);
        var r = x.IndexAdd(0, Tensor.FromArray([0L, 2, 0]), Tensor.FromArray([1.0, 1, 2, 2, 3, 3], 3, 2));
        Assert.Equal([4.0, 4, 0, 0, 2, 2], r.ToArray());
        Assert.Equal(new double[6], x.ToArray());
    }

    [Fact]
    public void Masked_select_and_nonzero()
    {
        var x = Tensor.Arange(6.0).Reshape(2, 3);
        var mask = x > 2.5;
        Assert.Equal([3.0, 4, 5], x.MaskedSelect(mask).ToArray());
        Assert.Equal([1.0, 4], x.MaskedSelect(Tensor.FromArray([false, true, false])).ToArray());
        var nz = Tensor.NonZero(mask);
        Assert.Equal([3, 2], nz.Shape.ToArray());
        Assert.Equal([1L, 0, 1, 1, 1, 2], nz.ToArray());
    }

    [Fact]
    public void Concatenate_and_stack_match_naive()
    {
        var a = Tensor.Arange(6.0).Reshape(2, 3);
        var b = Tensor.Arange(4.0).Reshape(2, 2) + 100;
        var c = Tensor.Concatenate([a, b.Transpose()], 1);
        Assert.Equal([2, 5], c.Shape.ToArray());
        Assert.Equal([0.0, 1, 2, 100, 102, 3, 4, 5, 101, 103], c.ToArray());
        var s = Tensor.Stack([a, a * 2], 1);
        Assert.Equal([2, 2, 3], s.Shape.ToArray());
        Assert.Equal(a[1, 2] * 2, s[1, 1, 2]);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Concatenate([a, Tensor.Zeros<double>(3, 3)], 1));
        Assert.Contains("(3, 3)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Stack([a, b]));
    }
}
