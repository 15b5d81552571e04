using System.Globalization;
using System.Text.Json;
using DeepMath.Probability.Distributions;
using Xunit;

namespace DeepMath.Tests.Probability;

/// <summary>
/// Every distribution method against scipy.stats (cross-checked with mpmath, which overrides scipy where
/// they disagree): Fixtures/distributions/distributions.json, written by make_distributions.py. Each
/// quantile is also checked by evaluating the cdf back.
/// </summary>
public class DistributionFixtureTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "distributions", "distributions.json"))).RootElement;

    private static double D(JsonElement e, string key) => IncompleteFunctionsTests.D(e, key);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "continuous", "discrete" })
        {
            int i = 0;
            foreach (var _ in Root.GetProperty(kind).EnumerateArray()) data.Add(kind, i++);
        }
        return data;
    }

    internal static UnivariateDistribution Make(string name, JsonElement p)
    {
        double P(string key) => D(p, key);
        long L(string key) => long.Parse(p.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);
        return name switch
        {
            "Normal" => new Normal(P("mean"), P("std")),
            "LogNormal" => new LogNormal(P("mu"), P("sigma")),
            "Uniform" => new Uniform(P("lower"), P("upper")),
            "Exponential" => new Exponential(P("rate")),
            "Gamma" => new Gamma(P("shape"), P("rate")),
            "Beta" => new Beta(P("alpha"), P("beta")),
            "ChiSquared" => new ChiSquared(P("dof")),
            "StudentT" => new StudentT(P("dof"), P("loc"), P("scale")),
            "Cauchy" => new Cauchy(P("loc"), P("scale")),
            "Laplace" => new Laplace(P("loc"), P("scale")),
            "Logistic" => new Logistic(P("loc"), P("scale")),
            "Gumbel" => new Gumbel(P("loc"), P("scale")),
            "Weibull" => new Weibull(P("shape"), P("scale")),
            "Pareto" => new Pareto(P("scale"), P("shape")),
            "F" => new FDistribution(P("dof1"), P("dof2")),
            "InverseGamma" => new InverseGamma(P("shape"), P("scale")),
            "Bernoulli" => new Bernoulli(P("p")),
            "Binomial" => new Binomial(L("n"), P("p")),
            "Poisson" => new Poisson(P("rate")),
            "Geometric" => new Geometric(P("p"), p.GetProperty("convention").GetString() == "failures" ? GeometricConvention.Failures : GeometricConvention.Trials),
            "NegativeBinomial" => new NegativeBinomial(P("r"), P("p")),
            "Hypergeometric" => new Hypergeometric(L("population"), L("successes"), L("draws")),
            "DiscreteUniform" => new DiscreteUniform(L("low"), L("high")),
            _ => throw new ArgumentException($"Unknown distribution {name}"),
        };
    }

    /// <summary>Relative 1e-13 (absolute below the smallest normal number); infinities and NaN exactly.</summary>
    private static void Compare(List<string> failures, string what, double expected, double actual, double tolerance = 1e-13)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            if (!expected.Equals(actual)) failures.Add($"{what}: {actual:R}, expected {expected:R}");
            return;
        }
        double error = Math.Abs(actual - expected);
        if (!(error <= tolerance * Math.Abs(expected) || error <= 1e-300))
            failures.Add($"{what}: {actual:R}, expected {expected:R} (relative {error / Math.Abs(expected):E1})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_scipy(string kind, int index)
    {
        var entry = Root.GetProperty(kind)[index];
        string name = entry.GetProperty("name").GetString()!;
        var d = Make(name, entry.GetProperty("params"));
        string label = $"{name}({string.Join(", ", entry.GetProperty("params").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"))})";
        var failures = new List<string>();
        bool discrete = kind == "discrete";
        foreach (var point in entry.GetProperty("points").EnumerateArray())
        {
            double x = D(point, discrete ? "k" : "x");
            if (discrete)
            {
                var dd = (DiscreteDistribution)d;
                Compare(failures, $"{label}.Pmf({x})", D(point, "pmf"), dd.Pmf(x));
                Compare(failures, $"{label}.LogPmf({x})", D(point, "logpmf"), dd.LogPmf(x));
            }
            else
            {
                var cd = (ContinuousDistribution)d;
                Compare(failures, $"{label}.Pdf({x})", D(point, "pdf"), cd.Pdf(x));
                Compare(failures, $"{label}.LogPdf({x})", D(point, "logpdf"), cd.LogPdf(x));
            }
            Compare(failures, $"{label}.Cdf({x})", D(point, "cdf"), d.Cdf(x));
            Compare(failures, $"{label}.Sf({x})", D(point, "sf"), d.Sf(x));
            Compare(failures, $"{label}.LogCdf({x})", D(point, "logcdf"), d.LogCdf(x));
            Compare(failures, $"{label}.LogSf({x})", D(point, "logsf"), d.LogSf(x));
        }
        foreach (var q in entry.GetProperty("quantiles").EnumerateArray())
        {
            double p = D(q, "p");
            double ppf = d.Ppf(p), isf = d.Isf(p);
            Compare(failures, $"{label}.Ppf({p})", D(q, "ppf"), ppf, discrete ? 0 : 1e-12);
            Compare(failures, $"{label}.Isf({p})", D(q, "isf"), isf, discrete ? 0 : 1e-12);
            if (!discrete && double.IsFinite(ppf) && p > 1e-290)
            {
                // The cdf evaluated back: within the condition number of the quantile times a few ulp.
                double back = p < 0.5 ? d.Cdf(ppf) : d.Sf(ppf), target = p < 0.5 ? p : 1 - p;
                if (Math.Abs(back - target) > 1e-11 * target) failures.Add($"{label}: Cdf(Ppf({p})) = {back:R}");
            }
        }
        foreach (var (key, value) in new (string, Func<double>)[]
                 {
                     ("mean", () => d.Mean), ("variance", () => d.Variance), ("skewness", () => d.Skewness),
                     ("excess_kurtosis", () => d.ExcessKurtosis), ("entropy", () => d.Entropy), ("median", () => d.Median),
                 })
            if (entry.TryGetProperty(key, out _)) Compare(failures, $"{label}.{key}", D(entry, key), value(), key is "median" && discrete ? 0 : 1e-12);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join("\n", failures));
    }
}
