using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Cross-entropy from logits against torch.nn.CrossEntropyLoss's definition, written out in double.</summary>
public class CrossEntropyTests
{
    private static readonly double[,] Z = { { 2.0, -1.0, 0.5 }, { 0.1, 0.2, 0.3 }, { -2.0, 3.0, 1.0 }, { 0.0, 0.0, 4.0 } };
    private static readonly long[] Y = [0, 2, 1, 1];
    private static readonly double[] W = [0.5, 2.0, 1.5];

    private static Tensor<double> Logits() => Tensor.FromArray((double[,])Z.Clone());

    private static Tensor<long> Labels() => Tensor.FromArray(Y);

    private static double[] LogSoftmaxRow(int i)
    {
        int c = Z.GetLength(1);
        double max = double.NegativeInfinity;
        for (int k = 0; k < c; k++) max = Math.Max(max, Z[i, k]);
        double sum = 0;
        for (int k = 0; k < c; k++) sum += Math.Exp(Z[i, k] - max);
        return Enumerable.Range(0, c).Select(k => Z[i, k] - max - Math.Log(sum)).ToArray();
    }

    /// <summary>
    /// torch: (1 - e) nll_loss(log_softmax, y, weight) + (e / C) smooth, where per sample
    /// nll = -w_y log p_y and smooth = -sum_c w_c log p_c; mean divides both by sum_i w_(y_i).
    /// </summary>
    private static (double[] PerSample, double Divisor) Torch(double[]? weights, double e)
    {
        int n = Z.GetLength(0), c = Z.GetLength(1);
        var per = new double[n];
        double divisor = 0;
        for (int i = 0; i < n; i++)
        {
            var logp = LogSoftmaxRow(i);
            double w(int k) => weights is null ? 1 : weights[k];
            double nll = -w((int)Y[i]) * logp[Y[i]];
            double smooth = -Enumerable.Range(0, c).Sum(k => w(k) * logp[k]);
            per[i] = (1 - e) * nll + e / c * smooth;
            divisor += w((int)Y[i]);
        }
        return (per, divisor);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.1)]
    [InlineData(true, 0.25)]
    [InlineData(true, 1.0)]
    public void Every_reduction_matches_torch(bool weighted, double smoothing)
    {
        var (per, divisor) = Torch(weighted ? W : null, smoothing);
        var weights = weighted ? Tensor.FromArray(W) : null;
        var none = Losses.CrossEntropy(Logits(), Labels(), weights, smoothing, LossReduction.None);
        Assert.Equal([4], none.Shape.ToArray());
        Reference.AssertClose(per, none.ToArray(), 1e-14, 1e-15, "none");
        Assert.Equal(per.Sum(), Losses.CrossEntropy(Logits(), Labels(), weights, smoothing, LossReduction.Sum).ToScalar(), 1e-13);
        Assert.Equal(per.Sum() / divisor, Losses.CrossEntropy(Logits(), Labels(), weights, smoothing).ToScalar(), 1e-13);
    }

    [Fact]
    public void Unweighted_mean_is_the_average_negative_log_probability()
    {
        double expected = -Enumerable.Range(0, 4).Average(i => LogSoftmaxRow(i)[Y[i]]);
        Assert.Equal(expected, Losses.CrossEntropy(Logits(), Labels()).ToScalar(), 1e-14);
        Assert.Equal(expected, Losses.CrossEntropy(Tensor.FromArray(Z.Cast<double>().Select(v => (float)v).ToArray(), 4, 3), Labels()).ToScalar(), 1e-6);
    }

    [Fact]
    public void Gradient_is_softmax_minus_one_hot_over_n()
    {
        var z = Logits().RequireGrad();
        Losses.CrossEntropy(z, Labels()).Backward();
        var expected = new double[12];
        for (int i = 0; i < 4; i++)
        {
            var logp = LogSoftmaxRow(i);
            for (int k = 0; k < 3; k++) expected[i * 3 + k] = (Math.Exp(logp[k]) - (k == Y[i] ? 1 : 0)) / 4;
        }
        Reference.AssertClose(expected, z.Grad!.ToArray(), 1e-14, 1e-15);
    }

    [Fact]
    public void Smoothing_outside_zero_to_one_is_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => Losses.CrossEntropy(Logits(), Labels(), labelSmoothing: -0.1));
        Assert.ThrowsAny<ArgumentException>(() => Losses.CrossEntropy(Logits(), Labels(), labelSmoothing: 1.1));
    }
}
