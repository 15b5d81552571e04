using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Neural.Layers;

/// <summary>
/// y = x W + b in one GEMM (C starts as the broadcast bias, then C += x W), with the backward rule
/// dx = dy W^T, dW = x^T dy, db = sum of dy over the batch. x may have any number of leading axes.
/// </summary>
internal sealed class LinearFunction<T> : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static LinearFunction<T> Instance { get; } = new();

    public override string Name => "linear";

    public Tensor<T> Apply(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias)
    {
        int inputs = weight.Shape[0], outputs = weight.Shape[1];
        if (x.Rank == 0 || x.Shape[-1] != inputs)
            throw new ArgumentException($"linear: input of shape {x.Shape} does not end in {inputs} features (weight shape {weight.Shape}).");
        var rows = x.Detach().Reshape(-1, inputs);
        var result = Tensor.Zeros<T>(rows.Shape[0], outputs);
        T beta = T.Zero;
        if (bias is not null)
        {
            result.CopyFrom(bias.Detach());
            beta = T.One;
        }
        Linalg.Gemm(Transposition.None, Transposition.None, T.One, rows, weight.Detach(), beta, result);
        int[] shape = [.. x.Shape.AsSpan()[..^1], outputs];
        var output = result.Reshape(shape);
        return bias is null ? Record(output, x, weight) : Record(output, x, weight, bias);
    }

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var x = inputs[0];
        var weight = inputs[1];
        int inputsCount = weight.Shape[0], outputsCount = weight.Shape[1];
        var g = outputGradient.Reshape(-1, outputsCount);
        var result = new Tensor<T>?[inputs.Count];
        if (needsGradient[0]) result[0] = g.MatMul(weight.Transpose()).Reshape(x.Shape.AsSpan());
        if (needsGradient[1]) result[1] = x.Reshape(-1, inputsCount).Transpose().MatMul(g);
        if (inputs.Count > 2 && needsGradient[2]) result[2] = g.Sum(0);
        return result;
    }
}
