using DeepMath.Kernels;
using DeepMath.Probability.Distributions;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>
/// The samplers against their own distributions: Kolmogorov-Smirnov for continuous ones, chi-squared over
/// bins for discrete ones (200,000 draws each, fixed seeds, thresholds at a significance of about 1e-6,
/// so a correct sampler passes and a sampler off by 1% in a tail or the centre fails), sample moments,
/// and the same numbers for any thread count.
/// </summary>
public class SamplingTests
{
    private const int Draws = 200_000;

    public static TheoryData<string> ContinuousCases() => new(ContinuousDistributions.Keys);

    internal static readonly Dictionary<string, Func<ContinuousDistribution>> ContinuousDistributions = new()
    {
        ["normal"] = () => new Normal(1.5, 2),
        ["lognormal"] = () => new LogNormal(0.3, 0.8),
        ["uniform"] = () => new Uniform(-2, 5),
        ["exponential"] = () => new Exponential(3),
        ["gamma-small"] = () => new Gamma(0.3, 2),
        ["gamma-one"] = () => new Gamma(1, 0.5),
        ["gamma-large"] = () => new Gamma(40, 1),
        ["beta"] = () => new Beta(2, 5),
        ["beta-small"] = () => new Beta(0.4, 0.6),
        ["chisquared"] = () => new ChiSquared(3),
        ["studentt"] = () => new StudentT(4, 1, 2),
        ["cauchy"] = () => new Cauchy(-1, 0.5),
        ["laplace"] = () => new Laplace(2, 3),
        ["logistic"] = () => new Logistic(0, 1.5),
        ["gumbel"] = () => new Gumbel(1, 2),
        ["weibull"] = () => new Weibull(1.7, 3),
        ["pareto"] = () => new Pareto(2, 3),
        ["f"] = () => new FDistribution(5, 12),
        ["inversegamma"] = () => new InverseGamma(3, 2),
    };

    [Theory]
    [MemberData(nameof(ContinuousCases))]
    public void Continuous_draws_pass_Kolmogorov_Smirnov(string name)
    {
        var d = ContinuousDistributions[name]();
        var x = d.Samples(Draws, new RandomGenerator(2024));
        Array.Sort(x);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double f = d.Cdf(x[i]);
            worst = Math.Max(worst, Math.Max(f - (double)i / x.Length, (i + 1.0) / x.Length - f));
        }
        // P(√n D > 2.7) ≈ 2 e^(-2·2.7²) ≈ 1e-6.
        Assert.True(worst * Math.Sqrt(Draws) < 2.7, $"{name}: √n·D = {worst * Math.Sqrt(Draws):F3}");
    }

    public static TheoryData<string> DiscreteCases() => new(DiscreteDistributions.Keys);

    internal static readonly Dictionary<string, Func<DiscreteDistribution>> DiscreteDistributions = new()
    {
        ["bernoulli"] = () => new Bernoulli(0.3),
        ["binomial-inversion"] = () => new Binomial(20, 0.2),
        ["binomial-btrs"] = () => new Binomial(1000, 0.4),
        ["binomial-flipped"] = () => new Binomial(300, 0.9),
        ["poisson-small"] = () => new Poisson(3.5),
        ["poisson-ptrs"] = () => new Poisson(250),
        ["geometric-trials"] = () => new Geometric(0.2),
        ["geometric-failures"] = () => new Geometric(0.35, GeometricConvention.Failures),
        ["negativebinomial"] = () => new NegativeBinomial(3.5, 0.4),
        ["hypergeometric-sequential"] = () => new Hypergeometric(500, 120, 60),
        ["hypergeometric-inversion"] = () => new Hypergeometric(100_000, 30_000, 2_000),
        ["discreteuniform"] = () => new DiscreteUniform(-3, 9),
        ["categorical"] = () => new Categorical(0.1, 0.05, 0.5, 0.15, 0.2),
    };

    [Theory]
    [MemberData(nameof(DiscreteCases))]
    public void Discrete_draws_pass_chi_squared(string name)
    {
        var d = DiscreteDistributions[name]();
        var x = d.Samples(Draws, new RandomGenerator(77));
        var counts = new Dictionary<double, int>();
        foreach (double v in x)
        {
            Assert.True(v == Math.Floor(v) && v >= d.Support.Lower && v <= d.Support.Upper, $"{name}: draw {v} outside the support");
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        // Bins of consecutive values with expected count >= 20; the tails pooled into the end bins.
        double lower = d.Ppf(1e-7), upper = d.Isf(1e-7);
        double statistic = 0, expected = 0, observed = 0;
        int bins = 0;
        for (double k = Math.Max(lower, d.Support.Lower); k <= upper; k++)
        {
            expected += (k == Math.Max(lower, d.Support.Lower) ? d.Cdf(k) : d.Pmf(k)) * Draws;
            observed += counts.Where(c => k == Math.Max(lower, d.Support.Lower) ? c.Key <= k : c.Key == k).Sum(c => c.Value);
            if (expected >= 20 || k == upper)
            {
                if (k == upper)
                {
                    expected += d.Sf(k) * Draws;
                    observed += counts.Where(c => c.Key > k).Sum(c => c.Value);
                }
                statistic += (observed - expected) * (observed - expected) / expected;
                bins++;
                expected = observed = 0;
            }
        }
        int dof = Math.Max(1, bins - 1);
        double critical = new ChiSquared(dof).Isf(1e-6);
        Assert.True(statistic < critical, $"{name}: chi² = {statistic:F1} over {bins} bins, critical {critical:F1}");
    }

    [Fact]
    public void Sample_moments_match_the_exact_ones()
    {
        foreach (var (name, make) in ContinuousDistributions.Where(c => c.Key is not ("cauchy" or "pareto" or "inversegamma" or "f")))
        {
            var d = make();
            var x = d.Samples(Draws, new RandomGenerator(5));
            double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
            Assert.True(Math.Abs(mean - d.Mean) < 6 * d.StandardDeviation / Math.Sqrt(Draws), $"{name}: sample mean {mean}, exact {d.Mean}");
            Assert.True(Math.Abs(variance / d.Variance - 1) < 0.05, $"{name}: sample variance {variance}, exact {d.Variance}");
        }
    }

    [Fact]
    public void Draws_are_identical_for_any_thread_count_and_reproducible_for_a_seed()
    {
        foreach (var make in ContinuousDistributions.Values.Cast<Func<UnivariateDistribution>>().Concat(DiscreteDistributions.Values))
        {
            var d = make();
            double[] one, two;
            using (Compute.Threads(1)) one = d.Samples(100_000, new RandomGenerator(9, 3));
            using (Compute.Threads(2)) two = d.Samples(100_000, new RandomGenerator(9, 3));
            Assert.Equal(one, two);
            var again = d.Samples(100_000, new RandomGenerator(9, 3));
            Assert.Equal(one, again);
            Assert.NotEqual(one, d.Samples(100_000, new RandomGenerator(10, 3)));
        }
    }

    [Fact]
    public void Consecutive_calls_continue_the_stream_instead_of_repeating_it()
    {
        var g = new RandomGenerator(1);
        var d = new Normal();
        var first = d.Samples(1000, g);
        var second = d.Samples(1000, g);
        Assert.NotEqual(first, second);
        Assert.Equal(2, g.Position);
    }

    [Fact]
    public void Multivariate_samplers_reproduce_mean_and_covariance()
    {
        var mvn = MultivariateNormal.FromCovariance([1, -2, 0.5], new double[,] { { 2, 0.6, -0.3 }, { 0.6, 1, 0.2 }, { -0.3, 0.2, 0.5 } });
        var x = mvn.Samples(100_000, new RandomGenerator(3));
        var cov = mvn.Covariance;
        for (int i = 0; i < 3; i++)
        {
            double mi = Enumerable.Range(0, 100_000).Average(s => x[s, i]);
            Assert.True(Math.Abs(mi - mvn.Mean[i]) < 0.02, $"mean[{i}] = {mi}");
            for (int j = 0; j < 3; j++)
            {
                double mj = Enumerable.Range(0, 100_000).Average(s => x[s, j]);
                double c = Enumerable.Range(0, 100_000).Sum(s => (x[s, i] - mi) * (x[s, j] - mj)) / 99_999;
                Assert.True(Math.Abs(c - cov[i, j]) < 0.03, $"cov[{i},{j}] = {c}, exact {cov[i, j]}");
            }
        }
        var dirichlet = new Dirichlet(2, 3, 5);
        var y = dirichlet.Samples(50_000, new RandomGenerator(4));
        for (int i = 0; i < 3; i++)
        {
            double mi = Enumerable.Range(0, 50_000).Average(s => y[s, i]);
            Assert.True(Math.Abs(mi - dirichlet.Mean[i]) < 0.005, $"Dirichlet mean[{i}] = {mi}");
        }
        var multinomial = new Multinomial(40, 0.2, 0.5, 0.3);
        var z = multinomial.Samples(50_000, new RandomGenerator(6));
        for (int s = 0; s < 50_000; s++) Assert.Equal(40, z[s, 0] + z[s, 1] + z[s, 2]);
        for (int i = 0; i < 3; i++)
        {
            double mi = Enumerable.Range(0, 50_000).Average(s => z[s, i]);
            Assert.True(Math.Abs(mi - multinomial.Mean[i]) < 0.1, $"Multinomial mean[{i}] = {mi}");
        }
    }
}
