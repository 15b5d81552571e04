using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>How a layer's weights start.</summary>
public enum WeightInit
{
    /// <summary>PyTorch's default for linear layers: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).</summary>
    Default,
    /// <summary>Glorot (Xavier) uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out)); for tanh and sigmoid.</summary>
    GlorotUniform,
    /// <summary>Glorot normal: N(0, 2 / (fan_in + fan_out)).</summary>
    GlorotNormal,
    /// <summary>He (Kaiming) uniform: U(-a, a), a = sqrt(6 / fan_in); for ReLU.</summary>
    HeUniform,
    /// <summary>He normal: N(0, 2 / fan_in).</summary>
    HeNormal,
    /// <summary>U(-s, s) for a given scale s, weights and bias alike (the textbook form; Kneusel uses s = 0.5).</summary>
    Uniform,
    /// <summary>N(0, s^2) for a given standard deviation s, weights and bias alike.</summary>
    Normal,
}

/// <summary>Seeded weight initialization (fan_in and fan_out are the input and output sizes of a dense layer).</summary>
public static class Initializers
{
    /// <summary>
    /// A new tensor of the given shape drawn by <paramref name="scheme"/>; <paramref name="scale"/> is the
    /// bound of <see cref="WeightInit.Uniform"/> or the deviation of <see cref="WeightInit.Normal"/> (unused otherwise).
    /// </summary>
    public static Tensor<T> Create<T>(WeightInit scheme, int[] shape, int fanIn, int fanOut, RandomGenerator generator, double scale = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (fanIn <= 0 || fanOut <= 0) throw new ArgumentException($"Fan-in and fan-out must be positive, got {fanIn} and {fanOut}.");
        if (NeedsScale(scheme) && !(scale > 0 && double.IsFinite(scale)))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{scheme} initialization needs a positive finite scale.");
        return scheme switch
        {
            WeightInit.Default => Uniform<T>(shape, 1 / Math.Sqrt(fanIn), generator),
            WeightInit.GlorotUniform => Uniform<T>(shape, Math.Sqrt(6.0 / (fanIn + fanOut)), generator),
            WeightInit.GlorotNormal => Tensor.Normal(shape, T.Zero, T.CreateTruncating(Math.Sqrt(2.0 / (fanIn + fanOut))), generator),
            WeightInit.HeUniform => Uniform<T>(shape, Math.Sqrt(6.0 / fanIn), generator),
            WeightInit.HeNormal => Tensor.Normal(shape, T.Zero, T.CreateTruncating(Math.Sqrt(2.0 / fanIn)), generator),
            WeightInit.Uniform => Uniform<T>(shape, scale, generator),
            WeightInit.Normal => Tensor.Normal(shape, T.Zero, T.CreateTruncating(scale), generator),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown initialization."),
        };
    }

    /// <summary>Whether the scheme takes an explicit scale.</summary>
    public static bool NeedsScale(WeightInit scheme) => scheme is WeightInit.Uniform or WeightInit.Normal;

    /// <summary>U(-bound, bound).</summary>
    public static Tensor<T> Uniform<T>(int[] shape, double bound, RandomGenerator generator) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor.Uniform(shape, T.CreateTruncating(-bound), T.CreateTruncating(bound), generator);
}
