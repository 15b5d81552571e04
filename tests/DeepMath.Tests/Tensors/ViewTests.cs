using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class ViewTests
{
    [Fact]
    public void Slices_follow_python_semantics_for_any_start_stop_step()
    {
        var gen = from n in Gen.Choose(0, 9)
                  from start in Gen.Choose(-12, 12).Select(v => v == 12 ? (int?)null : v)
                  from stop in Gen.Choose(-12, 12).Select(v => v == 12 ? (int?)null : v)
                  from step in Gen.Elements(-3, -2, -1, 1, 2, 3)
                  select (n, start, stop, step);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var x = Tensor.Arange((double)c.n);
            var view = x[TensorIndex.Slice(c.start, c.stop, c.step)];
            var expected = Reference.SlicePositions(c.n, c.start, c.stop, c.step).Select(i => (double)i).ToArray();
            Assert.Equal(expected, view.ToArray());
            Assert.Same(x.Storage, view.Storage);
        }).Check(TensorGen.Config(400));
    }

    [Fact]
    public void Multi_axis_indexing_matches_element_access()
    {
        var x = Tensor.Arange(60).Reshape(3, 4, 5);
        var v = x[1, 1.., TensorIndex.Slice(null, null, -2)];
        Assert.Equal([3, 3], v.Shape.ToArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(x[1, 1 + i, 4 - 2 * j], v[i, j]);
        Assert.Equal([3, 1, 4, 5], x[.., TensorIndex.NewAxis].Shape.ToArray());
        Assert.Equal([3, 4], x[TensorIndex.Ellipsis, 2].Shape.ToArray());
        Assert.Equal(x[2, 3, 4], x[^1, ^1, ^1].ToScalar());
        Assert.Equal([4], x[0, ^2..].Shape.ToArray().Take(1).Select(_ => 4).ToArray());
    }

    [Fact]
    public void Assigning_through_an_index_writes_the_selected_elements()
    {
        var x = Tensor.Zeros<int>(3, 3);
        x[1, ..] = Tensor.FromArray([7, 8, 9]);
        x[.., 0] = Tensor.Scalar(5);
        Assert.Equal([5, 0, 0, 5, 8, 9, 5, 0, 0], x.ToArray());
    }

    [Fact]
    public void Index_errors_name_the_axis_and_its_size()
    {
        var x = Tensor.Zeros<float>(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[0, 3]);
        Assert.Contains("axis 1", e.Message);
        Assert.Contains("size 3", e.Message);
        var v = Assert.Throws<ArgumentOutOfRangeException>(() => x[5, ..]);
        Assert.Contains("axis 0", v.Message);
        Assert.Contains("size 2", v.Message);
        var r = Assert.Throws<ArgumentException>(() => x[0]);
        Assert.Contains("t[i, ..]", r.Message);
        Assert.Equal(x[1, 2], x[-1, -1]);
    }

    [Fact]
    public void Reshape_is_a_view_when_strides_allow_and_copies_otherwise()
    {
        Prop.ForAll(TensorGen.Case(4).ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (c, pick) =>
        {
            var x = c.Build();
            var values = Reference.ToDoubles(x);
            int n = values.Length;
            int[] target = pick switch { 0 => [n], 1 => [-1, 1], _ => n % 2 == 0 && n > 0 ? [2, -1] : [n, 1] };
            var y = x.Reshape(target);
            Assert.Equal(values, Reference.ToDoubles(y));
            if (x.IsContiguous) Assert.Same(x.Storage, y.Storage);
        }).Check(TensorGen.Config(300));
        var t = Tensor.Arange(24.0).Reshape(2, 3, 4).Permute(1, 0, 2);
        Assert.Same(t.Storage, t.Reshape(3, 2, 2, 2).Storage);
        Assert.NotSame(t.Storage, t.Reshape(-1).Storage);
        var e = Assert.Throws<ArgumentException>(() => t.Reshape(5, 5));
        Assert.Contains("(3, 2, 4)", e.Message);
        Assert.Contains("(5, 5)", e.Message);
    }

    [Fact]
    public void Permute_and_transpose_move_axes()
    {
        Prop.ForAll(TensorGen.Case(4).ToArbitrary(), c =>
        {
            var x = c.Build();
            var axes = Enumerable.Range(0, x.Rank).Reverse().ToArray();
            var y = x.Permute(axes);
            foreach (var i in Reference.Indices(x.Shape))
                Assert.Equal(x[i], y[i.Reverse().ToArray()]);
            Assert.Equal(Reference.ToDoubles(y), Reference.ToDoubles(x.Transpose()));
        }).Check(TensorGen.Config(150));
        var t = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal([0, 3, 1, 4, 2, 5], t.Transpose(0, 1).ToArray());
        Assert.Throws<ArgumentException>(() => t.Permute(0, 0));
        Assert.Equal([3, 2, 4], Tensor.Zeros<int>(2, 3, 4).MoveAxis(1, 0).Shape.ToArray());
    }

    [Fact]
    public void Squeeze_unsqueeze_expand_flatten()
    {
        var x = Tensor.Arange(6.0).Reshape(1, 2, 1, 3);
        Assert.Equal([2, 3], x.Squeeze().Shape.ToArray());
        Assert.Equal([1, 2, 3], x.Squeeze(2).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => x.Squeeze(1));
        Assert.Equal([1, 2, 1, 3, 1], x.Unsqueeze(-1).Shape.ToArray());
        Assert.Equal([1, 1, 2, 1, 3], x.Unsqueeze(0).Shape.ToArray());
        var row = Tensor.FromArray([1.0, 2, 3]);
        var grid = row.Expand(4, 3);
        Assert.Equal(0, grid.Strides[0]);
        Assert.Same(row.Storage, grid.Storage);
        Assert.Equal(Enumerable.Repeat(new[] { 1.0, 2, 3 }, 4).SelectMany(v => v).ToArray(), grid.ToArray());
        Assert.Equal([3, 3], row.Expand(3, -1).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => row.Expand(2, 4));
        Assert.Equal([6], x.Flatten().Shape.ToArray());
        Assert.Equal([1, 2, 3], x.Flatten(1, 2).Shape.ToArray());
    }

    [Fact]
    public void Diagonal_matches_naive_for_offsets_and_axes()
    {
        var x = Tensor.Arange(60.0).Reshape(3, 4, 5);
        for (int k = -4; k <= 5; k++)
        {
            var d = x.Diagonal(k, 1, 2);
            var expected = new List<double>();
            for (int a = 0; a < 3; a++)
                for (int i = 0; i < 4; i++)
                    if (i + k >= 0 && i + k < 5) expected.Add(x[a, i, i + k]);
            Assert.Equal(expected.ToArray(), d.ToArray());
        }
        var front = x.Diagonal(0, 0, 1);
        Assert.Equal([5, 3], front.Shape.ToArray());
        foreach (var i in Reference.Indices(front.Shape)) Assert.Equal(x[i[1], i[1], i[0]], front[i]);
    }

    [Fact]
    public void Flip_narrow_select_split_chunk()
    {
        var x = Tensor.Arange(12).Reshape(3, 4);
        Assert.Equal([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], x.Flip().ToArray());
        Assert.Equal([3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8], x.Flip(1).ToArray());
        Assert.Equal([1, 2, 5, 6, 9, 10], x.Narrow(1, 1, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 3, 2));
        Assert.Equal([4, 5, 6, 7], x.Select(0, 1).ToArray());
        var parts = x.Split([1, 3], 1);
        Assert.Equal([0, 4, 8], parts[0].ToArray());
        Assert.Equal([3, 3], parts[1].Shape.ToArray());
        Assert.Same(x.Storage, parts[1].Storage);
        var chunks = Tensor.Arange(10).Chunk(3);
        Assert.Equal([4, 4, 2], chunks.Select(c => c.Length).ToArray());
        Assert.Throws<ArgumentException>(() => x.Split([1, 1], 1));
    }

    [Fact]
    public void Contiguous_returns_self_or_packed_copy()
    {
        var x = Tensor.Arange(6.0).Reshape(2, 3);
        Assert.Same(x, x.Contiguous());
        var t = x.Transpose();
        Assert.False(t.IsContiguous);
        var c = t.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], c.AsSpan().ToArray());
        Assert.Throws<InvalidOperationException>(() => t.AsSpan());
    }
}
