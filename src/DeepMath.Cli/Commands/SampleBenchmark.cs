using System.CommandLine;
using DeepMath.Cli.Benchmarking;
using DeepMath.Kernels;
using DeepMath.Probability.Distributions;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath bench sample</c>: random variates per second for a distribution, filling a 1,048,576-element
/// array per call (bench/sample_peer.py measures NumPy's Generator(PCG64) the same way).
/// </summary>
public static class SampleBenchmark
{
    /// <summary>The distributions and the parameters both sides use.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Parameters, Func<UnivariateDistribution> Make)> Cases =
        new Dictionary<string, (string, Func<UnivariateDistribution>)>
        {
            ["normal"] = ("loc=0, scale=1", () => new Normal()),
            ["gamma"] = ("shape=2.5, scale=1", () => new Gamma(2.5)),
            ["binomial"] = ("n=100, p=0.3", () => new Binomial(100, 0.3)),
            ["poisson"] = ("lam=30", () => new Poisson(30)),
            ["exponential"] = ("scale=1", () => new Exponential()),
            ["beta"] = ("a=2, b=3", () => new Beta(2, 3)),
        };

    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var common = new BenchCommand.CommonOptions();
        var dist = new Option<string>("--dist") { Description = $"The distribution: {string.Join(", ", Cases.Keys)}.", DefaultValueFactory = _ => "normal" };
        var size = new Option<int>("--size") { Description = "Variates per call.", DefaultValueFactory = _ => 1 << 20 };
        var command = new Command("sample", "Measure sampling throughput (variates per second) for one distribution.") { dist, size };
        common.AddTo(command);
        command.SetAction(result =>
        {
            string name = result.GetValue(dist)!;
            if (!Cases.TryGetValue(name, out var c)) throw new UsageException($"--dist must be one of {string.Join(", ", Cases.Keys)}; got '{name}'.");
            int n = result.GetValue(size);
            if (n < 1) throw new UsageException($"--size must be positive, got {n}.");
            var writer = common.Writer(result);
            int threads = Compute.CurrentThreads;
            var distribution = c.Make();
            var output = new double[n];
            var generator = new RandomGenerator(42);
            var t = BenchTimer.Measure(() => distribution.SampleInto(output, generator), threads, samples: 7, minSampleSeconds: 0.2);
            writer.Emit(new()
            {
                ["bench"] = "sample", ["lib"] = "deepmath", ["dist"] = name, ["params"] = c.Parameters, ["n"] = n, ["threads"] = threads,
                ["samples_per_second"] = n / t.Median, ["ns_per_sample"] = t.Median / n * 1e9, ["samples"] = t.Samples, ["foreign"] = t.Foreign,
            });
            return 0;
        });
        return command;
    }
}
