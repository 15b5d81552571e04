using System.Numerics;

namespace DeepMath.Tensors;

/// <summary>
/// The gradient of the variance, 2 (x - mean) / (n - ddof) times the incoming gradient, written in tensor
/// operations so it differentiates again. Finite wherever x is, even where the variance itself overflows.
/// </summary>
internal sealed class VarianceBackward<T>(int[] axes, int ddof, bool keepDims) : ICustomBackward<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "var";

    public Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>?> outputGradients, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var x = inputs[0];
        if (!needsGradient[0] || outputGradients[0] is not { } gradient) return [null];
        long n = 1;
        foreach (int axis in axes) n *= x.Shape[axis];
        var expanded = keepDims ? gradient : gradient.Reshape(Reduction.OutputShape(x.ShapeArray, axes, keepDims: true));
        var factor = T.CreateTruncating(2.0 / Math.Max(n - ddof, 0));
        return [expanded * (x - x.Mean(axes, keepDims: true)) * factor];
    }
}
