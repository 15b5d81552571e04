using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Calculus;

/// <summary>
/// Functional automatic differentiation (JAX style): gradients, Jacobians, Hessians and
/// Hessian-vector products of tensor functions, by reverse mode. The returned functions compose:
/// <c>Derivatives.Grad(Derivatives.Grad(f))</c> is the second derivative of a scalar function.
/// </summary>
public static class Derivatives
{
    /// <summary>
    /// The gradient function of a scalar-valued <paramref name="f"/>. When its argument itself
    /// requires gradients (inside an outer differentiation), the gradient is recorded so it can be
    /// differentiated again.
    /// </summary>
    public static Func<Tensor<T>, Tensor<T>> Grad<T>(Func<Tensor<T>, Tensor<T>> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return x => ValueAndGradient(f, x).Gradient;
    }

    /// <summary>A function returning both f(x) and its gradient (one forward and one backward pass).</summary>
    public static Func<Tensor<T>, (Tensor<T> Value, Tensor<T> Gradient)> ValueAndGrad<T>(Func<Tensor<T>, Tensor<T>> f)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return x => ValueAndGradient(f, x);
    }

    /// <summary>
    /// The Jacobian of f at x: shape [..f(x).Shape, ..x.Shape], entry [i..., j...] = d f_i / d x_j
    /// (one backward pass per output element).
    /// </summary>
    public static Tensor<T> Jacobian<T>(Func<Tensor<T>, Tensor<T>> f, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var (input, nested) = Prepare(x);
        var y = f(input);
        var flat = y.Reshape(-1);
        var rows = new Tensor<T>[flat.Length];
        for (int i = 0; i < flat.Length; i++)
        {
            rows[i] = y.RequiresGrad
                ? Autograd.Grad(flat[i..(i + 1)].Sum(), [input], retainGraph: true, createGraph: nested, allowUnused: true)[0]
                : Tensor.ZerosLike(input);
        }
        int[] shape = [.. y.Shape, .. x.Shape];
        return rows.Length == 0 ? Tensor.Zeros<T>(shape) : Tensor.Stack<T>(rows).Reshape(shape);
    }

    /// <summary>The Hessian of a scalar f at x: shape [..x.Shape, ..x.Shape] (gradients of the gradient).</summary>
    public static Tensor<T> Hessian<T>(Func<Tensor<T>, Tensor<T>> f, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => Jacobian(Grad(f), x);

    /// <summary>
    /// The Hessian-vector product H(x) v of a scalar f without forming H: the gradient of
    /// &lt;grad f(x), v&gt; (two reverse passes).
    /// </summary>
    public static Tensor<T> Hvp<T>(Func<Tensor<T>, Tensor<T>> f, Tensor<T> x, Tensor<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        if (!v.Shape.Equals(x.Shape)) throw new ArgumentException($"Hvp: v has shape {v.Shape} but x has shape {x.Shape}.");
        return Grad<T>(z => (Grad(f)(z) * v).Sum())(x);
    }

    private static (Tensor<T> Value, Tensor<T> Gradient) ValueAndGradient<T>(Func<Tensor<T>, Tensor<T>> f, Tensor<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var (input, nested) = Prepare(x);
        var y = f(input);
        if (y.Length != 1) throw new ArgumentException($"Grad needs a scalar-valued function, but f returned shape {y.Shape}; use Jacobian.");
        var gradient = y.RequiresGrad
            ? Autograd.Grad(y, [input], createGraph: nested, retainGraph: nested, allowUnused: true)[0]
            : Tensor.ZerosLike(input);
        return (nested ? y : y.Detach(), gradient);
    }

    /// <summary>A fresh leaf for a plain argument; the argument itself when an outer differentiation is recording it.</summary>
    private static (Tensor<T> Input, bool Nested) Prepare<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.RequiresGrad && GradMode.IsEnabled ? (x, true) : (x.Detach().Clone().RequireGrad(), false);
}
