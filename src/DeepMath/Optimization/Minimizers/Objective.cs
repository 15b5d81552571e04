using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Tensors;

namespace DeepMath.Optimization.Minimizers;

/// <summary>
/// A function to minimize, f: R^n -> R, with whatever derivatives are known: from a tensor function,
/// the gradient and Hessian-vector products come from automatic differentiation; from plain delegates,
/// a supplied gradient is used and a missing one is approximated by central differences (each
/// difference counted as function evaluations).
/// </summary>
public sealed class Objective
{
    private readonly Func<double[], double> _value;
    private readonly Func<double[], (double Value, double[] Gradient)>? _valueAndGradient;
    private readonly Func<double[], double[], double[]>? _hessianVector;

    private Objective(Func<double[], double> value, Func<double[], (double, double[])>? valueAndGradient,
        Func<double[], double[], double[]>? hessianVector, bool exactGradient)
    {
        _value = value;
        _valueAndGradient = valueAndGradient;
        _hessianVector = hessianVector;
        HasExactGradient = exactGradient;
    }

    /// <summary>The tensor function this objective was made from, if any (Newton's method differentiates it twice).</summary>
    internal Func<Tensor<double>, Tensor<double>>? TensorFunction { get; private init; }

    /// <summary>Whether the gradient is exact (autodiff or supplied) rather than a finite-difference approximation.</summary>
    public bool HasExactGradient { get; }

    /// <summary>
    /// An objective from a scalar-valued tensor function of a 1-D tensor; gradients and Hessian-vector
    /// products by reverse-mode automatic differentiation.
    /// </summary>
    public static Objective FromTensorFunction(Func<Tensor<double>, Tensor<double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var valueAndGrad = Derivatives.ValueAndGrad(f);
        return new Objective(
            x =>
            {
                using var _ = Autograd.NoGrad();
                return Scalar(f(Tensor.FromArray(x)), x.Length);
            },
            x =>
            {
                var (value, gradient) = valueAndGrad(Tensor.FromArray(x));
                return (Scalar(value, x.Length), gradient.Contiguous().ToArray());
            },
            (x, v) => Derivatives.Hvp(f, Tensor.FromArray(x), Tensor.FromArray(v)).Contiguous().ToArray(),
            exactGradient: true)
        { TensorFunction = f };
    }

    /// <summary>
    /// An objective from plain functions of a double array. Without <paramref name="gradient"/>, the
    /// gradient is approximated by central differences (2n evaluations of f).
    /// </summary>
    public static Objective FromFunctions(Func<double[], double> value, Func<double[], double[]>? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (gradient is null) return new Objective(value, null, null, exactGradient: false);
        return new Objective(value, x => (value(x), gradient(x)), null, exactGradient: true);
    }

    /// <summary>An objective whose one function returns f and its gradient together (a training closure).</summary>
    internal static Objective FromValueAndGradient(Func<double[], (double Value, double[] Gradient)> valueAndGradient)
        => new(x => valueAndGradient(x).Value, valueAndGradient, null, exactGradient: true);

    internal double Value(double[] x) => _value(x);

    /// <summary>f and its gradient; <paramref name="extraEvaluations"/> counts the function evaluations a finite difference spent.</summary>
    internal (double Value, double[] Gradient) ValueAndGradient(double[] x, out int extraEvaluations)
    {
        if (_valueAndGradient is not null)
        {
            extraEvaluations = 0;
            var (value, gradient) = _valueAndGradient(x);
            if (gradient.Length != x.Length)
                throw new ArgumentException($"The gradient has {gradient.Length} entries but x has {x.Length}.");
            return (value, gradient);
        }
        double fx = _value(x);
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            // Central differences with h = eps^(1/3) max(1, |x_i|): truncation and rounding errors balance.
            double h = 6.055454452393343e-6 * Math.Max(1, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            double up = _value(probe);
            probe[i] = x[i] - h;
            double down = _value(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        extraEvaluations = 2 * x.Length;
        return (fx, g);
    }

    /// <summary>H(x) v: by autodiff for tensor functions, else by a central difference of gradients.</summary>
    internal double[] HessianVector(double[] x, double[] v, out int extraEvaluations)
    {
        if (_hessianVector is not null)
        {
            extraEvaluations = 0;
            return _hessianVector(x, v);
        }
        double norm = ArrayMath.Norm(v);
        var result = new double[x.Length];
        if (norm == 0) { extraEvaluations = 0; return result; }
        double h = 1.4901161193847656e-8 * Math.Max(1, ArrayMath.Norm(x)) / norm;
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        ArrayMath.Axpy(h, v, plus);
        ArrayMath.Axpy(-h, v, minus);
        var (_, gp) = ValueAndGradient(plus, out int e1);
        var (_, gm) = ValueAndGradient(minus, out int e2);
        for (int i = 0; i < x.Length; i++) result[i] = (gp[i] - gm[i]) / (2 * h);
        extraEvaluations = e1 + e2 + 2;
        return result;
    }

    private static double Scalar(Tensor<double> value, int n)
    {
        if (value.Length != 1) throw new ArgumentException($"The objective must return a scalar, but for x of length {n} it returned shape {value.Shape}.");
        return value.ToScalar();
    }
}
