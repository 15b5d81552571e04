using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>
/// PA = LU with partial (row) pivoting of a square matrix: L unit lower triangular, U upper
/// triangular, P a row permutation. Solves linear systems and gives the determinant.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LuDecomposition<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _lu;
    private readonly int[] _pivots;
    private readonly int _swaps;

    /// <summary>Factors <paramref name="matrix"/> (copied; never modified).</summary>
    /// <exception cref="ArgumentException">The matrix is not square.</exception>
    public LuDecomposition(Tensor<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2 || matrix.Shape[0] != matrix.Shape[1])
            throw new ArgumentException($"LU needs a square matrix, got shape {matrix.Shape}.");
        Size = matrix.Shape[0];
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

    /// <summary>The determinant (product of U's diagonal, signed by the row swaps).</summary>
    public T Determinant
    {
        get
        {
            T d = _swaps % 2 == 0 ? T.One : -T.One;
            for (int k = 0; k < Size; k++) d *= _lu[k * Size + k];
            return d;
        }
    }

    /// <summary>Solves A x = b for a vector b (n) or several right-hand sides (n x m).</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    /// <exception cref="ArgumentException">b does not have n rows.</exception>
    public Tensor<T> Solve(Tensor<T> b)
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
    /// <summary>Solves the square system A x = b (b a vector or a matrix of right-hand sides) by LU with partial pivoting.</summary>
    /// <exception cref="InvalidOperationException">A is singular.</exception>
    public static Tensor<T> Solve<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => new LuDecomposition<T>(a).Solve(b);

    /// <summary>The determinant of a square matrix (by LU).</summary>
    public static T Determinant<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
        => new LuDecomposition<T>(a).Determinant;
}
