using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

/// <summary>Residuals and their Jacobian, from a tensor function (autodiff) or from plain delegates.</summary>
internal sealed class ResidualFunction
{
    private readonly Func<double[], double[]> _residuals;
    private readonly Func<double[], double[], double[]> _jacobian;

    private ResidualFunction(Func<double[], double[]> residuals, Func<double[], double[], double[]> jacobian)
    {
        _residuals = residuals;
        _jacobian = jacobian;
    }

    public int Evaluations { get; private set; }

    public int JacobianEvaluations { get; private set; }

    public double[] Residuals(double[] p)
    {
        Evaluations++;
        return _residuals(p);
    }

    /// <summary>The Jacobian (row-major, residuals x parameters) at p, whose residuals are r.</summary>
    public double[] Jacobian(double[] p, double[] r)
    {
        JacobianEvaluations++;
        return _jacobian(p, r);
    }

    public static ResidualFunction FromTensor(Func<Tensor<double>, Tensor<double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new ResidualFunction(
            p =>
            {
                using var _ = Autograd.NoGrad();
                return f(Tensor.FromArray(p)).Contiguous().ToArray();
            },
            (p, r) => ColumnJacobian(f, p, r.Length));
    }

    public static ResidualFunction FromDelegates(Func<double[], double[]> residuals, Func<double[], double[,]>? jacobian)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        return new ResidualFunction(residuals, jacobian is null ? (p, r) => ForwardDifferenceJacobian(residuals, p, r) : (p, r) =>
        {
            var j = jacobian(p);
            if (j.GetLength(0) != r.Length || j.GetLength(1) != p.Length)
                throw new ArgumentException($"The Jacobian is {j.GetLength(0)} x {j.GetLength(1)}, but there are {r.Length} residuals and {p.Length} parameters.");
            var flat = new double[r.Length * p.Length];
            Buffer.BlockCopy(j, 0, flat, 0, flat.Length * sizeof(double));
            return flat;
        });
    }

    /// <summary>
    /// J column by column with 1 + p reverse passes instead of n: g(u) = Jᵀu is recorded as a function of a
    /// dummy u, and the gradient of its j-th entry with respect to u is the j-th column of J.
    /// </summary>
    private static double[] ColumnJacobian(Func<Tensor<double>, Tensor<double>> f, double[] p, int n)
    {
        int m = p.Length;
        var parameters = Tensor.FromArray((double[])p.Clone()).RequireGrad();
        var residuals = f(parameters).Reshape(-1);
        var jacobian = new double[n * m];
        if (!residuals.RequiresGrad) return jacobian;
        var u = Tensor.Zeros<double>(n).RequireGrad();
        var jtu = Autograd.Grad((residuals * u).Sum(), [parameters], retainGraph: true, createGraph: true, allowUnused: true)[0];
        for (int j = 0; j < m; j++)
        {
            var entry = jtu.Select(0, j);
            if (!entry.RequiresGrad) continue;
            var column = Autograd.Grad(entry, [u], retainGraph: true, allowUnused: true)[0].Contiguous().ToArray();
            for (int i = 0; i < n; i++) jacobian[i * m + j] = column[i];
        }
        return jacobian;
    }

    /// <summary>Forward differences with MINPACK's step sqrt(eps) |p_j| (sqrt(eps) when p_j = 0).</summary>
    private static double[] ForwardDifferenceJacobian(Func<double[], double[]> residuals, double[] p, double[] r)
    {
        int n = r.Length, m = p.Length;
        var jacobian = new double[n * m];
        var probe = (double[])p.Clone();
        for (int j = 0; j < m; j++)
        {
            double h = 1.4901161193847656e-8 * (p[j] == 0 ? 1 : Math.Abs(p[j]));
            probe[j] = p[j] + h;
            var shifted = residuals(probe);
            probe[j] = p[j];
            for (int i = 0; i < n; i++) jacobian[i * m + j] = (shifted[i] - r[i]) / h;
        }
        return jacobian;
    }
}
