using DeepMath.Optimization;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class GradientClippingPropertyTests
{
    private static Gen<(TensorCase A, TensorCase B, double MaxNorm)> Cases =>
        from a in TensorGen.Case(3)
        from b in TensorGen.Case(2)
        from maxNorm in Gen.Elements(0.01, 0.5, 1.0, 3.0, 100.0)
        select (a, b, maxNorm);

    [Fact]
    public void Norm_after_clipping_is_the_smaller_of_the_norm_and_the_maximum() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var a = Tensor.Zeros<double>(c.A.Shape).RequireGrad();
        var b = Tensor.Zeros<double>(c.B.Shape).RequireGrad();
        a.Grad = c.A.Build();
        b.Grad = c.B.Build();
        var before = Reference.ToDoubles(a.Grad).Concat(Reference.ToDoubles(b.Grad)).ToArray();
        double norm = Math.Sqrt(before.Sum(g => g * g));
        Assert.Equal(norm, GradientClipping.ClipByGlobalNorm([a, b], c.MaxNorm), 1e-12 * Math.Max(1, norm));
        var after = Reference.ToDoubles(a.Grad).Concat(Reference.ToDoubles(b.Grad)).ToArray();
        double expected = Math.Min(norm, c.MaxNorm);
        Assert.Equal(expected, Math.Sqrt(after.Sum(g => g * g)), 1e-6 * Math.Max(1, expected));
        // Same direction: one common scale factor (PyTorch's max / (norm + 1e-6) is off by a relative 1e-6 / norm).
        double scale = norm == 0 ? 1 : expected / norm;
        Reference.AssertClose(before.Select(g => g * scale).ToArray(), after, norm > c.MaxNorm ? 2e-6 / norm : 0, 1e-15);
    }).Check(TensorGen.Config(100));
}
