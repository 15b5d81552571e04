using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Cross-entropy on random logits, including magnitudes where exp overflows: log-sum-exp values and softmax - onehot gradients.</summary>
public class CrossEntropyPropertyTests
{
    private sealed record Case(int N, int C, double Scale, ulong Seed, long[] Labels)
    {
        public override string ToString() => $"[{N}, {C}] scale {Scale} seed {Seed} labels [{string.Join(", ", Labels)}]";
    }

    private static Gen<Case> Cases =>
        from n in Gen.Choose(1, 5)
        from c in Gen.Choose(1, 6)
        from scale in Gen.Elements(1.0, 30.0, 1000.0, 1e4)
        from seed in TensorGen.Seed
        from labels in Gen.ArrayOf(Gen.Choose(0, c - 1), n)
        select new Case(n, c, scale, seed, labels.Select(l => (long)l).ToArray());

    [Fact]
    public void Values_and_gradients_match_log_sum_exp() => Prop.ForAll(Cases.ToArbitrary(), k =>
    {
        var z = Tensor.Uniform<double>([k.N, k.C], -k.Scale, k.Scale, k.Seed).RequireGrad();
        var loss = Losses.CrossEntropy(z, Tensor.FromArray(k.Labels), reduction: LossReduction.None);
        var expectedLoss = new double[k.N];
        var expectedGrad = new double[k.N * k.C];
        for (int i = 0; i < k.N; i++)
        {
            double max = Enumerable.Range(0, k.C).Max(j => z[i, j]);
            double sum = Enumerable.Range(0, k.C).Sum(j => Math.Exp(z[i, j] - max));
            expectedLoss[i] = max + Math.Log(sum) - z[i, (int)k.Labels[i]];
            for (int j = 0; j < k.C; j++) expectedGrad[i * k.C + j] = Math.Exp(z[i, j] - max) / sum - (j == k.Labels[i] ? 1 : 0);
        }
        Reference.AssertClose(expectedLoss, loss.ToArray(), 1e-13, 1e-13 * k.Scale, $"loss {k}");
        loss.Sum().Backward();
        var grad = z.Grad!.ToArray();
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
        Reference.AssertClose(expectedGrad, grad, 1e-12, 1e-14, $"gradient {k}");
    }).Check(TensorGen.Config(100));
}
