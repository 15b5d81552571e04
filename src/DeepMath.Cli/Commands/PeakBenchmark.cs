using System.CommandLine;
using DeepMath.Cli.Benchmarking;
using DeepMath.Kernels;
using DeepMath.Kernels.Gemm;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath bench peak</c>: the machine's fused multiply-add ceiling, measured with twelve independent
/// FMA chains on the widest accelerated vectors (enough to hide FMA latency on any current core).
/// GEMM efficiency is quoted against this number.
/// </summary>
public static class PeakBenchmark
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var common = new BenchCommand.CommonOptions();
        var command = new Command("peak", "Measure the FMA peak in GFLOP/s (float32 and float64) on the given number of threads.");
        common.AddTo(command);
        command.SetAction(result =>
        {
            var writer = common.Writer(result);
            int threads = Compute.CurrentThreads;
            foreach (var single in new[] { true, false })
            {
                const long iterations = 20_000_000;
                double flopPerCall = FmaThroughput.Run(!single, 1) / 1 * iterations * threads;
                var t = BenchTimer.Measure(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    _ => FmaThroughput.Run(!single, iterations)), threads, samples: 5, minSampleSeconds: 0.2, warmup: 1);
                writer.Emit(new()
                {
                    ["bench"] = "peak", ["lib"] = "deepmath", ["dtype"] = single ? "float32" : "float64", ["threads"] = threads,
                    ["vector_bits"] = FmaThroughput.VectorBits, ["gflops_median"] = flopPerCall / t.Median / 1e9,
                    ["gflops_best"] = flopPerCall / t.Min / 1e9, ["samples"] = t.Samples, ["foreign"] = t.Foreign,
                });
            }
            return 0;
        });
        return command;
    }
}
