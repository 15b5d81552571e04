using DeepMath.Probability.Distributions;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>KL divergence: each closed form against the Monte Carlo estimate, the stable small values, and the infinite cases.</summary>
public class KullbackLeiblerTests
{
    public static TheoryData<string> Pairs() => new(PairTable.Keys);

    private static readonly Dictionary<string, (UnivariateDistribution P, UnivariateDistribution Q)> PairTable = new()
    {
        ["normal"] = (new Normal(0.3, 1.2), new Normal(-0.5, 0.8)),
        ["exponential"] = (new Exponential(2), new Exponential(0.7)),
        ["gamma"] = (new Gamma(2.5, 1.5), new Gamma(4, 2)),
        ["beta"] = (new Beta(2, 5), new Beta(1.5, 3)),
        ["uniform"] = (new Uniform(0, 1), new Uniform(-1, 2)),
        ["poisson"] = (new Poisson(3), new Poisson(5)),
        ["bernoulli"] = (new Bernoulli(0.3), new Bernoulli(0.6)),
        ["categorical"] = (new Categorical(0.2, 0.5, 0.3), new Categorical(0.4, 0.4, 0.2)),
        ["geometric"] = (new Geometric(0.3), new Geometric(0.5)),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Closed_form_agrees_with_monte_carlo(string name)
    {
        var (p, q) = PairTable[name];
        var exact = KullbackLeibler.Divergence(p, q);
        Assert.True(exact.IsExact);
        var mc = KullbackLeibler.MonteCarlo(p, q, 400_000, new RandomGenerator(11));
        Assert.True(Math.Abs(exact.Value - mc.Value) <= 5 * mc.StandardError + 1e-12, $"{name}: closed form {exact.Value:R}, Monte Carlo {mc.Value:R} ± {mc.StandardError:E2}");
        Assert.True(exact.Value > 0);
        Assert.Equal(0, KullbackLeibler.ClosedForm(p, p)!.Value, 1e-15);
    }

    [Fact]
    public void Nearly_equal_distributions_give_tiny_positive_values_not_zero_or_negative()
    {
        // KL(N(0, 1) ‖ N(1e-10, 1)) = 5e-21 exactly; KL between σ = 1 and 1 + 1e-10 is about 1e-20.
        double kl = KullbackLeibler.ClosedForm(new Normal(0, 1), new Normal(1e-10, 1))!.Value;
        Assert.Equal(5e-21, kl, 1e-34);
        double kl2 = KullbackLeibler.ClosedForm(new Normal(0, 1 + 1e-10), new Normal(0, 1))!.Value;
        Assert.True(Math.Abs(kl2 / 1e-20 - 1) < 1e-5, $"{kl2:R}");
        double kl3 = KullbackLeibler.ClosedForm(new Categorical(0.5, 0.5), new Categorical(0.5 + 1e-9, 0.5 - 1e-9))!.Value;
        Assert.True(Math.Abs(kl3 / 2e-18 - 1) < 1e-5, $"{kl3:R}");
        double kl4 = KullbackLeibler.ClosedForm(new Exponential(1), new Exponential(1 + 1e-9))!.Value;
        Assert.True(kl4 > 0 && Math.Abs(kl4 / 5e-19 - 1) < 1e-5, $"{kl4:R}");
    }

    [Fact]
    public void Mass_where_q_has_none_gives_infinity()
    {
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.ClosedForm(new Categorical(0.5, 0.5), new Categorical(1, 0)));
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.ClosedForm(new Uniform(0, 2), new Uniform(0, 1)));
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.ClosedForm(new Bernoulli(0.5), new Bernoulli(0)));
        Assert.Equal(0, KullbackLeibler.ClosedForm(new Bernoulli(0), new Bernoulli(0)));
        Assert.Equal(double.PositiveInfinity, KullbackLeibler.MonteCarlo(new Normal(), new Exponential(), 1000, new RandomGenerator(1)).Value);
    }

    [Fact]
    public void Pairs_without_a_closed_form_fall_back_to_monte_carlo_with_an_error()
    {
        var result = KullbackLeibler.Divergence(new Logistic(0, 1), new Normal(0, 1.8), 200_000, new RandomGenerator(3));
        Assert.False(result.IsExact);
        Assert.True(result.StandardError > 0 && result.StandardError < 1e-3);
        Assert.Null(KullbackLeibler.CrossEntropy(new Logistic(), new Normal()));
        Assert.Equal(new Normal(0, 2).Entropy + KullbackLeibler.ClosedForm(new Normal(0, 2), new Normal(1, 1))!.Value,
            KullbackLeibler.CrossEntropy(new Normal(0, 2), new Normal(1, 1))!.Value, 1e-15);
    }

    [Fact]
    public void Multivariate_normal_matches_the_product_of_independent_normals_and_the_general_formula()
    {
        var p = MultivariateNormal.FromCovariance([0.5, -1], new double[,] { { 2, 0 }, { 0, 0.5 } });
        var q = MultivariateNormal.FromCovariance([0, 0], new double[,] { { 1, 0 }, { 0, 3 } });
        double expected = KullbackLeibler.ClosedForm(new Normal(0.5, Math.Sqrt(2)), new Normal(0, 1))!.Value
            + KullbackLeibler.ClosedForm(new Normal(-1, Math.Sqrt(0.5)), new Normal(0, Math.Sqrt(3)))!.Value;
        Assert.Equal(expected, KullbackLeibler.Divergence(p, q), 1e-14);
        // A correlated pair against ½[tr(Σq⁻¹Σp) + Δᵀ Σq⁻¹ Δ - d + log(|Σq|/|Σp|)] written out for 2x2.
        var a = MultivariateNormal.FromCovariance([1, 2], new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var b = MultivariateNormal.FromCovariance([0, 1], new double[,] { { 1, -0.3 }, { -0.3, 2 } });
        double detA = 2 - 0.64, detB = 2 - 0.09;
        double[,] inverseB = { { 2 / detB, 0.3 / detB }, { 0.3 / detB, 1 / detB } };
        double trace = inverseB[0, 0] * 2 + inverseB[0, 1] * 0.8 + inverseB[1, 0] * 0.8 + inverseB[1, 1] * 1;
        double quad = inverseB[0, 0] + 2 * inverseB[0, 1] + inverseB[1, 1]; // Δ = (-1, -1)
        Assert.Equal(0.5 * (trace + quad - 2 + Math.Log(detB / detA)), KullbackLeibler.Divergence(a, b), 1e-14);
        Assert.Equal(0, KullbackLeibler.Divergence(a, a), 1e-15);
    }

    [Fact]
    public void Dirichlet_with_two_categories_is_the_beta_divergence()
    {
        double beta = KullbackLeibler.ClosedForm(new Beta(2, 5), new Beta(1.5, 3))!.Value;
        Assert.Equal(beta, KullbackLeibler.Divergence(new Dirichlet(2, 5), new Dirichlet(1.5, 3)), 1e-13);
    }
}
