using System.Globalization;
using System.Text.Json;
using DeepMath.Probability.Distributions;
using DeepMath.Probability.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace DeepMath.Tests.Probability;

/// <summary>
/// Fits against scipy.stats' <c>dist.fit</c> on the same 400 draws (Fixtures/fitting/fits.json, written by
/// make_fits.py): the estimates agree to 1e-6 relative with scipy.fit where scipy converged, and always
/// with the optimum (scipy's estimate polished at tight tolerances), and the log-likelihood is never lower.
/// </summary>
public class MaximumLikelihoodTests(ITestOutputHelper output)
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fitting", "fits.json"))).RootElement;

    public static TheoryData<string> Cases() => new(Root.EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static (IReadOnlyList<FittedParameter> Parameters, double LogLikelihood, bool Converged) Fit(string name, double[] data) => name switch
    {
        "Gamma" => Unpack(MaximumLikelihood.FitGamma(data)),
        "Beta" => Unpack(MaximumLikelihood.FitBeta(data)),
        "Weibull" => Unpack(MaximumLikelihood.FitWeibull(data)),
        "StudentT" => Unpack(MaximumLikelihood.FitStudentT(data)),
        "Cauchy" => Unpack(MaximumLikelihood.FitCauchy(data)),
        "Logistic" => Unpack(MaximumLikelihood.FitLogistic(data)),
        "Gumbel" => Unpack(MaximumLikelihood.FitGumbel(data)),
        "InverseGamma" => Unpack(MaximumLikelihood.FitInverseGamma(data)),
        "Normal" => Unpack(MaximumLikelihood.FitNormal(data)),
        "LogNormal" => Unpack(MaximumLikelihood.FitLogNormal(data)),
        "Exponential" => Unpack(MaximumLikelihood.FitExponential(data)),
        "Laplace" => Unpack(MaximumLikelihood.FitLaplace(data)),
        "ChiSquared" => Unpack(MaximumLikelihood.FitChiSquared(data)),
        "F" => Unpack(MaximumLikelihood.FitF(data)),
        "Pareto" => Unpack(MaximumLikelihood.FitPareto(data)),
        _ => throw new ArgumentException(name),
    };

    private static (IReadOnlyList<FittedParameter>, double, bool) Unpack<T>(FitResult<T> r) where T : UnivariateDistribution => (r.Parameters, r.LogLikelihood, r.Converged);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_scipy_fit_or_beats_its_likelihood(string name)
    {
        var c = Root.EnumerateArray().First(e => e.GetProperty("name").GetString() == name);
        var data = c.GetProperty("data").EnumerateArray().Select(v => double.Parse(v.GetString()!, CultureInfo.InvariantCulture)).ToArray();
        double scipyLl = double.Parse(c.GetProperty("loglik").GetString()!, CultureInfo.InvariantCulture);
        var (parameters, ll, converged) = Fit(name, data);
        Assert.True(converged, $"{name}: the fit did not converge");
        Assert.True(ll >= scipyLl - 1e-9 * Math.Abs(scipyLl), $"{name}: log-likelihood {ll:R} below scipy's {scipyLl:R}");
        foreach (var p in c.GetProperty("params").EnumerateObject())
        {
            double fit = double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
            double optimum = double.Parse(c.GetProperty("optimum").GetProperty(p.Name).GetString()!, CultureInfo.InvariantCulture);
            double actual = parameters.Single(q => q.Name == p.Name).Estimate;
            double toFit = Math.Abs(actual - fit) / Math.Abs(fit), toOptimum = Math.Abs(actual - optimum) / Math.Abs(optimum);
            bool scipyConverged = Math.Abs(fit - optimum) <= 1e-6 * Math.Abs(optimum);
            output.WriteLine($"{name}.{p.Name}: DeepMath {actual:R}; scipy.fit {fit:R} ({toFit:E1}{(scipyConverged ? "" : ", scipy stopped early")}); polished optimum {optimum:R} ({toOptimum:E1})");
            Assert.True(toOptimum <= 1e-6, $"{name}.{p.Name}: {actual:R}, optimum {optimum:R} (relative {toOptimum:E1})");
            if (scipyConverged) Assert.True(toFit <= 1e-6, $"{name}.{p.Name}: {actual:R}, scipy.fit {fit:R} (relative {toFit:E1})");
        }
    }

    [Fact]
    public void Standard_errors_match_the_closed_form_observed_information()
    {
        var data = new Normal(3, 2).Samples(5000, new DeepMath.Tensors.RandomGenerator(8));
        var fit = MaximumLikelihood.FitNormal(data);
        double std = fit["std"];
        // The observed information of (μ, σ) at the MLE is diag(n/σ², 2n/σ²).
        Assert.Equal(std / Math.Sqrt(5000), fit.Parameters[0].StandardError, 1e-6);
        Assert.Equal(std / Math.Sqrt(2 * 5000), fit.Parameters[1].StandardError, 1e-6);
        Assert.Equal("closed form", fit.Method);
        Assert.Equal(2 * 2 - 2 * fit.LogLikelihood, fit.Aic, 1e-9);
        Assert.Equal(2 * Math.Log(5000) - 2 * fit.LogLikelihood, fit.Bic, 1e-9);
        var gamma = MaximumLikelihood.FitGamma(new Gamma(4, 2).Samples(4000, new DeepMath.Tensors.RandomGenerator(1)));
        Assert.True(Math.Abs(gamma["shape"] - 4) < 4 * gamma.Parameters[0].StandardError, $"shape {gamma["shape"]} ± {gamma.Parameters[0].StandardError}");
        Assert.True(gamma.Parameters[0].StandardError is > 0.02 and < 0.2);
    }

    [Fact]
    public void A_fixed_parameter_is_held_and_the_rest_refitted()
    {
        var data = new Gamma(3, 2).Samples(2000, new DeepMath.Tensors.RandomGenerator(2));
        var fit = MaximumLikelihood.FitGamma(data, new Dictionary<string, double> { ["rate"] = 2 });
        Assert.Equal(2, fit["rate"]);
        Assert.Equal("L-BFGS + Newton (autodiff)", fit.Method);
        Assert.Equal("L-BFGS + Newton (autodiff)", MaximumLikelihood.FitWeibull(data).Method);
        Assert.True(fit.Parameters[1].IsFixed);
        Assert.True(double.IsNaN(fit.Parameters[1].StandardError));
        Assert.Equal(1, fit.FreeParameters);
        // With the rate fixed, the score equation is ψ(k) = mean(log x) + log rate.
        double meanLog = data.Average(Math.Log);
        Assert.Equal(meanLog + Math.Log(2), DeepMath.Probability.SpecialFunctions.Digamma(fit["shape"]), 1e-7);
        var normal = MaximumLikelihood.FitNormal(data, new Dictionary<string, double> { ["mean"] = 1 });
        Assert.Equal(1, normal["mean"]);
        Assert.Equal(Math.Sqrt(data.Average(v => (v - 1) * (v - 1))), normal["std"], 1e-7);
    }

    [Fact]
    public void Bad_data_gets_a_clear_error()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitNormal([])).Message);
        Assert.Contains("data[1]", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitGamma([1, -2, 3])).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitNormal([1, double.NaN])).Message);
        Assert.Contains("no parameter 'loc'", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitGamma([1, 2, 3], new Dictionary<string, double> { ["loc"] = 0 })).Message);
        Assert.Contains("whole numbers", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitPoisson([1, 2.5])).Message);
    }

    [Fact]
    public void Discrete_closed_forms()
    {
        Assert.Equal(2.5, MaximumLikelihood.FitPoisson([1, 2, 3, 4])["rate"], 1e-15);
        Assert.Equal(0.25, MaximumLikelihood.FitBernoulli([0, 0, 1, 0])["p"]);
        Assert.Equal(0.3, MaximumLikelihood.FitBinomial([3, 2, 4], 10)["p"], 1e-15);
        Assert.Equal(0.5, MaximumLikelihood.FitGeometric([1, 2, 3])["p"], 1e-15);
        Assert.Equal(1 / 3.0, MaximumLikelihood.FitGeometric([1, 2, 3], GeometricConvention.Failures)["p"], 1e-15);
        var du = MaximumLikelihood.FitDiscreteUniform([3, 7, 5, 4]);
        Assert.Equal((3.0, 7.0), (du["low"], du["high"]));
        Assert.Equal(4 * -Math.Log(5), du.LogLikelihood, 1e-14);
        var cat = MaximumLikelihood.FitCategorical([0, 2, 2, 1, 2], 4);
        Assert.Equal(new[] { 0.2, 0.2, 0.6, 0 }, cat.Parameters.Select(p => p.Estimate));
        Assert.Equal(Math.Sqrt(0.6 * 0.4 / 5), cat.Parameters[2].StandardError, 1e-15);
        var nb = MaximumLikelihood.FitNegativeBinomial(new NegativeBinomial(3, 0.4).Samples(5000, new DeepMath.Tensors.RandomGenerator(4)));
        Assert.True(nb.Converged);
        Assert.True(Math.Abs(nb["r"] - 3) < 0.5 && Math.Abs(nb["p"] - 0.4) < 0.05, $"r = {nb["r"]}, p = {nb["p"]}");
    }

    [Fact]
    public void Multivariate_fits_satisfy_their_score_equations()
    {
        // Dirichlet: at the MLE, ψ(α_j) - ψ(Σα) equals the mean of log x_j for every j.
        var truth = new Dirichlet(2, 3.5, 1.2);
        var rows = truth.Samples(3000, new DeepMath.Tensors.RandomGenerator(12));
        var fit = MaximumLikelihood.FitDirichlet(rows);
        Assert.True(fit.Converged);
        double total = fit.Parameters.Sum(p => p.Estimate);
        for (int j = 0; j < 3; j++)
        {
            double meanLog = Enumerable.Range(0, 3000).Average(i => Math.Log(rows[i, j]));
            double score = DeepMath.Probability.SpecialFunctions.Digamma(fit.Parameters[j].Estimate) - DeepMath.Probability.SpecialFunctions.Digamma(total);
            Assert.Equal(meanLog, score, 1e-9);
            Assert.True(Math.Abs(fit.Parameters[j].Estimate - truth.Alpha[j]) < 5 * fit.Parameters[j].StandardError, $"alpha[{j}] = {fit.Parameters[j].Estimate} ± {fit.Parameters[j].StandardError}");
        }
        // MultivariateNormal: the sample mean and the covariance with divisor n.
        var data = new double[,] { { 1, 2 }, { 3, 1 }, { 2, 5 }, { 0, 0 } };
        var mvn = MaximumLikelihood.FitMultivariateNormal(data);
        Assert.Equal(1.5, mvn.Distribution.Mean[0], 1e-15);
        Assert.Equal(2, mvn.Distribution.Mean[1], 1e-15);
        Assert.Equal(1.25, mvn.Distribution.Covariance[0, 0], 1e-14);
        Assert.Equal((-0.5 * 0 + 1.5 * -1 + 0.5 * 3 + -1.5 * -2) / 4, mvn.Distribution.Covariance[0, 1], 1e-14);
        Assert.Equal(5, mvn.FreeParameters);
        Assert.Contains("more rows than columns", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitMultivariateNormal(new double[,] { { 1, 2 } })).Message);
        var multinomial = MaximumLikelihood.FitMultinomial(new double[,] { { 2, 3, 5 }, { 4, 4, 2 } });
        Assert.Equal(new[] { 0.3, 0.35, 0.35 }, multinomial.Parameters.Select(p => Math.Round(p.Estimate, 15)));
        Assert.Contains("row 1 has", Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitMultinomial(new double[,] { { 2, 3 }, { 1, 1 } })).Message);
    }
}
