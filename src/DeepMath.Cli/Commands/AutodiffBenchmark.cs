using System.CommandLine;
using System.Diagnostics;
using DeepMath.Autodiff;
using DeepMath.Cli.Benchmarking;
using DeepMath.Kernels;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath bench autodiff</c>: the cost of reverse mode on a 784-128-10 MLP at batch 64
/// (backward time over forward time), the cost of recording one operation, and memory over 10,000
/// training-style iterations (forward, backward, SGD update).
/// </summary>
public static class AutodiffBenchmark
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var common = new BenchCommand.CommonOptions();
        var iterations = new Option<int>("--iterations") { Description = "Training-style iterations for the memory check.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("autodiff", "Backward vs forward time of an MLP, recording cost per op, memory over many iterations.") { iterations };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var writer = common.Writer(result);
            int n = result.GetValue(iterations);
            if (n < 1000) throw new UsageException($"--iterations must be at least 1000, got {n}.");
            int threads = Compute.CurrentThreads;
            var mlp = new Mlp();
            var (forwardSeconds, backwardSeconds, foreign) = ForwardBackward(mlp, threads);
            writer.Emit(new()
            {
                ["bench"] = "autodiff", ["lib"] = "deepmath", ["case"] = "mlp-784-128-10-batch64", ["dtype"] = "float32", ["threads"] = threads,
                ["forward_us"] = forwardSeconds * 1e6, ["backward_us"] = backwardSeconds * 1e6, ["backward_over_forward"] = backwardSeconds / forwardSeconds,
                ["foreign"] = foreign,
            });
            var plain = Tensor.FromArray([1f, 2f, 3f, 4f]);
            var tracked = Tensor.FromArray([1f, 2f, 3f, 4f]).RequireGrad();
            const int chain = 1000;
            var untimed = BenchTimer.Measure(() => Chain(plain, chain), threads, samples: 9);
            var timed = BenchTimer.Measure(() => Chain(tracked, chain), threads, samples: 9);
            writer.Emit(new()
            {
                ["bench"] = "autodiff", ["lib"] = "deepmath", ["case"] = "record-cost", ["dtype"] = "float32", ["threads"] = threads,
                ["op_ns"] = untimed.Median / chain * 1e9, ["recorded_op_ns"] = timed.Median / chain * 1e9,
                ["recording_ns_per_op"] = (timed.Median - untimed.Median) / chain * 1e9, ["foreign"] = Math.Max(untimed.Foreign, timed.Foreign),
            });
            writer.Emit(Memory(new Mlp(), n, threads));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Times the forward and the backward halves of each training step separately (same loop, same GC
    /// conditions) and returns the medians over samples of per-step averages.
    /// </summary>
    private static (double Forward, double Backward, double Foreign) ForwardBackward(Mlp mlp, int threads)
    {
        const int steps = 300, samples = 7;
        var forward = new double[samples];
        var backward = new double[samples];
        double worstForeign = 0;
        for (int s = -2; s < samples; s++)
        {
            var timing = BenchTimer.Measure(() => { }, threads, samples: 1, minSampleSeconds: 0, warmup: 0);
            worstForeign = s >= 0 ? Math.Max(worstForeign, timing.Foreign) : worstForeign;
            long f = 0, b = 0;
            for (int i = 0; i < steps; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var loss = mlp.Forward();
                long t1 = Stopwatch.GetTimestamp();
                loss.Backward();
                long t2 = Stopwatch.GetTimestamp();
                mlp.ZeroGrad();
                f += t1 - t0;
                b += t2 - t1;
            }
            if (s < 0) continue; // warm-up samples (JIT tiering)
            forward[s] = (double)f / Stopwatch.Frequency / steps;
            backward[s] = (double)b / Stopwatch.Frequency / steps;
        }
        Array.Sort(forward);
        Array.Sort(backward);
        return (forward[samples / 2], backward[samples / 2], worstForeign);
    }

    private static Tensor<float> Chain(Tensor<float> start, int length)
    {
        var y = start;
        for (int i = 0; i < length; i++) y = y * 1.0001f;
        return y;
    }

    private static Dictionary<string, object> Memory(Mlp mlp, int iterations, int threads)
    {
        var checkpoints = new Dictionary<int, long>();
        var sw = Stopwatch.StartNew();
        for (int i = 1; i <= iterations; i++)
        {
            var loss = mlp.Forward();
            loss.Backward();
            mlp.Step(0.01f);
            if (i == iterations / 10 || i == iterations / 2 || i == iterations)
                checkpoints[i] = GC.GetTotalMemory(forceFullCollection: true);
        }
        long first = checkpoints[iterations / 10], last = checkpoints[iterations];
        return new()
        {
            ["bench"] = "autodiff", ["lib"] = "deepmath", ["case"] = "memory", ["dtype"] = "float32", ["threads"] = threads,
            ["iterations"] = iterations, ["heap_mib_at_10pct"] = first / 1048576.0, ["heap_mib_at_50pct"] = checkpoints[iterations / 2] / 1048576.0,
            ["heap_mib_at_end"] = last / 1048576.0, ["heap_growth_kib"] = (last - first) / 1024.0,
            ["peak_working_set_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, ["seconds"] = sw.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The benchmark network written with plain tensor operations (no layer classes).</summary>
    private sealed class Mlp
    {
        private readonly Tensor<float> _x = Tensor.Uniform<float>([64, 784], 0f, 1f, 1);
        private readonly Tensor<long> _labels = Tensor.RandomIntegers<long>([64, 1], 0, 10, new RandomGenerator(2));
        private readonly Tensor<float>[] _parameters =
        [
            Tensor.Normal<float>([784, 128], 0f, 0.05f, 3).RequireGrad(),
            Tensor.Zeros<float>(128).RequireGrad(),
            Tensor.Normal<float>([128, 10], 0f, 0.1f, 4).RequireGrad(),
            Tensor.Zeros<float>(10).RequireGrad(),
        ];

        public Tensor<float> Forward()
        {
            var hidden = (_x.MatMul(_parameters[0]) + _parameters[1]).Relu();
            var logits = hidden.MatMul(_parameters[2]) + _parameters[3];
            return -logits.LogSoftmax(1).Gather(1, _labels).Mean();
        }

        public void ZeroGrad()
        {
            foreach (var p in _parameters) p.ZeroGrad();
        }

        public void Step(float learningRate)
        {
            using var _ = Autograd.NoGrad();
            foreach (var p in _parameters)
            {
                p.AddScaledInPlace(-learningRate, p.Grad!);
                p.ZeroGrad();
            }
        }
    }
}
