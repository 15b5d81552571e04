using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class GaussKronrodRuleTests
{
    private static double ExactMonomial(int k) => (k & 1) == 1 ? 0 : 2.0 / (k + 1);

    [Fact]
    public void Kronrod15_IsExactForMonomialsUpToDegree22()
    {
        for (var k = 0; k <= 22; k++)
        {
            var power = k;
            var panel = GaussKronrodRule.Apply(x => Math.Pow(x, power), -1, 1);
            Assert.True(Math.Abs(panel.Kronrod - ExactMonomial(k)) <= 2e-16 * 8, $"K15 on x^{k}: {panel.Kronrod}");
        }
    }

    [Fact]
    public void Gauss7_IsExactForMonomialsUpToDegree13_ButNot14()
    {
        for (var k = 0; k <= 13; k++)
        {
            var power = k;
            var panel = GaussKronrodRule.Apply(x => Math.Pow(x, power), -1, 1);
            Assert.True(Math.Abs(panel.Gauss - ExactMonomial(k)) <= 2e-16 * 8, $"G7 on x^{k}: {panel.Gauss}");
        }

        var degree14 = GaussKronrodRule.Apply(x => Math.Pow(x, 14), -1, 1);
        Assert.True(Math.Abs(degree14.Gauss - ExactMonomial(14)) > 1e-6);
    }

    [Fact]
    public void Weights_SumToTwo()
    {
        var kronrod = 0.0;
        var weights = GaussKronrodRule.KronrodWeights;
        for (var i = 0; i < 7; i++)
        {
            kronrod += 2 * weights[i];
        }

        kronrod += weights[7];
        var gauss = 2 * (GaussKronrodRule.GaussWeights[0] + GaussKronrodRule.GaussWeights[1] + GaussKronrodRule.GaussWeights[2])
            + GaussKronrodRule.GaussWeights[3];
        Assert.Equal(2.0, kronrod, 15);
        Assert.Equal(2.0, gauss, 15);
    }
}
