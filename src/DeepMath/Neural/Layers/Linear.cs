using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural.Layers;

/// <summary>
/// A dense layer y = x W + b with W stored as [inputs, outputs] (so the forward product needs no
/// transpose) and b as [outputs]. Initialized by <see cref="WeightInit"/> from a seeded generator; the
/// bias uses PyTorch's default U(-1/sqrt(inputs), 1/sqrt(inputs)), except under the explicitly scaled
/// <see cref="WeightInit.Uniform"/> and <see cref="WeightInit.Normal"/>, which draw it like the weights.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="outputs">Output features.</param>
    /// <param name="generator">The seeded source of the initial values.</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    /// <param name="init">The initialization scheme.</param>
    /// <param name="initScale">The bound or deviation of <see cref="WeightInit.Uniform"/> and <see cref="WeightInit.Normal"/>.</param>
    public Linear(int inputs, int outputs, RandomGenerator generator, bool bias = true, WeightInit init = WeightInit.Default, double initScale = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Inputs = inputs;
        Outputs = outputs;
        Init = init;
        InitScale = initScale;
        Weight = Initializers.Create<T>(init, [inputs, outputs], inputs, outputs, generator, initScale).RequireGrad();
        if (bias)
        {
            var initial = Initializers.NeedsScale(init)
                ? Initializers.Create<T>(init, [outputs], inputs, outputs, generator, initScale)
                : Initializers.Uniform<T>([outputs], 1 / Math.Sqrt(inputs), generator);
            Bias = initial.RequireGrad();
        }
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>How the weights were initialized.</summary>
    public WeightInit Init { get; }

    /// <summary>The scale of an explicitly scaled initialization (0 otherwise).</summary>
    public double InitScale { get; }

    /// <summary>The [inputs, outputs] weight matrix.</summary>
    public Tensor<T> Weight { get; }

    /// <summary>The bias vector, or null.</summary>
    public Tensor<T>? Bias { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => LinearFunction<T>.Instance.Apply(input, Weight, Bias);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Parameter)> LocalParameters()
    {
        yield return ("weight", Weight);
        if (Bias is not null) yield return ("bias", Bias);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Linear({Inputs} -> {Outputs}{(Bias is null ? ", no bias" : "")})";
}
