using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>
/// PA = LU with partial (row) pivoting of a square matrix: L unit lower triangular, U upper
/// triangular, P a row permutation. Solves linear systems and gives the determinant. When the
/// factored matrix requires gradients, <see cref="Solve"/> records its gradient with respect to both
/// the matrix and the right-hand side.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LuDecomposition<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _lu;
    private readonly int[] _pivots;
    private readonly int _swaps;
    private readonly Tensor<T> _matrix;

    /// <summary>Factors <paramref name="matrix"/> (copied; never modified).</summary>
    /// <exception cref="ArgumentException">The matrix is not square.</exception>
    public LuDecomposition(Tensor<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2 || matrix.Shape[0] != matrix.Shape[1])
            throw new ArgumentException($"LU needs a square matrix, got shape {matrix.Shape}.");
        Size = matrix.Shape[0];
        _matrix = matrix;
        _lu = matrix.Detach().ToArray();
        _pivots = new int[Size];
        int n = Size;
        for (int k = 0; k < n; k++)
        {
            int pivot = k;
            T largest = T.Abs(_lu[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                T v = T.Abs(_lu[i * n + k]);
                if (v > largest)
                {
                    largest = v;
                    pivot = i;
                }
            }
            _pivots[k] = pivot;
            if (pivot != k)
            {
                _swaps++;
                SwapRows(_lu, k * n, pivot * n, n);
            }
            T diagonal = _lu[k * n + k];
            if (T.IsZero(diagonal))
            {
                IsSingular = true;
                continue;
            }
            var pivotRow = _lu.AsSpan(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                T factor = _lu[i * n + k] / diagonal;
                _lu[i * n + k] = factor;
                var row = _lu.AsSpan(i * n + k + 1, n - k - 1);
                for (int j = 0; j < row.Length; j++) row[j] -= factor * pivotRow[j];
            }
        }
    }

    private static void SwapRows(T[] data, int first, int second, int length)
    {
        for (int i = 0; i < length; i++) (data[first + i], data[second + i]) = (data[second + i], data[first + i]);
    }

    /// <summary>The order of the matrix.</summary>
    public int Size { get; }

    /// <summary>True when a pivot was exactly zero.</summary>
    public bool IsSingular { get; }

    /// <summary>
    /// The determinant (product of U's diagonal, signed by the row swaps), accumulated with a separate
    /// binary exponent so that it neither overflows nor underflows when its value is representable
    /// (diag(1e300, 1e300, 1e-300, 1e-300) gives 1). As a plain number it carries no gradient: use
    /// <see cref="Linalg.Det"/> for a differentiable determinant.
    /// </summary>
    public T Determinant
    {
        get
        {
            var (sign, mantissa, exponent) = ScaledProduct();
            return sign * T.ScaleB(mantissa, (int)Math.Clamp(exponent, int.MinValue, int.MaxValue));
        }
    }

    /// <summary>The sign of the determinant (+1, -1, or 0 when singular).</summary>
    public T Sign => IsSingular ? T.Zero : ScaledProduct().Sign;

    /// <summary>log |det|, without overflow (-inf when singular).</summary>
    public T LogAbsDeterminant
    {
        get
        {
            if (IsSingular) return T.NegativeInfinity;
            var (_, mantissa, exponent) = ScaledProduct();
            return T.Log(mantissa) + T.CreateTruncating(exponent * Math.Log(2));
        }
    }

    /// <summary>sign, |mantissa| in [1, 2) (or 0) and binary exponent of the determinant.</summary>
    private (T Sign, T Mantissa, long Exponent) ScaledProduct()
    {
        T sign = _swaps % 2 == 0 ? T.One : -T.One;
        T mantissa = T.One;
        long exponent = 0;
        for (int k = 0; k < Size; k++)
        {
            T u = _lu[k * Size + k];
            if (T.IsZero(u)) return (sign, T.Zero, 0);
            if (T.IsNegative(u)) sign = -sign;
            mantissa *= T.Abs(u);
            int e = T.ILogB(mantissa);
            mantissa = T.ScaleB(mantissa, -e);
            exponent += e;
        }
        return (sign, mantissa, exponent);
    }

    /// <summary>
    /// Solves A x = b for a vector b (n) or several right-hand sides (n x m). The solution records its
    /// gradient with respect to A and b when either requires gradients (and recording is on).
    /// </summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    /// <exception cref="ArgumentException">b does not have n rows.</exception>
    public Tensor<T> Solve(Tensor<T> b)
    {
        var x = SolveDetached(b);
        return SolveFunction<T>.Instance.Record(x, _matrix, b);
    }

    /// <summary>The solution as a plain tensor, with no gradient recorded.</summary>
    internal Tensor<T> SolveDetached(Tensor<T> b)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (IsSingular) throw new InvalidOperationException($"The {Size} x {Size} matrix is singular; the system has no unique solution.");
        if (b.Rank is < 1 or > 2 || b.Shape[0] != Size)
            throw new ArgumentException($"Solve: the right-hand side has shape {b.Shape}, expected ({Size},) or ({Size}, m).");
        int n = Size, m = b.Rank == 1 ? 1 : b.Shape[1];
        var x = b.Detach().ToArray();
        for (int k = 0; k < n; k++)
            if (_pivots[k] != k) SwapRows(x, k * m, _pivots[k] * m, m);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < i; k++)
            {
                T l = _lu[i * n + k];
                for (int c = 0; c < m; c++) x[i * m + c] -= l * x[k * m + c];
            }
        for (int i = n - 1; i >= 0; i--)
        {
            for (int k = i + 1; k < n; k++)
            {
                T u = _lu[i * n + k];
                for (int c = 0; c < m; c++) x[i * m + c] -= u * x[k * m + c];
            }
            T d = _lu[i * n + i];
            for (int c = 0; c < m; c++) x[i * m + c] /= d;
        }
        return Tensor.Wrap(x, b.Shape.AsSpan());
    }
}

public static partial class Linalg
{
    /// <summary>
    /// Solves the square system A x = b (b a vector or a matrix of right-hand sides) by LU with partial
    /// pivoting. Differentiable in A and b: dL/db = A^-T g and dL/dA = -(A^-T g) x^T, written with
    /// <see cref="Solve"/> itself so that second derivatives work.
    /// </summary>
    /// <exception cref="InvalidOperationException">A is singular.</exception>
    public static Tensor<T> Solve<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => new LuDecomposition<T>(a).Solve(b);

    /// <summary>
    /// The determinant of a square matrix (by LU, without intermediate overflow), as a 0-d tensor that
    /// records its gradient det(A) A^-T (the cofactor matrix where A is singular).
    /// </summary>
    public static Tensor<T> Determinant<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Det(a);

    /// <summary>The determinant of a square matrix as a differentiable 0-d tensor (NumPy's and PyTorch's name).</summary>
    public static Tensor<T> Det<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = new LuDecomposition<T>(a);
        return DeterminantFunction<T>.Instance.Record(Tensor.Scalar(lu.Determinant), a);
    }

    /// <summary>
    /// The sign (+1, -1 or 0) and the natural logarithm of the absolute value of the determinant, for
    /// matrices whose determinant overflows or underflows. The logarithm records its gradient A^-T;
    /// the sign has none. At a singular matrix the logarithm is -inf and asking for its gradient throws.
    /// </summary>
    public static (Tensor<T> Sign, Tensor<T> LogAbsDet) SlogDet<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = new LuDecomposition<T>(a);
        var outputs = SlogDetFunction<T>.Instance.Record([Tensor.Scalar(lu.Sign), Tensor.Scalar(lu.LogAbsDeterminant)], a);
        return (outputs[0], outputs[1]);
    }
}
