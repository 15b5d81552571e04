using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Probability.Distributions;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>
/// The tensor distributions against the scalar ones (log-densities, means, variances, entropies),
/// broadcasting, reparameterised gradients, sample shapes and statistics, and the refusals.
/// </summary>
public class BatchedDistributionTests
{
    private static Tensor<double> T(params double[] v) => Tensor.FromArray(v);

    public static TheoryData<string> Cases() => new(Pairs.Keys);

    /// <summary>A batched distribution of three members, the matching scalar distributions, and values in the support.</summary>
    private static readonly Dictionary<string, (Func<TensorDistribution<double>> Batched, Func<int, UnivariateDistribution> Scalar, double[] Values)> Pairs = new()
    {
        ["normal"] = (() => new Normal<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new Normal(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["lognormal"] = (() => new LogNormal<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new LogNormal(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, 2, 4]),
        ["exponential"] = (() => new Exponential<double>(T(1, 2, 0.5)), i => new Exponential(new[] { 1, 2, 0.5 }[i]), [0.3, 1, 4]),
        ["uniform"] = (() => new Uniform<double>(T(0, -1, 2), T(1, 3, 2.5)), i => new Uniform(new[] { 0.0, -1, 2 }[i], new[] { 1, 3, 2.5 }[i]), [0.3, 1, 2.2]),
        ["laplace"] = (() => new Laplace<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new Laplace(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["gumbel"] = (() => new Gumbel<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new Gumbel(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["cauchy"] = (() => new Cauchy<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new Cauchy(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["logistic"] = (() => new Logistic<double>(T(0, 1, -2), T(1, 0.5, 3)), i => new Logistic(new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["gamma"] = (() => new Gamma<double>(T(0.5, 2, 30), T(1, 3, 0.5)), i => new Gamma(new[] { 0.5, 2, 30 }[i], new[] { 1, 3, 0.5 }[i]), [0.3, 1, 55]),
        ["beta"] = (() => new Beta<double>(T(0.5, 2, 30), T(1, 3, 20)), i => new Beta(new[] { 0.5, 2, 30 }[i], new[] { 1, 3, 20 }[i]), [0.3, 0.1, 0.6]),
        ["studentt"] = (() => new StudentT<double>(T(1.5, 5, 30), T(0, 1, -2), T(1, 0.5, 3)), i => new StudentT(new[] { 1.5, 5, 30 }[i], new[] { 0.0, 1, -2 }[i], new[] { 1, 0.5, 3 }[i]), [0.3, -1, 4]),
        ["weibull"] = (() => new Weibull<double>(T(0.7, 1.5, 4), T(1, 3, 0.5)), i => new Weibull(new[] { 0.7, 1.5, 4 }[i], new[] { 1, 3, 0.5 }[i]), [0.3, 1, 0.55]),
        ["pareto"] = (() => new Pareto<double>(T(1, 2, 0.5), T(3, 4.5, 6)), i => new Pareto(new[] { 1, 2, 0.5 }[i], new[] { 3, 4.5, 6 }[i]), [1.3, 2, 0.9]),
        ["inversegamma"] = (() => new InverseGamma<double>(T(3, 4.5, 10), T(1, 2, 0.5)), i => new InverseGamma(new[] { 3, 4.5, 10 }[i], new[] { 1, 2, 0.5 }[i]), [0.3, 1, 0.05]),
        ["chisquared"] = (() => new ChiSquared<double>(T(1, 3, 40)), i => new ChiSquared(new[] { 1, 3, 40 }[i]), [0.3, 2, 37]),
        ["f"] = (() => new FDistribution<double>(T(3, 5, 20), T(5, 12, 30)), i => new FDistribution(new[] { 3, 5, 20 }[i], new[] { 5, 12, 30 }[i]), [0.3, 2, 1.1]),
        ["negativebinomial"] = (() => new NegativeBinomial<double>(T(0.5, 3, 40), T(0.3, 0.5, 0.9)), i => new NegativeBinomial(new[] { 0.5, 3, 40 }[i], new[] { 0.3, 0.5, 0.9 }[i]), [0, 2, 5]),
        ["binomial"] = (() => new Binomial<double>(T(5, 20, 1000), T(0.3, 0.5, 0.9)), i => new Binomial(new long[] { 5, 20, 1000 }[i], new[] { 0.3, 0.5, 0.9 }[i]), [0, 12, 905]),
        ["geometric"] = (() => new Geometric<double>(T(0.3, 0.5, 0.9)), i => new Geometric(new[] { 0.3, 0.5, 0.9 }[i], GeometricConvention.Failures), [0, 3, 1]),
        ["poisson"] = (() => new Poisson<double>(T(0.5, 3, 40)), i => new Poisson(new[] { 0.5, 3, 40 }[i]), [0, 2, 37]),
        ["bernoulli"] = (() => new Bernoulli<double>(T(0.2, 0.5, 0.9)), i => new Bernoulli(new[] { 0.2, 0.5, 0.9 }[i]), [0, 1, 1]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Log_prob_mean_variance_and_entropy_match_the_scalar_distributions(string name)
    {
        var (batched, scalar, values) = Pairs[name];
        var d = batched();
        var logProb = d.LogProb(T(values)).ToArray();
        var mean = d.Mean.Contiguous().ToArray();
        var variance = d.Variance.Contiguous().ToArray();
        var entropy = d.Entropy().Contiguous().ToArray();
        for (int i = 0; i < 3; i++)
        {
            var s = scalar(i);
            double expected = s is ContinuousDistribution c ? c.LogPdf(values[i]) : ((DiscreteDistribution)s).LogPmf(values[i]);
            Assert.Equal(expected, logProb[i], 1e-12 * Math.Max(1, Math.Abs(expected)));
            if (double.IsFinite(s.Mean)) Assert.Equal(s.Mean, mean[i], 1e-12 * Math.Max(1, Math.Abs(s.Mean)));
            if (double.IsFinite(s.Variance)) Assert.Equal(s.Variance, variance[i], 1e-12 * Math.Max(1, Math.Abs(s.Variance)));
            Assert.Equal(s.Entropy, entropy[i], 1e-11 * Math.Max(1, Math.Abs(s.Entropy)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Samples_have_the_right_shape_and_mean(string name)
    {
        var d = Pairs[name].Batched();
        var x = d.Sample(new Shape(40_000, 1), new RandomGenerator(7));
        Assert.Equal(new Shape(40_000, 1, 3), x.Shape);
        Assert.False(x.RequiresGrad);
        var values = x.Contiguous().ToArray();
        for (int i = 0; i < 3; i++)
        {
            var s = Pairs[name].Scalar(i);
            if (!double.IsFinite(s.Variance)) continue;
            double m = Enumerable.Range(0, 40_000).Average(k => values[3 * k + i]);
            Assert.True(Math.Abs(m - s.Mean) < 6 * s.StandardDeviation / 200, $"{name}[{i}]: sample mean {m}, exact {s.Mean}");
        }
        // The same generator state gives the same draws.
        Assert.Equal(values, d.Sample(new Shape(40_000, 1), new RandomGenerator(7)).Contiguous().ToArray());
    }

    [Fact]
    public void Log_prob_broadcasts_values_against_the_batch_and_is_minus_infinity_outside_the_support()
    {
        var d = new Gamma<double>(T(2, 3), T(1, 1));
        var lp = d.LogProb(Tensor.FromArray([0.5, 1.5, -1, 0], 2, 2)); // values [2,2] against batch [2]
        Assert.Equal(new Shape(2, 2), lp.Shape);
        var v = lp.Contiguous().ToArray();
        Assert.Equal(new Gamma(2, 1).LogPdf(0.5), v[0], 1e-13);
        Assert.Equal(new Gamma(3, 1).LogPdf(1.5), v[1], 1e-13);
        Assert.Equal(double.NegativeInfinity, v[2]);
        Assert.Equal(double.NegativeInfinity, v[3]);
        Assert.Equal(double.NegativeInfinity, new Bernoulli<double>(T(0.3)).LogProb(T(0.5)).ToArray()[0]);
        Assert.Equal(double.NegativeInfinity, new Poisson<double>(T(2)).LogProb(T(1.5)).ToArray()[0]);
    }

    [Fact]
    public void Reparameterised_samples_carry_pathwise_gradients()
    {
        // d/dμ E[x] = 1 and d/dσ E[x²] = 2σ for x = μ + σ ε.
        var loc = T(1.5).RequireGrad();
        var scale = T(2.0).RequireGrad();
        var x = new Normal<double>(loc, scale).RSample(new Shape(200_000), new RandomGenerator(3));
        var loss = x.Square().Mean();
        loss.Backward();
        Assert.Equal(2 * 1.5, loc.Grad!.ToArray()[0], 0.05);
        Assert.Equal(2 * 2.0, scale.Grad!.ToArray()[0], 0.05);
        var rate = T(2.0).RequireGrad();
        var e = new Exponential<double>(rate).RSample(new Shape(200_000), new RandomGenerator(4)).Mean();
        e.Backward();
        Assert.Equal(-1 / 4.0, rate.Grad!.ToArray()[0], 0.01); // d(1/λ)/dλ
    }

    [Fact]
    public void Distributions_without_reparameterisation_refuse_rsample_and_counts_refuse_gradients()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Gamma<double>(T(2), T(1)).RSample(new Shape(3)));
        Assert.Contains("Gamma has no reparameterised sampler", ex.Message);
        var k = T(2).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => { _ = new Poisson<double>(T(2)).LogProb(k); });
        var p = T(0.3).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => { _ = new Normal<double>(T(0), T(1)).Icdf(p); });
    }

    [Fact]
    public void Log_prob_gradients_match_the_score_in_closed_form()
    {
        // ∂/∂μ log N(x; μ, σ) = (x - μ)/σ², ∂/∂σ = ((x - μ)² - σ²)/σ³, ∂/∂x = -(x - μ)/σ².
        var loc = T(0.5).RequireGrad();
        var scale = T(1.5).RequireGrad();
        var value = T(2.0).RequireGrad();
        new Normal<double>(loc, scale).LogProb(value).Sum().Backward();
        Assert.Equal(1.5 / 2.25, loc.Grad!.ToArray()[0], 1e-14);
        Assert.Equal((2.25 - 2.25) / 3.375, scale.Grad!.ToArray()[0], 1e-14);
        Assert.Equal(-1.5 / 2.25, value.Grad!.ToArray()[0], 1e-14);
        // ∂/∂k log Gamma(x; k, β) = log β + log x - ψ(k).
        var shape = T(2.5).RequireGrad();
        new Gamma<double>(shape, T(1.5)).LogProb(T(0.7)).Sum().Backward();
        Assert.Equal(Math.Log(1.5) + Math.Log(0.7) - DeepMath.Probability.SpecialFunctions.Digamma(2.5), shape.Grad!.ToArray()[0], 1e-13);
    }

    [Fact]
    public void Categorical_log_prob_entropy_and_sampling()
    {
        var logits = Tensor.FromArray([0.0, 1, 2, 0.5, 0.5, -1], 2, 3);
        var d = new Categorical<double>(logits);
        Assert.Equal(new Shape(2), d.BatchShape);
        var lp = d.LogProb(T(2, 0)).ToArray();
        var p0 = new[] { 1.0, Math.E, Math.E * Math.E };
        Assert.Equal(Math.Log(p0[2] / p0.Sum()), lp[0], 1e-14);
        Assert.Equal(double.NegativeInfinity, d.LogProb(T(3, 0)).ToArray()[0]);
        var scalar = new Categorical(p0);
        Assert.Equal(scalar.Entropy, d.Entropy().ToArray()[0], 1e-14);
        Assert.Equal(scalar.Mean, d.Mean.ToArray()[0], 1e-14);
        var draws = d.Sample(new Shape(30_000), new RandomGenerator(2)).Contiguous().ToArray();
        double frequency = Enumerable.Range(0, 30_000).Count(i => draws[2 * i] == 2) / 30_000.0;
        Assert.True(Math.Abs(frequency - p0[2] / p0.Sum()) < 0.01, $"{frequency}");
    }

    [Fact]
    public void Multivariate_normal_and_dirichlet_match_the_scalar_classes()
    {
        var l = new double[,] { { 1.5, 0, 0 }, { 0.3, 0.8, 0 }, { -0.2, 0.4, 0.6 } };
        var scalar = MultivariateNormal.FromCholesky([1, -1, 0.5], l);
        var batched = new MultivariateNormal<double>(T(1, -1, 0.5), Tensor.FromArray(l));
        var x = new[] { 0.3, -0.2, 1.1 };
        Assert.Equal(scalar.LogPdf(x), batched.LogProb(T(x)).ToArray()[0], 1e-13);
        Assert.Equal(scalar.Entropy, batched.Entropy().ToArray()[0], 1e-13);
        var draws = batched.Sample(new Shape(50_000), new RandomGenerator(6));
        Assert.Equal(new Shape(50_000, 3), draws.Shape);
        var dir = new Dirichlet(2, 3, 5);
        var dirBatched = new Dirichlet<double>(T(2, 3, 5));
        Assert.Equal(dir.LogPdf([0.2, 0.3, 0.5]), dirBatched.LogProb(T(0.2, 0.3, 0.5)).ToArray()[0], 1e-13);
        Assert.Equal(dir.Entropy, dirBatched.Entropy().ToArray()[0], 1e-13);
        var simplex = dirBatched.Sample(new Shape(1000), new RandomGenerator(1)).Contiguous().ToArray();
        for (int i = 0; i < 1000; i++) Assert.Equal(1, simplex[3 * i] + simplex[3 * i + 1] + simplex[3 * i + 2], 1e-12);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new Normal<double>(T(0, 1), T(1, -1))).ParamName);
        Assert.Contains("element 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Normal<double>(T(0, 1), T(1, -1))).Message);
        Assert.Throws<ArgumentException>(() => new Normal<double>(T(0, 1, 2), T(1, 2)));
        Assert.Equal("probs", Assert.Throws<ArgumentOutOfRangeException>(() => new Bernoulli<double>(T(1.5))).ParamName);
        Assert.Equal("scaleTril", Assert.Throws<ArgumentException>(() => new MultivariateNormal<double>(T(0, 0), Tensor.FromArray(new double[,] { { 1, 0 }, { 0, -1 } }))).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentOutOfRangeException>(() => new Gamma(-1)).ParamName);
        Assert.Contains("Gamma: shape must be a finite number > 0; got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new Gamma(-1)).Message);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => new Binomial(10, 1.5)).ParamName);
        Assert.Equal("successes", Assert.Throws<ArgumentOutOfRangeException>(() => new Hypergeometric(10, 11, 2)).ParamName);
    }

    [Fact]
    public void Closed_form_cdf_and_icdf_match_the_scalar_distributions()
    {
        var x = T(-1.3, 0.2, 2.7);
        var p = T(0.01, 0.4, 0.93);
        void Check(Func<Tensor<double>, Tensor<double>> cdf, Func<Tensor<double>, Tensor<double>>? icdf, UnivariateDistribution scalar, string name)
        {
            var c = cdf(x).Contiguous().ToArray();
            for (int i = 0; i < 3; i++) Assert.True(Math.Abs(c[i] - scalar.Cdf(x.ToArray()[i])) <= 1e-14, $"{name}.Cdf({x.ToArray()[i]}) = {c[i]}, scalar {scalar.Cdf(x.ToArray()[i])}");
            if (icdf is null) return;
            var q = icdf(p).Contiguous().ToArray();
            for (int i = 0; i < 3; i++)
            {
                double expected = scalar.Ppf(p.ToArray()[i]);
                Assert.True(Math.Abs(q[i] - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"{name}.Icdf({p.ToArray()[i]}) = {q[i]}, scalar {expected}");
            }
        }
        var normal = new Normal<double>(T(0.5), T(2));
        Check(normal.Cdf, normal.Icdf, new Normal(0.5, 2), "normal");
        var exponential = new Exponential<double>(T(1.5));
        Check(exponential.Cdf, exponential.Icdf, new Exponential(1.5), "exponential");
        var uniform = new Uniform<double>(T(-2), T(3));
        Check(uniform.Cdf, uniform.Icdf, new Uniform(-2, 3), "uniform");
        var laplace = new Laplace<double>(T(0.5), T(2));
        Check(laplace.Cdf, laplace.Icdf, new Laplace(0.5, 2), "laplace");
        var gumbel = new Gumbel<double>(T(0.5), T(2));
        Check(gumbel.Cdf, gumbel.Icdf, new Gumbel(0.5, 2), "gumbel");
        var cauchy = new Cauchy<double>(T(0.5), T(2));
        Check(cauchy.Cdf, cauchy.Icdf, new Cauchy(0.5, 2), "cauchy");
        var logistic = new Logistic<double>(T(0.5), T(2));
        Check(logistic.Cdf, logistic.Icdf, new Logistic(0.5, 2), "logistic");
        var logNormal = new LogNormal<double>(T(0.5), T(2));
        Check(logNormal.Cdf, null, new LogNormal(0.5, 2), "lognormal");
        // Icdf differentiates in p where it is built from tensor ops: d/dp of -log1p(-p)/λ is 1/(λ(1 - p)).
        var prob = T(0.3).RequireGrad();
        new Exponential<double>(T(2)).Icdf(prob).Sum().Backward();
        Assert.Equal(1 / (2 * 0.7), prob.Grad!.ToArray()[0], 1e-14);
    }
}
