using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>
/// The backward rule of x = A^-1 b: with y = A^-T g, dL/db = y and dL/dA = -y x^T (for a vector b,
/// the outer product). Written with <see cref="Linalg.Solve"/> and products, so second derivatives work.
/// </summary>
internal sealed class SolveFunction<T> : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static SolveFunction<T> Instance { get; } = new();

    public override string Name => "solve";

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var a = inputs[0];
        var y = Linalg.Solve(a.Transpose(), outputGradient);
        Tensor<T>? da = null;
        if (needsGradient[0])
            da = output.Rank == 1 ? -(y.Unsqueeze(1) * output.Unsqueeze(0)) : -Linalg.MatMul(y, output.Transpose());
        return [da, needsGradient[1] ? y : null];
    }
}

/// <summary>
/// The backward rule of det(A): g det(A) A^-T for an invertible A; at a singular A the cofactor
/// matrix (each entry a signed determinant of a minor, itself differentiable), which is the limit.
/// </summary>
internal sealed class DeterminantFunction<T> : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static DeterminantFunction<T> Instance { get; } = new();

    public override string Name => "det";

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var a = inputs[0];
        int n = a.Shape[0];
        if (n == 0) return [Tensor.ZerosLike(a)];
        if (!T.IsZero(output.Detach().ToScalar()))
            return [outputGradient * output * Linalg.Solve(a.Transpose(), Tensor.Eye<T>(n))];
        return [outputGradient * Cofactors(a, n)];
    }

    /// <summary>C_ij = (-1)^(i+j) det(A without row i and column j), built from recorded operations.</summary>
    private static Tensor<T> Cofactors(Tensor<T> a, int n)
    {
        if (n == 1) return Tensor.OnesLike(a);
        var entries = new Tensor<T>[n * n];
        for (int i = 0; i < n; i++)
        {
            var rows = a.IndexSelect(0, Others(i, n));
            for (int j = 0; j < n; j++)
            {
                var minor = rows.IndexSelect(1, Others(j, n));
                var det = Linalg.Det(minor);
                entries[i * n + j] = (i + j) % 2 == 0 ? det : -det;
            }
        }
        return Tensor.Stack(entries).Reshape(n, n);
    }

    private static int[] Others(int skip, int n)
    {
        var result = new int[n - 1];
        for (int k = 0, r = 0; k < n; k++)
            if (k != skip) result[r++] = k;
        return result;
    }
}

/// <summary>The backward rule of (sign, log|det A|): the logarithm's gradient is A^-T; the sign's is zero.</summary>
internal sealed class SlogDetFunction<T> : MultiOutputFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static SlogDetFunction<T> Instance { get; } = new();

    public override string Name => "slogdet";

    public override Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>?> outputGradients, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var a = inputs[0];
        if (outputGradients[1] is not { } g) return [null];
        if (T.IsZero(outputs[0].Detach().ToScalar()))
            throw new InvalidOperationException($"slogdet: the {a.Shape[0]} x {a.Shape[0]} matrix is singular, so log|det| is -inf and has no gradient.");
        return [g * Linalg.Solve(a.Transpose(), Tensor.Eye<T>(a.Shape[0]))];
    }
}
