using System.CommandLine;
using System.Globalization;
using DeepMath.Cli.Benchmarking;
using DeepMath.Kernels;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary><c>deepmath bench gemm</c>: matrix multiply throughput in GFLOP/s (median of repeats after warm-up).</summary>
public static class GemmBenchmark
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var common = new BenchCommand.CommonOptions();
        var size = new Option<int[]>("--size")
        {
            Description = "Square size n (C = A @ B with n x n matrices); repeat or comma-separate for several.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r =>
            {
                try
                {
                    return ParseList(r.Tokens.Select(t => t.Value), "--size");
                }
                catch (UsageException e)
                {
                    r.AddError(e.Message);
                    return [];
                }
            },
        };
        var shape = new Option<string[]>("--shape")
        {
            Description = "Rectangular products as m,n,k[,ta][,tb] (ta/tb: transposed operand), e.g. 64,128,784 or 784,128,64,ta.",
            AllowMultipleArgumentsPerToken = true,
        };
        var dtype = new Option<string>("--dtype") { Description = "float32 or float64.", DefaultValueFactory = _ => "float32" };
        dtype.AcceptOnlyFromAmong("float32", "float64");
        var command = new Command("gemm", "C = A @ B throughput in GFLOP/s for square sizes and rectangular shapes.") { size, shape, dtype };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var writer = common.Writer(result);
            var sizes = result.GetValue(size) ?? [];
            var shapes = (result.GetValue(shape) ?? []).Select(ParseShape).ToList();
            if (sizes.Length == 0 && shapes.Count == 0) sizes = [512];
            var problems = sizes.Select(n => (n, n, n, false, false)).Concat(shapes).ToList();
            bool single = result.GetValue(dtype) == "float32";
            foreach (var (m, n, k, ta, tb) in problems)
            {
                var row = single ? Measure<float>(m, n, k, ta, tb) : Measure<double>(m, n, k, ta, tb);
                row["dtype"] = single ? "float32" : "float64";
                writer.Emit(row);
            }
            return 0;
        });
        return command;
    }

    private static Dictionary<string, object> Measure<T>(int m, int n, int k, bool ta, bool tb) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = ta ? Tensor.Uniform<T>([k, m], -T.One, T.One, 1) : Tensor.Uniform<T>([m, k], -T.One, T.One, 1);
        var b = tb ? Tensor.Uniform<T>([n, k], -T.One, T.One, 2) : Tensor.Uniform<T>([k, n], -T.One, T.One, 2);
        var c = Tensor.Zeros<T>(m, n);
        double flop = 2.0 * m * n * k;
        // Warm up long enough for the JIT's tiered compilation to settle before timing.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 0.5) Linalg.Gemm(Op(ta), Op(tb), T.One, a, b, T.Zero, c);
        int threads = Compute.CurrentThreads;
        var t = BenchTimer.Measure(() => Linalg.Gemm(Op(ta), Op(tb), T.One, a, b, T.Zero, c), threads, samples: m * n * k >= 1 << 30 ? 5 : 7, minSampleSeconds: 0.2);
        var row = new Dictionary<string, object>
        {
            ["bench"] = "gemm", ["lib"] = "deepmath", ["n"] = m == n && n == k && !ta && !tb ? n : 0, ["size"] = m == n && n == k ? n : 0,
            ["m"] = m, ["k"] = k, ["ncols"] = n, ["ta"] = ta, ["tb"] = tb, ["threads"] = threads,
            ["gflops"] = flop / t.Median / 1e9, ["gflops_median"] = flop / t.Median / 1e9, ["gflops_best"] = flop / t.Min / 1e9,
            ["gflops_worst"] = flop / t.Max / 1e9, ["ms_median"] = t.Median * 1e3, ["inner"] = t.Inner, ["samples"] = t.Samples,
            ["foreign"] = t.Foreign,
        };
        return row;
    }

    private static int[] ParseList(IEnumerable<string> tokens, string option)
    {
        var values = new List<int>();
        foreach (var token in tokens)
            foreach (var part in token.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1)
                    throw new UsageException($"{option}: '{part}' is not a positive integer.");
                values.Add(v);
            }
        return [.. values];
    }

    private static (int M, int N, int K, bool TransposeA, bool TransposeB) ParseShape(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 3) throw new UsageException($"--shape '{text}': expected m,n,k[,ta][,tb].");
        var dims = ParseList(parts[..3], "--shape");
        var flags = parts[3..];
        foreach (var f in flags)
            if (f is not ("ta" or "tb")) throw new UsageException($"--shape '{text}': '{f}' is neither ta nor tb.");
        return (dims[0], dims[1], dims[2], flags.Contains("ta"), flags.Contains("tb"));
    }

    private static Transposition Op(bool transposed) => transposed ? Transposition.Transposed : Transposition.None;
}
