using System.CommandLine;
using DeepMath.Cli.Benchmarking;
using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary><c>deepmath bench</c>: throughput measurements to compare with the peers in one run.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Measure DeepMath's kernels (median of repeats after warm-up).");
        command.Subcommands.Add(Elementwise());
        command.Subcommands.Add(GemmBenchmark.Create());
        command.Subcommands.Add(PeakBenchmark.Create());
        command.Subcommands.Add(AutodiffBenchmark.Create());
        command.Subcommands.Add(MinimizeBenchmark.Create());
        command.Subcommands.Add(SampleBenchmark.Create());
        return command;
    }

    /// <summary>Options every benchmark shares.</summary>
    internal sealed class CommonOptions
    {
        public Option<int> Threads { get; } = new("--threads") { Description = "Threads to use (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        public Option<bool> Json { get; } = new("--json") { Description = "Print JSON lines instead of text." };
        public Option<string?> Append { get; } = new("--append") { Description = "Also append the JSON lines to this file." };

        public void AddTo(Command command)
        {
            command.Options.Add(Threads);
            command.Options.Add(Json);
            command.Options.Add(Append);
        }

        public ResultWriter Writer(ParseResult result)
        {
            int threads = result.GetValue(Threads);
            if (threads < 1) throw new UsageException($"--threads must be at least 1, got {threads}.");
            Compute.DefaultThreads = threads;
            return new ResultWriter(result.InvocationConfiguration.Output, result.GetValue(Json), result.GetValue(Append));
        }
    }

    private static Command Elementwise()
    {
        var common = new CommonOptions();
        var size = new Option<int>("--size") { Description = "Elements per array.", DefaultValueFactory = _ => 16 * 1024 * 1024 };
        var command = new Command("elementwise", "copy, add, sum and exp over float32 arrays, and the fixed cost of a tiny add.") { size };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var writer = common.Writer(result);
            int n = result.GetValue(size);
            if (n < 1) throw new UsageException($"--size must be positive, got {n}.");
            RunElementwise(writer, n, Compute.CurrentThreads);
            return 0;
        });
        return command;
    }

    private static void RunElementwise(ResultWriter writer, int n, int threads)
    {
        // The tiny op goes first, before the 64 MiB operations leave garbage for the collector.
        var x = Tensor.FromArray([1f, 2f, 3f, 4f]);
        var y = Tensor.FromArray([5f, 6f, 7f, 8f]);
        var tiny = BenchTimer.Measure(() => _ = x + y, threads, samples: 9, minSampleSeconds: 0.2);
        writer.Emit(new()
        {
            ["bench"] = "tiny_op", ["lib"] = "deepmath", ["op"] = "add", ["n"] = 4, ["dtype"] = "float32", ["threads"] = threads,
            ["ns_median"] = tiny.Median * 1e9, ["ns_best"] = tiny.Min * 1e9, ["ns_worst"] = tiny.Max * 1e9,
            ["inner"] = tiny.Inner, ["samples"] = tiny.Samples, ["foreign"] = tiny.Foreign,
        });
        var a = Tensor.Uniform<float>([n], -4f, 4f, 5);
        var b = Tensor.Uniform<float>([n], -4f, 4f, 6);
        var c = Tensor.Zeros<float>(n);
        var ops = new (string Op, string Mode, int Arrays, Action Body)[]
        {
            ("copy", "out", 2, () => a.AsSpan().CopyTo(c.AsSpan())),
            ("add", "out", 3, () => Tensor.Add(a, b, c)),
            ("sum", "reduce", 1, () => a.Sum()),
            ("exp", "out", 2, () => Tensor.Exp(a, c)),
            ("add", "alloc", 3, () => _ = a + b),
            ("exp", "alloc", 2, () => _ = a.Exp()),
        };
        foreach (var (op, mode, arrays, body) in ops)
        {
            var t = BenchTimer.Measure(body, threads, samples: 7, minSampleSeconds: 0.3);
            double bytes = (double)arrays * n * sizeof(float);
            writer.Emit(new()
            {
                ["bench"] = "elementwise", ["lib"] = "deepmath", ["op"] = op, ["mode"] = mode, ["n"] = n, ["dtype"] = "float32",
                ["threads"] = threads, ["ms_median"] = t.Median * 1e3, ["gbs_median"] = bytes / t.Median / 1e9,
                ["gbs_best"] = bytes / t.Min / 1e9, ["gbs_worst"] = bytes / t.Max / 1e9, ["gelem_s"] = n / t.Median / 1e9,
                ["inner"] = t.Inner, ["samples"] = t.Samples, ["foreign"] = t.Foreign,
            });
        }
    }
}
