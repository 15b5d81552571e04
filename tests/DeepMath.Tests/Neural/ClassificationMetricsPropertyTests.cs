using DeepMath.Neural;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Metrics on random label vectors against independent definitions.</summary>
public class ClassificationMetricsPropertyTests
{
    private static Gen<(int Classes, long[] Predicted, long[] Actual)> Cases =>
        from classes in Gen.Choose(2, 5)
        from n in Gen.Choose(1, 30)
        from predicted in Gen.ArrayOf(Gen.Choose(0, classes - 1), n)
        from actual in Gen.ArrayOf(Gen.Choose(0, classes - 1), n)
        select (classes, predicted.Select(v => (long)v).ToArray(), actual.Select(v => (long)v).ToArray());

    [Fact]
    public void Matthews_correlation_is_the_one_hot_correlation_or_zero() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var m = ClassificationMetrics.Compute(c.Predicted, c.Actual, c.Classes);
        double expected = ClassificationMetricsTests.OneHotCorrelation(c.Predicted, c.Actual, c.Classes);
        if (double.IsNaN(expected)) expected = 0;
        Assert.Equal(expected, m.MatthewsCorrelation, 1e-12);
        Assert.InRange(m.MatthewsCorrelation, -1 - 1e-12, 1 + 1e-12);
    }).Check(TensorGen.Config(200));

    [Fact]
    public void Accuracy_and_confusion_counts() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var m = ClassificationMetrics.Compute(c.Predicted, c.Actual, c.Classes);
        Assert.Equal(c.Predicted.Zip(c.Actual).Count(p => p.First == p.Second) / (double)c.Predicted.Length, m.Accuracy, 1e-15);
        for (int t = 0; t < c.Classes; t++)
            for (int p = 0; p < c.Classes; p++)
                Assert.Equal(c.Actual.Zip(c.Predicted).Count(x => x.First == t && x.Second == p), m.Confusion[t, p]);
    }).Check(TensorGen.Config(100));
}
