using System.Numerics;
using System.Numerics.Tensors;

namespace DeepMath.Kernels;

internal readonly struct AddOperator<T> : IBinaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x, T y) => x + y;
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubtractOperator<T> : IBinaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x, T y) => x - y;
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MultiplyOperator<T> : IBinaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x, T y) => x * y;
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(y, x, d);
}

internal readonly struct DivideOperator<T> : IBinaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x, T y) => x / y;
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
}

/// <summary>x^y; every element through TensorPrimitives at one vector width (<see cref="UniformWidth"/>).</summary>
internal readonly struct PowOperator<T> : IBinaryOperator<T, T> where T : unmanaged, IPowerFunctions<T>
{
    public T Invoke(T x, T y) => UniformWidth.One(this, x, y);

    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
    {
        if (UniformWidth.NeedsPadding<T>(x.Length)) UniformWidth.Padded(this, x, y, d);
        else TensorPrimitives.Pow(x, y, d);
    }

    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d)
    {
        if (UniformWidth.NeedsPadding<T>(x.Length)) UniformWidth.Padded(this, x, y, d);
        else TensorPrimitives.Pow(x, y, d);
    }

    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d)
    {
        if (UniformWidth.NeedsPadding<T>(y.Length)) UniformWidth.Padded(this, x, y, d);
        else TensorPrimitives.Pow(x, y, d);
    }
}

/// <summary>Elementwise maximum; NaN propagates (as NumPy's maximum).</summary>
internal readonly struct MaximumOperator<T> : IBinaryOperator<T, T> where T : INumber<T>
{
    public T Invoke(T x, T y) => T.Max(x, y);
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(y, x, d);
}

/// <summary>Elementwise minimum; NaN propagates (as NumPy's minimum).</summary>
internal readonly struct MinimumOperator<T> : IBinaryOperator<T, T> where T : INumber<T>
{
    public T Invoke(T x, T y) => T.Min(x, y);
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(y, x, d);
}

/// <summary>Comparison kinds shared by the comparison operator and error messages.</summary>
internal enum Comparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>An elementwise comparison producing a boolean mask (IEEE: any comparison with NaN is false, except NotEqual).</summary>
internal readonly struct CompareOperator<T>(Comparison kind) : IBinaryOperator<T, bool> where T : INumber<T>
{
    public bool Invoke(T x, T y) => kind switch
    {
        Comparison.Equal => x == y,
        Comparison.NotEqual => x != y,
        Comparison.Less => x < y,
        Comparison.LessOrEqual => x <= y,
        Comparison.Greater => x > y,
        _ => x >= y,
    };

    // The kind is chosen once per span, not per element.
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<bool> d)
    {
        switch (kind)
        {
            case Comparison.Equal: for (int i = 0; i < x.Length; i++) d[i] = x[i] == y[i]; break;
            case Comparison.NotEqual: for (int i = 0; i < x.Length; i++) d[i] = x[i] != y[i]; break;
            case Comparison.Less: for (int i = 0; i < x.Length; i++) d[i] = x[i] < y[i]; break;
            case Comparison.LessOrEqual: for (int i = 0; i < x.Length; i++) d[i] = x[i] <= y[i]; break;
            case Comparison.Greater: for (int i = 0; i < x.Length; i++) d[i] = x[i] > y[i]; break;
            default: for (int i = 0; i < x.Length; i++) d[i] = x[i] >= y[i]; break;
        }
    }

    public void Invoke(ReadOnlySpan<T> x, T y, Span<bool> d)
    {
        switch (kind)
        {
            case Comparison.Equal: for (int i = 0; i < x.Length; i++) d[i] = x[i] == y; break;
            case Comparison.NotEqual: for (int i = 0; i < x.Length; i++) d[i] = x[i] != y; break;
            case Comparison.Less: for (int i = 0; i < x.Length; i++) d[i] = x[i] < y; break;
            case Comparison.LessOrEqual: for (int i = 0; i < x.Length; i++) d[i] = x[i] <= y; break;
            case Comparison.Greater: for (int i = 0; i < x.Length; i++) d[i] = x[i] > y; break;
            default: for (int i = 0; i < x.Length; i++) d[i] = x[i] >= y; break;
        }
    }

    public void Invoke(T x, ReadOnlySpan<T> y, Span<bool> d) => ScalarLoops.Zip<T, bool, CompareOperator<T>>(this, x, y, d);
}

/// <summary>Boolean and/or/xor of masks.</summary>
internal readonly struct LogicalOperator(int kind) : IBinaryOperator<bool, bool>
{
    public const int And = 0, Or = 1, Xor = 2;

    public bool Invoke(bool x, bool y) => kind switch { And => x & y, Or => x | y, _ => x ^ y };
    public void Invoke(ReadOnlySpan<bool> x, ReadOnlySpan<bool> y, Span<bool> d) => ScalarLoops.Zip<bool, bool, LogicalOperator>(this, x, y, d);
    public void Invoke(ReadOnlySpan<bool> x, bool y, Span<bool> d) => ScalarLoops.Zip<bool, bool, LogicalOperator>(this, x, y, d);
    public void Invoke(bool x, ReadOnlySpan<bool> y, Span<bool> d) => ScalarLoops.Zip<bool, bool, LogicalOperator>(this, x, y, d);
}

/// <summary>x + alpha * y (fused multiply-add where the hardware has it).</summary>
internal readonly struct AxpyOperator<T>(T alpha) : IBinaryOperator<T, T> where T : INumberBase<T>
{
    public T Invoke(T x, T y) => x + alpha * y;
    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.MultiplyAdd(y, alpha, x, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, alpha * y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<T> d)
    {
        TensorPrimitives.Multiply(y, alpha, d);
        TensorPrimitives.Add(d, x, d);
    }
}
