using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural.Layers;

/// <summary>max(x, 0).</summary>
public sealed class Relu<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Relu();
}

/// <summary>x for x &gt; 0, slope x otherwise.</summary>
public sealed class LeakyRelu<T>(double slope = 0.01) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The slope for negative inputs.</summary>
    public double Slope => slope;

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scaled = input * T.CreateTruncating(slope);
        // max(x, slope x) is the same function only for slopes in [0, 1].
        return slope is >= 0 and <= 1 ? Tensor.Maximum(input, scaled) : Tensor.Where(input.Detach() > T.Zero, input, scaled);
    }

    /// <inheritdoc/>
    public override string Describe() => $"LeakyRelu({slope})";
}

/// <summary>The logistic sigmoid.</summary>
public sealed class Sigmoid<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Sigmoid();
}

/// <summary>The hyperbolic tangent.</summary>
public sealed class Tanh<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Tanh();
}

/// <summary>The Gaussian error linear unit x Phi(x) = x (1 + erf(x / sqrt 2)) / 2 (exact, as PyTorch's default).</summary>
public sealed class Gelu<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
        => input * T.CreateTruncating(0.5) * ((input * T.CreateTruncating(1 / Math.Sqrt(2))).Erf() + T.One);
}

/// <summary>Softmax along an axis.</summary>
public sealed class Softmax<T>(int axis = -1) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Softmax(axis);

    /// <inheritdoc/>
    public override string Describe() => $"Softmax(axis {axis})";
}

/// <summary>Log-softmax along an axis.</summary>
public sealed class LogSoftmax<T>(int axis = -1) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.LogSoftmax(axis);

    /// <inheritdoc/>
    public override string Describe() => $"LogSoftmax(axis {axis})";
}

/// <summary>Merges the axes from <c>startAxis</c> on into one (keeps the batch axis by default).</summary>
public sealed class Flatten<T>(int startAxis = 1) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.Flatten(startAxis);
}
