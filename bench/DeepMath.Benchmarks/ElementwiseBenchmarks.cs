using BenchmarkDotNet.Attributes;
using DeepMath.Tensors;

namespace DeepMath.Benchmarks;

/// <summary>Elementwise throughput on cache-resident and memory-resident sizes.</summary>
public class ElementwiseBenchmarks
{
    private Tensor<float> _a = null!;
    private Tensor<float> _b = null!;
    private Tensor<float> _c = null!;

    [Params(4096, 1 << 20)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = Tensor.Uniform<float>([N], -4f, 4f, 1);
        _b = Tensor.Uniform<float>([N], -4f, 4f, 2);
        _c = Tensor.Zeros<float>(N);
    }

    [Benchmark]
    public void AddInto() => Tensor.Add(_a, _b, _c);

    [Benchmark]
    public void ExpInto() => Tensor.Exp(_a, _c);

    [Benchmark]
    public float Sum() => _a.Sum().ToScalar();

    [Benchmark]
    public Tensor<float> AddStrided() => _a[TensorIndex.Slice(step: 2)] + _b[TensorIndex.Slice(step: 2)];
}
