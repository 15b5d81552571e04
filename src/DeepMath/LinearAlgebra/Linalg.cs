using System.Numerics;
using System.Runtime.InteropServices;
using DeepMath.Kernels;
using DeepMath.Kernels.Gemm;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>
/// Linear algebra on tensors: matrix products with NumPy semantics (<see cref="MatMul"/>), the
/// BLAS-shaped <see cref="Gemm"/> and <see cref="Gemv"/> that accept strided and transposed views
/// without copying, and dot products.
/// </summary>
public static unsafe partial class Linalg
{
    /// <summary>
    /// NumPy's matmul: 1-D x 1-D is the dot product (a 0-d tensor); a 1-D first operand is a row
    /// vector and a 1-D second operand a column vector (the added axis is removed from the result);
    /// 2-D x 2-D is the matrix product; higher ranks are stacks of matrices whose leading (batch)
    /// axes broadcast.
    /// </summary>
    /// <exception cref="ArgumentException">The inner sizes differ or the batch axes do not broadcast (the message names both shapes).</exception>
    public static Tensor<T> MatMul<T>(this Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"matmul: shapes {a.Shape} and {b.Shape}: 0-d operands are not allowed (use * to scale).");
        if (a.Rank == 2 && b.Rank == 2)
        {
            // The common case, without the batch machinery.
            if (b.Shape[0] != a.Shape[1])
                throw new ArgumentException($"matmul: shapes {a.Shape} and {b.Shape} are not aligned: {a.Shape[1]} (last axis of the first) != {b.Shape[0]} (axis -2 of the second).");
            var product = Tensor.Wrap(GC.AllocateUninitializedArray<T>(a.Shape[0] * b.Shape[1]), a.Shape[0], b.Shape[1]);
            Product(a.Detach(), b.Detach(), product, T.One, T.Zero, 0);
            return MatMulFunction<T>.Instance.Record(product, a, b);
        }
        var x = a.Rank == 1 ? a.Detach().Unsqueeze(0) : a.Detach();
        var y = b.Rank == 1 ? b.Detach().Unsqueeze(1) : b.Detach();
        int m = x.Shape[-2], k = x.Shape[-1], n = y.Shape[-1];
        if (y.Shape[-2] != k)
            throw new ArgumentException($"matmul: shapes {a.Shape} and {b.Shape} are not aligned: {k} (last axis of the first) != {y.Shape[-2]} (axis -2 of the second).");
        var batchA = x.Shape.AsSpan()[..^2].ToArray();
        var batchB = y.Shape.AsSpan()[..^2].ToArray();
        int[] batch;
        try
        {
            batch = BroadcastBatch(batchA, batchB);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"matmul: shapes {a.Shape} and {b.Shape}: the batch axes {Shape.Format(batchA)} and {Shape.Format(batchB)} cannot be broadcast together.");
        }
        int[] resultShape = [.. batch, m, n];
        // Every element is written by the product (beta = 0), so the storage need not be zeroed first.
        var result = Tensor.Wrap(GC.AllocateUninitializedArray<T>(Shape.CheckedCount(resultShape)), resultShape);
        BatchedProduct(x, y, result, batch, m, n, k);
        if (a.Rank == 1) result = result.Squeeze(-2);
        if (b.Rank == 1) result = result.Squeeze(-1);
        return MatMulFunction<T>.Instance.Record(result, a, b);
    }

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C (BLAS gemm), op(X) = X or its transpose. A, B and C may be
    /// any 2-D views (transposed, sliced with steps); none is copied unless C overlaps A or B.
    /// beta = 0 overwrites C, NaN included. A plain-number routine: it records no gradient, so it
    /// refuses operands that require gradients while recording is on (use <see cref="MatMul"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not conform (all three are named).</exception>
    /// <exception cref="InvalidOperationException">C is a broadcast view, or an operand requires gradients while recording.</exception>
    public static void Gemm<T>(Transposition transposeFirst, Transposition transposeSecond, T alpha, Tensor<T> a, Tensor<T> b, T beta, Tensor<T> c)
        where T : unmanaged, INumber<T>
    {
        bool transposeA = transposeFirst == Transposition.Transposed, transposeB = transposeSecond == Transposition.Transposed;
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Rank != 2 || b.Rank != 2 || c.Rank != 2)
            throw new ArgumentException($"gemm needs 2-D operands, got A {a.Shape}, B {b.Shape}, C {c.Shape}.");
        var opA = transposeA ? a.Detach().Transpose() : a.Detach();
        var opB = transposeB ? b.Detach().Transpose() : b.Detach();
        int m = opA.Shape[0], k = opA.Shape[1], n = opB.Shape[1];
        if (opB.Shape[0] != k || c.Shape[0] != m || c.Shape[1] != n)
            throw new ArgumentException(
                $"gemm: op(A) {opA.Shape} times op(B) {opB.Shape} does not conform with C {c.Shape} (transposeA {transposeA}, transposeB {transposeB}).");
        CheckWritable(c, "gemm");
        if ((a.RequiresGrad || b.RequiresGrad || c.RequiresGrad) && GradMode.IsEnabled)
            throw new InvalidOperationException(
                "gemm computes plain numbers into C and records no gradient, but an operand requires gradients; use MatMul (recorded), or Detach() the operands or run inside Autograd.NoGrad().");
        if (ReferenceEquals(c.Storage, a.Storage) || ReferenceEquals(c.Storage, b.Storage))
        {
            var product = Tensor.Zeros<T>(m, n);
            Product(opA, opB, product, T.One, T.Zero, 0);
            using (GradMode.Disable())
            {
                var scaled = beta == T.Zero ? product * alpha : product * alpha + c.Detach() * beta;
                c.Detach().CopyFrom(scaled);
            }
            return;
        }
        Product(opA, opB, c, alpha, beta, 0);
    }

    /// <summary>
    /// y = alpha * op(A) * x + beta * y (BLAS gemv) for a 2-D view A and 1-D views x and y. Each y
    /// element is one fused multiply-add chain over k, so results do not depend on the layouts. A
    /// plain-number routine: operands that require gradients are refused while recording is on.
    /// </summary>
    /// <exception cref="InvalidOperationException">y is a broadcast view, or an operand requires gradients while recording.</exception>
    public static void Gemv<T>(Transposition op, T alpha, Tensor<T> a, Tensor<T> x, T beta, Tensor<T> y) where T : unmanaged, INumber<T>
    {
        bool transpose = op == Transposition.Transposed;
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (a.Rank != 2 || x.Rank != 1 || y.Rank != 1)
            throw new ArgumentException($"gemv needs a 2-D A and 1-D x and y, got A {a.Shape}, x {x.Shape}, y {y.Shape}.");
        var matrix = transpose ? a.Detach().Transpose() : a.Detach();
        if (matrix.Shape[1] != x.Length || matrix.Shape[0] != y.Length)
            throw new ArgumentException($"gemv: op(A) {matrix.Shape} times x {x.Shape} does not conform with y {y.Shape}.");
        CheckWritable(y, "gemv");
        if ((a.RequiresGrad || x.RequiresGrad || y.RequiresGrad) && GradMode.IsEnabled)
            throw new InvalidOperationException(
                "gemv computes plain numbers into y and records no gradient, but an operand requires gradients; use MatMul (recorded), or Detach() the operands or run inside Autograd.NoGrad().");
        var source = ReferenceEquals(y.Storage, a.Storage) || ReferenceEquals(y.Storage, x.Storage) ? x.Clone().Detach() : x;
        fixed (T* pa = &MemoryMarshal.GetArrayDataReference(matrix.Storage))
        fixed (T* px = &MemoryMarshal.GetArrayDataReference(source.Storage))
        fixed (T* py = &MemoryMarshal.GetArrayDataReference(y.Storage))
        {
            GemvKernel.Multiply(matrix.Shape[0], matrix.Shape[1], alpha, pa + matrix.StorageOffset, matrix.Strides[0], matrix.Strides[1],
                px + source.StorageOffset, source.Strides[0], beta, py + y.StorageOffset, y.Strides[0]);
        }
    }

    /// <summary>The dot product of two 1-D tensors of equal length.</summary>
    public static T Dot<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank != 1 || y.Rank != 1 || x.Length != y.Length)
            throw new ArgumentException($"dot needs two 1-D tensors of equal length, got {x.Shape} and {y.Shape}.");
        return System.Numerics.Tensors.TensorPrimitives.Dot<T>(x.Contiguous().AsSpan(), y.Contiguous().AsSpan());
    }

    private static int[] BroadcastBatch(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1, db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1) throw new ArgumentException("batch axes do not broadcast");
            result[^i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>One GEMM per batch index; many small products run in parallel, each single-threaded.</summary>
    private static void BatchedProduct<T>(Tensor<T> x, Tensor<T> y, Tensor<T> result, int[] batch, int m, int n, int k)
        where T : unmanaged, INumber<T>
    {
        int count = Shape.CheckedCount(batch);
        if (count == 0) return;
        var xs = x.Expand([.. batch, m, k]);
        var ys = y.Expand([.. batch, k, n]);
        long work = (long)m * n * k;
        int parts = count > 1 && work < 96L * 96 * 96 ? Parallelism.PartsFor(count * work, 96L * 96 * 96) : 1;
        if (parts <= 1)
        {
            for (int i = 0; i < count; i++) Product(Matrix(xs, batch, i), Matrix(ys, batch, i), Matrix(result, batch, i), T.One, T.Zero, 0);
            return;
        }
        Parallelism.For(parts, p =>
        {
            for (int i = Parallelism.PartStart(count, parts, p); i < Parallelism.PartStart(count, parts, p + 1); i++)
                Product(Matrix(xs, batch, i), Matrix(ys, batch, i), Matrix(result, batch, i), T.One, T.Zero, 1);
        });
    }

    /// <summary>The 2-D matrix at flat batch position <paramref name="index"/> of a stacked tensor.</summary>
    private static Tensor<T> Matrix<T>(Tensor<T> stack, int[] batch, int index) where T : unmanaged
    {
        var matrix = stack;
        var coordinates = new int[batch.Length];
        for (int axis = batch.Length - 1, rest = index; axis >= 0; axis--)
        {
            coordinates[axis] = rest % batch[axis];
            rest /= batch[axis];
        }
        foreach (var c in coordinates) matrix = matrix.Select(0, c);
        return matrix;
    }

    /// <summary>C = alpha * A * B + beta * C for 2-D views, through the pointer kernel.</summary>
    private static void Product<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta, int maxThreads) where T : unmanaged, INumber<T>
    {
        fixed (T* pa = &MemoryMarshal.GetArrayDataReference(a.Storage))
        fixed (T* pb = &MemoryMarshal.GetArrayDataReference(b.Storage))
        fixed (T* pc = &MemoryMarshal.GetArrayDataReference(c.Storage))
        {
            var problem = new GemmProblem<T>(a.Shape[0], b.Shape[1], a.Shape[1], alpha,
                pa + a.StorageOffset, a.Strides[0], a.Strides[1],
                pb + b.StorageOffset, b.Strides[0], b.Strides[1], beta,
                pc + c.StorageOffset, c.Strides[0], c.Strides[1]);
            GemmKernel.Multiply(problem, maxThreads);
        }
    }

    private static void CheckWritable<T>(Tensor<T> c, string operation) where T : unmanaged
    {
        for (int i = 0; i < c.Rank; i++)
            if (c.Strides[i] == 0 && c.Shape[i] > 1)
                throw new InvalidOperationException($"{operation}: the output of shape {c.Shape} is a broadcast view; Clone() it first.");
    }
}

/// <summary>How a BLAS-style routine uses a matrix operand: as stored, or transposed.</summary>
public enum Transposition
{
    /// <summary>op(X) = X.</summary>
    None,

    /// <summary>op(X) = X transposed.</summary>
    Transposed,
}
