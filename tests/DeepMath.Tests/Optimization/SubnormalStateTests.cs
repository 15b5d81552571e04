using System.Numerics;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

/// <summary>
/// Decaying optimizer state is flushed to zero below the smallest normal number (subnormal arithmetic
/// is about 100x slower on x86); non-finite values must still propagate.
/// </summary>
public class SubnormalStateTests
{
    public static TheoryData<string> Kinds => ["momentum", "nesterov", "adam", "amsgrad", "rmsprop-centered-momentum", "adadelta"];

    private static Optimizer<T> Make<T>(string kind, Tensor<T> p) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        "momentum" => new Sgd<T>([p], 0.1, momentum: 0.9),
        "nesterov" => new Sgd<T>([p], 0.1, momentum: 0.9, nesterov: true),
        "adam" => new Adam<T>([p], 0.001),
        "amsgrad" => new Adam<T>([p], 0.001, amsgrad: true),
        "rmsprop-centered-momentum" => new RmsProp<T>([p], 0.001, momentum: 0.5, centered: true),
        _ => new Adadelta<T>([p]),
    };

    private static void DecaysToExactZero<T>(string kind, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 37 elements: the vector body and the scalar tail both run.
        var p = Tensor1<T>([.. Enumerable.Range(0, 37).Select(i => 0.5 + i)]).RequireGrad();
        var optimizer = Make(kind, p);
        p.Grad = Tensor1<T>([.. Enumerable.Range(0, 37).Select(i => 1e-3 * (i + 1))]);
        optimizer.Step();
        p.Grad = Tensor.Zeros<T>(37);
        // The geometric decay passes through the subnormal range on the way down (0.9^n: steps ~760-950
        // for float, ~6,700-7,000 for double); every intermediate state is checked.
        IReadOnlyDictionary<string, Tensor<T>> buffers = new Dictionary<string, Tensor<T>>();
        for (int s = 0; s < steps; s++)
        {
            optimizer.Step();
            if (s < steps - 600) continue;
            (buffers, _) = optimizer.GetState();
            foreach (var (name, buffer) in buffers)
                foreach (var v in buffer.ToArray())
                    Assert.True(T.IsZero(v) || T.IsNormal(v), $"{kind}: {name} holds the subnormal {v} after {s + 1} zero-gradient steps");
        }
        Assert.True(buffers.Values.SelectMany(b => b.ToArray()).Any(T.IsZero), $"{kind}: no state reached zero");
        Assert.All(p.ToArray(), v => Assert.True(T.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Float_state_never_goes_subnormal(string kind) => DecaysToExactZero<float>(kind, 1200);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Double_state_never_goes_subnormal(string kind) => DecaysToExactZero<double>(kind, 7500);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_nan_gradient_still_reaches_the_parameter(string kind)
    {
        var p = Tensor1<float>([.. Enumerable.Range(0, 19).Select(i => 1.0 + i)]).RequireGrad();
        var optimizer = Make(kind, p);
        p.Grad = Tensor1<float>([.. Enumerable.Range(0, 19).Select(i => i == 3 || i == 17 ? double.NaN : 0.1)]);
        optimizer.Step();
        var values = p.ToArray();
        Assert.True(float.IsNaN(values[3]) && float.IsNaN(values[17]), kind);
        Assert.True(float.IsFinite(values[0]), kind);
    }
}
