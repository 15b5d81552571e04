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

    /// <summary>
    /// 1e-13 relative, plus 4e-16 |log v| for values that are exponentials of a computed logarithm
    /// (densities, probabilities): e^(-700) inherits 700 ulps from its exponent whatever the method.
    /// </summary>
    private static double ExpTolerance(double expected) => 1e-13 + (expected > 0 ? 4e-16 * Math.Abs(Math.Log(expected)) : 0);

    /// <summary>A log-density is a sum of logarithms: near 0 it is judged on the scale of 1 (1e-13 absolute), not relative to itself.</summary>
    private static double LogDensityTolerance(double expected) => Math.Abs(expected) < 1 && expected != 0 ? 1e-13 / Math.Abs(expected) : 1e-13;

    /// <summary>A log-probability near 0 is -(a tiny probability): it carries that probability's tolerance.</summary>
    private static double LogTolerance(double expected) => Math.Abs(expected) < 0.5 ? ExpTolerance(Math.Abs(expected)) : 1e-13;

    /// <summary>Relative tolerance (absolute below the smallest normal number); infinities and NaN exactly.</summary>
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
        // Known limit: with a shape parameter of 1e5 or more (t with ν = 1e6, binomial with n = 1e6) the
        // incomplete beta continued fraction runs over ~√ν terms that nearly cancel, and the cdf family
        // keeps about 10 digits instead of 13 (DiDonato-Morris' BGRAT expansion would restore them).
        double limit = entry.GetProperty("params").EnumerateObject()
            .Any(p => p.Name is "dof" or "n" && double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture) >= 1e5) ? 1000 : 1;
        foreach (var point in entry.GetProperty("points").EnumerateArray())
        {
            double x = D(point, discrete ? "k" : "x");
            if (discrete)
            {
                var dd = (DiscreteDistribution)d;
                Compare(failures, $"{label}.Pmf({x})", D(point, "pmf"), dd.Pmf(x), ExpTolerance(D(point, "pmf")));
                Compare(failures, $"{label}.LogPmf({x})", D(point, "logpmf"), dd.LogPmf(x), LogDensityTolerance(D(point, "logpmf")));
            }
            else
            {
                var cd = (ContinuousDistribution)d;
                Compare(failures, $"{label}.Pdf({x})", D(point, "pdf"), cd.Pdf(x), ExpTolerance(D(point, "pdf")));
                Compare(failures, $"{label}.LogPdf({x})", D(point, "logpdf"), cd.LogPdf(x), LogDensityTolerance(D(point, "logpdf")));
            }
            Compare(failures, $"{label}.Cdf({x})", D(point, "cdf"), d.Cdf(x), ExpTolerance(D(point, "cdf")) * limit);
            Compare(failures, $"{label}.Sf({x})", D(point, "sf"), d.Sf(x), ExpTolerance(D(point, "sf")) * limit);
            Compare(failures, $"{label}.LogCdf({x})", D(point, "logcdf"), d.LogCdf(x), LogTolerance(D(point, "logcdf")) * limit);
            Compare(failures, $"{label}.LogSf({x})", D(point, "logsf"), d.LogSf(x), LogTolerance(D(point, "logsf")) * limit);
        }
        foreach (var q in entry.GetProperty("quantiles").EnumerateArray())
        {
            double p = D(q, "p");
            double ppf = d.Ppf(p), isf = d.Isf(p);
            Compare(failures, $"{label}.Ppf({p})", D(q, "ppf"), ppf, discrete ? 0 : 1e-12 * limit);
            Compare(failures, $"{label}.Isf({p})", D(q, "isf"), isf, discrete ? 0 : 1e-12 * limit);
            if (!discrete && double.IsFinite(ppf) && p > 1e-290)
            {
                // The cdf evaluated back: exact up to 1e-11 and to what rounding the quantile to a double
                // moves the cdf by (a few ulps of x times the density: -1000 + 0.001 z keeps only 1e-10 of z).
                double back = p < 0.5 ? d.Cdf(ppf) : d.Sf(ppf), target = p < 0.5 ? p : 1 - p;
                double rounding = 4 * ((ContinuousDistribution)d).Pdf(ppf) * Math.Abs(ppf) * 1.1102230246251565e-16;
                if (!(Math.Abs(back - target) <= 1e-11 * limit * target + rounding)) failures.Add($"{label}: Cdf(Ppf({p})) = {back:R}");
            }
        }
        foreach (var (key, value) in new (string, Func<double>)[]
                 {
                     ("mean", () => d.Mean), ("variance", () => d.Variance), ("skewness", () => d.Skewness),
                     ("excess_kurtosis", () => d.ExcessKurtosis), ("entropy", () => d.Entropy), ("median", () => d.Median),
                 })
            // Skewness and kurtosis are differences of raw moments (Weibull's of Γ values): 1e-10.
            if (entry.TryGetProperty(key, out _))
                Compare(failures, $"{label}.{key}", D(entry, key), value(), key is "median" && discrete ? 0 : key is "skewness" or "excess_kurtosis" ? 1e-10 : 1e-12);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches:\n" + string.Join("\n", failures));
    }
}
