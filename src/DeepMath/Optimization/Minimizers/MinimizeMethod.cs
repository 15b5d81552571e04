namespace DeepMath.Optimization.Minimizers;

/// <summary>The methods <c>Minimize.Run</c> can use.</summary>
public enum MinimizeMethod
{
    /// <summary>Quasi-Newton with a dense inverse-Hessian approximation and a strong Wolfe line search (scipy's BFGS).</summary>
    Bfgs,

    /// <summary>Limited-memory BFGS: the two-loop recursion over the last few correction pairs; for large n.</summary>
    LBfgs,

    /// <summary>Nonlinear conjugate gradient, Polak-Ribiere+ (scipy's CG).</summary>
    ConjugateGradientPolakRibiere,

    /// <summary>Nonlinear conjugate gradient, Fletcher-Reeves, restarted when it stops descending.</summary>
    ConjugateGradientFletcherReeves,

    /// <summary>Truncated Newton: conjugate gradients on H d = -g with Hessian-vector products, then a line search.</summary>
    NewtonCg,

    /// <summary>Trust-region Newton with Steihaug's truncated conjugate gradients (scipy's trust-ncg).</summary>
    TrustRegionNewton,

    /// <summary>Downhill simplex; derivative-free.</summary>
    NelderMead,

    /// <summary>Powell's conjugate-direction method with Brent line minimizations; derivative-free.</summary>
    Powell,

    /// <summary>Plain gradient descent with a fixed learning rate (see <see cref="Minimize.GradientDescent"/> for momentum and Nesterov).</summary>
    GradientDescent,

    /// <summary>Newton's method with the full Hessian by autodiff, modified Cholesky and a final second-order check (<see cref="DeepMath.Calculus.Newton.Minimize"/>); tensor functions only.</summary>
    Newton,
}
