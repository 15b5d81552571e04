using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class BroadcastingPropertyTests
{
    private static void CheckBinary(Func<Tensor<double>, Tensor<double>, Tensor<double>> op, Func<double, double, double> reference)
    {
        Prop.ForAll(TensorGen.BroadcastPair().ToArbitrary(), pair =>
        {
            var a = pair.A.Build();
            var b = pair.B.Build();
            var (shape, expected) = Reference.Broadcast(a, b, reference);
            var actual = op(a, b);
            Assert.Equal(shape, actual.Shape.ToArray());
            Reference.AssertClose(expected, Reference.ToDoubles(actual), 1e-15, 0, $"{pair.A} with {pair.B}");
        }).Check(TensorGen.Config());
    }

    [Fact]
    public void Add_matches_naive_broadcast() => CheckBinary((a, b) => a + b, (x, y) => x + y);

    [Fact]
    public void Subtract_matches_naive_broadcast() => CheckBinary((a, b) => a - b, (x, y) => x - y);

    [Fact]
    public void Multiply_matches_naive_broadcast() => CheckBinary((a, b) => a * b, (x, y) => x * y);

    [Fact]
    public void Divide_matches_naive_broadcast() => CheckBinary((a, b) => a / b, (x, y) => x / y);

    [Fact]
    public void Maximum_and_minimum_match_naive_broadcast()
    {
        CheckBinary(Tensor.Maximum, Math.Max);
        CheckBinary(Tensor.Minimum, Math.Min);
    }

    [Fact]
    public void Pow_matches_naive_broadcast() => CheckBinary((a, b) => Tensor.Pow(a.Abs(), b), (x, y) => Math.Pow(Math.Abs(x), y));

    [Fact]
    public void Destination_forms_match_allocating_forms_for_any_destination_layout()
    {
        Prop.ForAll(TensorGen.BroadcastPair().ToArbitrary(), TensorGen.Layout.ToArbitrary(), (pair, layout) =>
        {
            var a = pair.A.Build();
            var b = pair.B.Build();
            var expected = a * b;
            var destination = TensorCase.Make(expected.Shape.ToArray(), 7, layout);
            Tensor.Multiply(a, b, destination);
            Assert.Equal(Reference.ToDoubles(expected), Reference.ToDoubles(destination));
        }).Check(TensorGen.Config(100));
    }

    [Fact]
    public void Comparison_masks_match_naive()
    {
        Prop.ForAll(TensorGen.BroadcastPair().ToArbitrary(), pair =>
        {
            var a = pair.A.Build();
            var b = pair.B.Build();
            var (_, expected) = Reference.Broadcast(a, b, (x, y) => x < y ? 1 : 0);
            var mask = a < b;
            Assert.Equal(expected, Reference.Elements(mask).Select(v => v ? 1.0 : 0.0).ToArray());
        }).Check(TensorGen.Config(100));
    }

    [Fact]
    public void Incompatible_shapes_name_the_operation_and_both_shapes()
    {
        var a = Tensor.Zeros<float>(2, 3);
        var b = Tensor.Zeros<float>(4);
        var e = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("add", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4,)", e.Message);
        var m = Assert.Throws<ArgumentException>(() => Tensor.Maximum(Tensor.Zeros<double>(3, 1, 5), Tensor.Zeros<double>(2, 4)));
        Assert.Contains("maximum", m.Message);
        Assert.Contains("(3, 1, 5)", m.Message);
        Assert.Contains("(2, 4)", m.Message);
    }

    [Fact]
    public void Scalar_operators_broadcast_with_generic_inference()
    {
        var x = Tensor.FromArray([1f, 2f, 3f]);
        Assert.Equal([3f, 5f, 7f], (2 * x + 1).ToArray());
        Assert.Equal([-1f, 0f, 1f], (x - 2f).ToArray());
        Assert.Equal([6f, 3f, 2f], (6f / x).ToArray());
        Assert.Equal([-1f, -2f, -3f], (-x).ToArray());
    }

    [Fact]
    public void In_place_updates_handle_aliasing_like_numpy()
    {
        var a = Tensor.Arange(9.0).Reshape(3, 3);
        var expected = Reference.ToDoubles(a + a.Transpose());
        a.AddInPlace(a.Transpose());
        Assert.Equal(expected, Reference.ToDoubles(a));
    }

    [Fact]
    public void Writing_into_a_broadcast_view_is_refused()
    {
        var row = Tensor.Zeros<double>(1, 3).Expand(4, 3);
        var e = Assert.Throws<InvalidOperationException>(() => row.AddInPlace(Tensor.Ones<double>(4, 3)));
        Assert.Contains("broadcast view", e.Message);
    }

    [Fact]
    public void Axpy_in_place_is_x_plus_alpha_y()
    {
        var x = Tensor.FromArray([1.0, 2, 3]);
        x.AddScaledInPlace(0.5, Tensor.FromArray([2.0, 4, 6]));
        Assert.Equal([2.0, 4, 6], x.ToArray());
        var strided = Tensor.Arange(6.0)[TensorIndex.Slice(step: 2)];
        strided.AddScaledInPlace(-1, Tensor.FromArray([1.0, 1, 1]));
        Assert.Equal([-1.0, 1, 3], strided.ToArray());
    }

    [Fact]
    public void Large_operations_split_across_threads_give_identical_results()
    {
        var a = Tensor.Uniform<float>([300_000], -1f, 1f, 3);
        var b = Tensor.Uniform<float>([300_000], -1f, 1f, 4);
        using var threads = new ThreadSwitch();
        {
            threads.Threads = 1;
            var one = (a * b + a.Exp()).ToArray();
            var sumOne = a.Sum().ToScalar();
            threads.Threads = 2;
            var two = (a * b + a.Exp()).ToArray();
            var sumTwo = a.Sum().ToScalar();
            Assert.Equal(one, two);
            Assert.Equal(sumOne, sumTwo);
        }
    }
}
