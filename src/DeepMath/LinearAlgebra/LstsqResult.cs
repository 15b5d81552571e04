using DeepMath.Tensors;

namespace DeepMath.LinearAlgebra;

/// <summary>The least-squares solution of A x ≈ b (NumPy's lstsq).</summary>
/// <param name="Solution">The minimum-norm x minimizing ||A x - b|| (n, or n x k for k right-hand sides).</param>
/// <param name="Residuals">||A x - b||² per right-hand side (empty when A is rank-deficient or m &lt;= n, as NumPy).</param>
/// <param name="Rank">The numerical rank of A: singular values of the column-equilibrated A above rcond times the largest.</param>
/// <param name="SingularValues">The singular values of the column-equilibrated A, descending.</param>
public sealed record LstsqResult<T>(Tensor<T> Solution, Tensor<T> Residuals, int Rank, Tensor<double> SingularValues) where T : unmanaged;
