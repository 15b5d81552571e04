using DeepMath.Kernels;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class ElementwiseFunctionTests
{
    private static void CheckUnary(Func<Tensor<double>, Tensor<double>> op, Func<double, double> reference, double rtol = 1e-14)
    {
        Prop.ForAll(TensorGen.Case(4).ToArbitrary(), c =>
        {
            var x = c.Build();
            var expected = Reference.ToDoubles(x).Select(reference).ToArray();
            var actual = op(x);
            Assert.Equal(x.Shape.ToArray(), actual.Shape.ToArray());
            Reference.AssertClose(expected, Reference.ToDoubles(actual), rtol, 1e-15, c.ToString());
        }).Check(TensorGen.Config(100));
    }

    [Fact]
    public void Double_functions_match_System_Math()
    {
        CheckUnary(x => x.Exp(), Math.Exp);
        CheckUnary(x => x.Abs().Log(), v => Math.Log(Math.Abs(v)));
        CheckUnary(x => x.Abs().Sqrt(), v => Math.Sqrt(Math.Abs(v)));
        CheckUnary(x => x.Sin(), Math.Sin);
        CheckUnary(x => x.Cos(), Math.Cos);
        CheckUnary(x => x.Tanh(), Math.Tanh);
        CheckUnary(x => x.Square(), v => v * v);
        CheckUnary(x => x.Abs(), Math.Abs);
        CheckUnary(x => x.Sign(), v => Math.Sign(v));
        CheckUnary(x => x.Relu(), v => Math.Max(v, 0));
        CheckUnary(x => x.Clamp(-1, 0.5), v => Math.Clamp(v, -1, 0.5));
        CheckUnary(x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), 1e-15);
        CheckUnary(x => x.Reciprocal(), v => 1 / v);
        CheckUnary(x => x.Pow(3), v => Math.Pow(v, 3));
    }

    [Fact]
    public void Float_exp_is_within_one_ulp_of_the_correctly_rounded_value_everywhere()
    {
        var rng = new RandomGenerator(17);
        var inputs = new List<float> { 0f, -0f, 1f, -1f, 88.72f, 88.7228f, 88.73f, -87.33f, -103.9f, -103.97f, -104f, -150f, 200f, 1e-8f, -1e-8f };
        for (int i = 0; i < 200_000; i++) inputs.Add((float)(rng.NextDouble() * 200 - 105));
        var x = Tensor.FromArray(inputs.ToArray());
        var y = x.Exp().ToArray();
        long worst = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            float expected = (float)Math.Exp(inputs[i]);
            worst = Math.Max(worst, Reference.UlpDistance(expected, y[i]));
        }
        Assert.True(worst <= 1, $"worst error {worst} ulps");
        var special = Tensor.FromArray([float.NaN, float.PositiveInfinity, float.NegativeInfinity]).Exp().ToArray();
        Assert.True(float.IsNaN(special[0]));
        Assert.Equal(float.PositiveInfinity, special[1]);
        Assert.Equal(0f, special[2]);
    }

    [Fact]
    public void Log1P_and_ExpM1_keep_the_digits_that_naive_formulas_lose()
    {
        double tiny = 1e-12;
        Assert.Equal(tiny - tiny * tiny / 2, ScalarMath.Log1P(tiny), 1e-28);
        Assert.Equal(tiny + tiny * tiny / 2, ScalarMath.ExpM1(tiny), 1e-28);
        Assert.NotEqual(Math.Log(1 + tiny), ScalarMath.Log1P(tiny));
        var x = Tensor.FromArray([1e-10, -0.5, 3, 700, double.PositiveInfinity]);
        Reference.AssertClose([9.9999999995e-11, Math.Log(0.5), Math.Log(4), Math.Log(701), double.PositiveInfinity], x.Log1P().ToArray(), 1e-15, 0);
        Reference.AssertClose([1.00000000005e-10, Math.Exp(-0.5) - 1, Math.Exp(3) - 1, Math.Exp(700) - 1, double.PositiveInfinity], x.ExpM1().ToArray(), 1e-15, 0);
        Assert.Equal(1e-30f, Tensor.FromArray([1e-30f]).ExpM1().ToScalar());
        Assert.Equal(-1.0, ScalarMath.ExpM1(-800.0));
    }

    [Fact]
    public void Sigmoid_saturates_without_nan()
    {
        var s = Tensor.FromArray([-1000f, -50f, 0f, 50f, 1000f]).Sigmoid().ToArray();
        Assert.Equal(0f, s[0]);
        Assert.Equal(0.5f, s[2]);
        Assert.Equal(1f, s[4]);
        Assert.DoesNotContain(s, float.IsNaN);
        Assert.Equal(1.928749847963918e-22, ScalarMath.Sigmoid(-50.0), 1e-35);
    }

    [Fact]
    public void Nan_propagates_through_relu_clamp_max_and_min()
    {
        var x = Tensor.FromArray([double.NaN, 1.0]);
        Assert.True(double.IsNaN(x.Relu()[0]));
        Assert.True(double.IsNaN(x.Clamp(0, 0.5)[0]));
        Assert.True(double.IsNaN(x.Max().ToScalar()));
        Assert.True(double.IsNaN(Tensor.Maximum(x, Tensor.Scalar(0.0))[0]));
        Assert.True(double.IsNaN(Tensor.Minimum(x, Tensor.Scalar(0.0))[0]));
        Assert.Throws<ArgumentException>(() => x.Clamp(1, 0));
    }

    [Fact]
    public void Masks_where_and_logic()
    {
        var x = Tensor.FromArray([-2.0, -1, 0, 1, 2]);
        var positive = x > 0.0;
        Assert.Equal([false, false, false, true, true], positive.ToArray());
        Assert.Equal([true, true, false, true, true], (positive | (x < 0.0)).ToArray());
        Assert.Equal([false, false, true, false, false], (!(x.ElementNotEquals(0.0))).ToArray());
        Assert.Equal(2, positive.CountTrue());
        Assert.True(positive.Any());
        Assert.False(positive.All());
        Assert.Equal([0.0, 0, 0, 1, 2], Tensor.Where(positive, x, 0.0).ToArray());
        Assert.Equal([-2.0, -1, 0, 9, 9], x.MaskedFill(positive, 9).ToArray());
        var grid = Tensor.Where(Tensor.FromArray([true, false], 2, 1), Tensor.Ones<double>(3), Tensor.Zeros<double>(2, 3));
        Assert.Equal([1.0, 1, 1, 0, 0, 0], grid.ToArray());
    }

    [Fact]
    public void AllClose_follows_numpy()
    {
        var a = Tensor.FromArray([1.0, 2, double.NaN, double.PositiveInfinity]);
        var b = Tensor.FromArray([1.0 + 1e-9, 2, double.NaN, double.PositiveInfinity]);
        Assert.False(Tensor.AllClose(a, b));
        Assert.True(Tensor.AllClose(a, b, equalNaN: true));
        Assert.False(Tensor.AllClose(Tensor.FromArray([1.0]), Tensor.FromArray([1.1])));
        Assert.True(Tensor.AllClose(Tensor.FromArray([1.0]), Tensor.FromArray([1.1]), rtol: 0.1));
        Assert.False(Tensor.AllClose(Tensor.FromArray([double.PositiveInfinity]), Tensor.FromArray([double.NegativeInfinity])));
    }

    [Fact]
    public void Cast_follows_numpy_astype()
    {
        var x = Tensor.FromArray([-1.7, 2.9, double.NaN, 1e20, -1e20, 0]);
        Assert.Equal([-1, 2, 0, int.MaxValue, int.MinValue, 0], x.Cast<int>().ToArray());
        Assert.Equal([true, true, true, true, true, false], x.Cast<bool>().ToArray());
        Assert.Equal([1f, 0f, 1f], Tensor.FromArray([true, false, true]).Cast<float>().ToArray());
        Assert.Equal([255, 0], Tensor.FromArray([300, -5]).Cast<byte>().ToArray());
        Assert.Equal(DType.Int64, Tensor.Zeros<long>(1).DType);
    }

    [Fact]
    public void Integer_tensors_do_integer_arithmetic()
    {
        var a = Tensor.FromArray([7, -7, 9]);
        Assert.Equal([3, -3, 4], (a / 2).ToArray());
        Assert.Equal([14, -14, 18], (a * 2).ToArray());
        Assert.Equal(9L, Tensor.FromArray([2L, 3, 4]).Sum().ToScalar());
        Assert.Equal(24L, Tensor.FromArray([2L, 3, 4]).Prod().ToScalar());
    }
}
