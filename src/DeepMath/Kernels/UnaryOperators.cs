using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepMath.Kernels;

/// <summary>Scalar fallback loops for operators that have no vectorised span body.</summary>
internal static class ScalarLoops
{
    public static void Map<TIn, TOut, TOp>(TOp op, ReadOnlySpan<TIn> x, Span<TOut> destination)
        where TOp : struct, IUnaryOperator<TIn, TOut>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = op.Invoke(x[i]);
    }

    public static void Zip<TIn, TOut, TOp>(TOp op, ReadOnlySpan<TIn> x, ReadOnlySpan<TIn> y, Span<TOut> destination)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = op.Invoke(x[i], y[i]);
    }

    public static void Zip<TIn, TOut, TOp>(TOp op, ReadOnlySpan<TIn> x, TIn y, Span<TOut> destination)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = op.Invoke(x[i], y);
    }

    public static void Zip<TIn, TOut, TOp>(TOp op, TIn x, ReadOnlySpan<TIn> y, Span<TOut> destination)
        where TOp : struct, IBinaryOperator<TIn, TOut>
    {
        for (int i = 0; i < y.Length; i++) destination[i] = op.Invoke(x, y[i]);
    }
}

internal readonly struct IdentityOperator<T> : IUnaryOperator<T, T>
{
    public T Invoke(T x) => x;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => x.CopyTo(destination);
}

internal readonly struct FillOperator<T>(T value) : IUnaryOperator<T, T>
{
    public T Invoke(T x) => value;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => destination.Fill(value);
}

internal readonly struct NegateOperator<T> : IUnaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x) => -x;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Negate(x, destination);
}

internal readonly struct AbsOperator<T> : IUnaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x) => T.Abs(x);
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Abs(x, destination);
}

/// <summary>sign(x): -1, +0 or +1 (NumPy gives +0 for -0.0 too); NaN stays NaN (T.Sign would throw on NaN).</summary>
internal readonly struct SignOperator<T> : IUnaryOperator<T, T> where T : INumber<T>
{
    public T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.IsNaN(x) ? x : T.Zero;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoops.Map<T, T, SignOperator<T>>(this, x, destination);
}

internal readonly struct SquareOperator<T> : IUnaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x) => x * x;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Multiply(x, x, destination);
}

internal readonly struct SqrtOperator<T> : IUnaryOperator<T, T> where T : IRootFunctions<T>
{
    public T Invoke(T x) => T.Sqrt(x);
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Sqrt(x, destination);
}

internal readonly struct ReciprocalOperator<T> : IUnaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x) => T.One / x;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Divide(T.One, x, destination);
}

/// <summary>e^x: float and double through one vector body (<see cref="ExpFunction"/>) for every length and layout.</summary>
internal readonly struct ExpOperator<T> : IUnaryOperator<T, T> where T : unmanaged, IExponentialFunctions<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, ExpFunction>(x) : T.Exp(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, ExpFunction>(x, destination);
        else ScalarLoops.Map<T, T, ExpOperator<T>>(this, x, destination);
    }
}

internal readonly struct LogOperator<T> : IUnaryOperator<T, T> where T : unmanaged, ILogarithmicFunctions<T>
{
    public T Invoke(T x) => UniformWidth.One(this, x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (UniformWidth.NeedsPadding<T>(x.Length)) UniformWidth.Padded(this, x, destination);
        else TensorPrimitives.Log(x, destination);
    }
}

/// <summary>log(1 + x), accurate for tiny x (the BCL's LogP1 is log(x + 1) and loses those digits).</summary>
internal readonly struct Log1POperator<T> : IUnaryOperator<T, T> where T : IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ScalarMath.Log1P(x);
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoops.Map<T, T, Log1POperator<T>>(this, x, destination);
}

/// <summary>exp(x) - 1, accurate for tiny x: float and double through one vector body (<see cref="ExpM1Function"/>).</summary>
internal readonly struct ExpM1Operator<T> : IUnaryOperator<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, ExpM1Function>(x) : ScalarMath.ExpM1(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, ExpM1Function>(x, destination);
        else ScalarLoops.Map<T, T, ExpM1Operator<T>>(this, x, destination);
    }
}

/// <summary>The error function (computed in double precision for every element type).</summary>
internal readonly struct ErfOperator<T> : IUnaryOperator<T, T> where T : IFloatingPointIeee754<T>
{
    public T Invoke(T x) => T.CreateTruncating(ScalarMath.Erf(double.CreateTruncating(x)));
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoops.Map<T, T, ErfOperator<T>>(this, x, destination);
}

/// <summary>sin x: float and double through one vector body (<see cref="SinFunction"/>).</summary>
internal readonly struct SinOperator<T> : IUnaryOperator<T, T> where T : unmanaged, ITrigonometricFunctions<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, SinFunction>(x) : T.Sin(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, SinFunction>(x, destination);
        else ScalarLoops.Map<T, T, SinOperator<T>>(this, x, destination);
    }
}

/// <summary>cos x: float and double through one vector body (<see cref="CosFunction"/>).</summary>
internal readonly struct CosOperator<T> : IUnaryOperator<T, T> where T : unmanaged, ITrigonometricFunctions<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, CosFunction>(x) : T.Cos(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, CosFunction>(x, destination);
        else ScalarLoops.Map<T, T, CosOperator<T>>(this, x, destination);
    }
}

/// <summary>tanh x: float and double through one vector body (<see cref="TanhFunction"/>), accurate near 0.</summary>
internal readonly struct TanhOperator<T> : IUnaryOperator<T, T> where T : unmanaged, IHyperbolicFunctions<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, TanhFunction>(x) : T.Tanh(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, TanhFunction>(x, destination);
        else ScalarLoops.Map<T, T, TanhOperator<T>>(this, x, destination);
    }
}

/// <summary>Logistic sigmoid 1/(1+exp(-x)); saturates to exactly 0 or 1 without NaN at large |x|.</summary>
internal readonly struct SigmoidOperator<T> : IUnaryOperator<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => VectorMath.Supports<T>() ? VectorMath.One<T, SigmoidFunction>(x) : ScalarMath.Sigmoid(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (VectorMath.Supports<T>()) VectorMath.Map<T, SigmoidFunction>(x, destination);
        else ScalarLoops.Map<T, T, SigmoidOperator<T>>(this, x, destination);
    }
}

internal readonly struct ReluOperator<T> : IUnaryOperator<T, T> where T : INumber<T>
{
    public T Invoke(T x) => T.IsNaN(x) ? x : x > T.Zero ? x : T.Zero;
    public void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Max(x, T.Zero, destination);
}

/// <summary>min(max(x, low), high); NaN propagates.</summary>
internal readonly struct ClampOperator<T>(T low, T high) : IUnaryOperator<T, T> where T : INumber<T>
{
    public T Invoke(T x) => T.IsNaN(x) ? x : x < low ? low : x > high ? high : x;

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        TensorPrimitives.Max(x, low, destination);
        TensorPrimitives.Min(destination, high, destination);
    }
}

/// <summary>The Heaviside step: 1 where x &gt; 0, else 0 (NaN gives 0); the derivative mask of relu.</summary>
internal readonly struct HeavisideOperator<T> : IUnaryOperator<T, T> where T : struct, INumber<T>
{
    public T Invoke(T x) => x > T.Zero ? T.One : T.Zero;

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var source = MemoryMarshal.Cast<T, Vector<T>>(x);
            var target = MemoryMarshal.Cast<T, Vector<T>>(destination);
            for (int v = 0; v < source.Length; v++)
                target[v] = Vector.ConditionalSelect(Vector.GreaterThan(source[v], Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
            i = source.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) destination[i] = Invoke(x[i]);
    }
}

internal readonly struct IsNaNOperator<T> : IUnaryOperator<T, bool> where T : INumberBase<T>
{
    public bool Invoke(T x) => T.IsNaN(x);
    public void Invoke(ReadOnlySpan<T> x, Span<bool> destination) => ScalarLoops.Map<T, bool, IsNaNOperator<T>>(this, x, destination);
}

internal readonly struct IsFiniteOperator<T> : IUnaryOperator<T, bool> where T : INumberBase<T>
{
    public bool Invoke(T x) => T.IsFinite(x);
    public void Invoke(ReadOnlySpan<T> x, Span<bool> destination) => ScalarLoops.Map<T, bool, IsFiniteOperator<T>>(this, x, destination);
}

internal readonly struct LogicalNotOperator : IUnaryOperator<bool, bool>
{
    public bool Invoke(bool x) => !x;
    public void Invoke(ReadOnlySpan<bool> x, Span<bool> destination) => ScalarLoops.Map<bool, bool, LogicalNotOperator>(this, x, destination);
}

/// <summary>An elementwise function of one floating-point argument given by its scalar formula: one body for every layout.</summary>
internal interface IScalarFunction<T>
{
    static abstract T Apply(T x);
}

/// <summary>Runs an <see cref="IScalarFunction{T}"/> over spans (scalar loops: the formula is the only body).</summary>
internal readonly struct ScalarFunctionOperator<T, TFunction> : IUnaryOperator<T, T> where TFunction : IScalarFunction<T>
{
    public T Invoke(T x) => TFunction.Apply(x);

    public void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        for (int i = 0; i < x.Length; i++) destination[i] = TFunction.Apply(x[i]);
    }
}

internal readonly struct TanFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Tan(x);
}

internal readonly struct AtanFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Atan(x);
}

internal readonly struct AsinFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Asin(x);
}

internal readonly struct AcosFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Acos(x);
}

internal readonly struct SinhFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Sinh(x);
}

internal readonly struct CoshFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Cosh(x);
}

internal readonly struct AsinhFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Asinh(x);
}

internal readonly struct AcoshFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Acosh(x);
}

/// <summary>artanh x = log1p(2x / (1 - x)) / 2: accurate near 0, where (log(1 + x) - log(1 - x)) / 2 loses digits.</summary>
internal readonly struct AtanhFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x)
    {
        var a = T.Abs(x);
        var half = T.CreateTruncating(0.5);
        return T.CopySign(half * ScalarMath.Log1P((a + a) / (T.One - a)), x);
    }
}

/// <summary>erfc x, computed in double (the continued fraction in the tail keeps its relative accuracy down to the subnormals).</summary>
internal readonly struct ErfcFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.CreateTruncating(ScalarMath.Erfc(double.CreateTruncating(x)));
}

/// <summary>softplus x = max(x, 0) + log1p(e^-|x|), finite for every finite x.</summary>
internal readonly struct SoftplusFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.IsNaN(x) ? x : ScalarMath.Softplus(x);
}

/// <summary>log sigmoid x = -softplus(-x) without cancellation; never positive (-0.0 where it rounds to zero).</summary>
internal readonly struct LogSigmoidFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.IsNaN(x) ? x : -ScalarMath.Softplus(-x);
}

/// <summary>The standard normal distribution function erfc(-x / sqrt 2) / 2, in double: the lower tail keeps its relative accuracy.</summary>
internal readonly struct NormalCdfFunction<T> : IScalarFunction<T> where T : IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.CreateTruncating(0.5 * ScalarMath.Erfc(-double.CreateTruncating(x) / Math.Sqrt(2)));
}
