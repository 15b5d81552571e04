using BenchmarkDotNet.Attributes;
using DeepMath.Tensors;

namespace DeepMath.Benchmarks;

/// <summary>The fixed cost of one operation on tiny tensors, where eager frameworks pay microseconds.</summary>
[MemoryDiagnoser]
public class TinyOpBenchmarks
{
    private readonly Tensor<float> _a = Tensor.FromArray([1f, 2f, 3f, 4f]);
    private readonly Tensor<float> _b = Tensor.FromArray([5f, 6f, 7f, 8f]);
    private readonly Tensor<float> _row = Tensor.FromArray([1f, 2f, 3f, 4f], 1, 4);
    private readonly Tensor<float> _column = Tensor.FromArray([1f, 2f], 2, 1);

    [Benchmark(Baseline = true)]
    public Tensor<float> Add4() => _a + _b;

    [Benchmark]
    public Tensor<float> MultiplyByScalar4() => _a * 2f;

    [Benchmark]
    public Tensor<float> Exp4() => _a.Exp();

    [Benchmark]
    public Tensor<float> Sum4() => _a.Sum();

    [Benchmark]
    public Tensor<float> BroadcastAdd2x4() => _row + _column;

    [Benchmark]
    public Tensor<float> Transpose() => _row.Transpose();
}
