using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>
/// The backward rule of <see cref="Linalg.MatMul"/>: for C = A B (stacked, broadcast), dA = dC B^T
/// and dB = A^T dC, summed over broadcast batch axes, with the axes added for 1-D operands removed.
/// Written with MatMul itself, so second derivatives work.
/// </summary>
internal sealed class MatMulFunction<T> : CustomFunction<T> where T : unmanaged, INumber<T>
{
    public static MatMulFunction<T> Instance { get; } = new();

    public override string Name => "matmul";

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var a = inputs[0];
        var b = inputs[1];
        var a2 = a.Rank == 1 ? a.Unsqueeze(0) : a;
        var b2 = b.Rank == 1 ? b.Unsqueeze(1) : b;
        // The gradient with the axes that 1-D operands lost put back: [..batch, m, n].
        int[] full = [.. output.Shape.AsSpan()[..Math.Max(0, output.Rank - (a.Rank == 1 ? 0 : 1) - (b.Rank == 1 ? 0 : 1))],
            a2.Shape[-2], b2.Shape[-1]];
        var g = outputGradient.Reshape(full);
        Tensor<T>? da = null, db = null;
        if (needsGradient[0]) da = Linalg.MatMul(g, b2.Transpose(-2, -1)).SumTo(a2.Shape).Reshape(a.Shape.AsSpan());
        if (needsGradient[1]) db = Linalg.MatMul(a2.Transpose(-2, -1), g).SumTo(b2.Shape).Reshape(b.Shape.AsSpan());
        return [da, db];
    }
}
