using System.Numerics;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    extension<T>(Tensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise a &lt; b as a mask.</summary>
        public static Tensor<bool> operator <(Tensor<T> a, Tensor<T> b) => Compare(a, b, Comparison.Less);

        /// <summary>Elementwise a &gt; b as a mask.</summary>
        public static Tensor<bool> operator >(Tensor<T> a, Tensor<T> b) => Compare(a, b, Comparison.Greater);

        /// <summary>Elementwise a &lt;= b as a mask.</summary>
        public static Tensor<bool> operator <=(Tensor<T> a, Tensor<T> b) => Compare(a, b, Comparison.LessOrEqual);

        /// <summary>Elementwise a &gt;= b as a mask.</summary>
        public static Tensor<bool> operator >=(Tensor<T> a, Tensor<T> b) => Compare(a, b, Comparison.GreaterOrEqual);

        /// <summary>Elementwise a &lt; b as a mask.</summary>
        public static Tensor<bool> operator <(Tensor<T> a, T b) => Compare(a, Scalar(b), Comparison.Less);

        /// <summary>Elementwise a &gt; b as a mask.</summary>
        public static Tensor<bool> operator >(Tensor<T> a, T b) => Compare(a, Scalar(b), Comparison.Greater);

        /// <summary>Elementwise a &lt;= b as a mask.</summary>
        public static Tensor<bool> operator <=(Tensor<T> a, T b) => Compare(a, Scalar(b), Comparison.LessOrEqual);

        /// <summary>Elementwise a &gt;= b as a mask.</summary>
        public static Tensor<bool> operator >=(Tensor<T> a, T b) => Compare(a, Scalar(b), Comparison.GreaterOrEqual);
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise equality as a mask (NaN equals nothing).</summary>
        public Tensor<bool> ElementEquals(Tensor<T> other) => Compare(x, other, Comparison.Equal);

        /// <summary>Elementwise equality with a scalar as a mask.</summary>
        public Tensor<bool> ElementEquals(T value) => Compare(x, Scalar(value), Comparison.Equal);

        /// <summary>Elementwise inequality as a mask.</summary>
        public Tensor<bool> ElementNotEquals(Tensor<T> other) => Compare(x, other, Comparison.NotEqual);

        /// <summary>Elementwise inequality with a scalar as a mask.</summary>
        public Tensor<bool> ElementNotEquals(T value) => Compare(x, Scalar(value), Comparison.NotEqual);
    }

    extension(Tensor<bool>)
    {
        /// <summary>Elementwise logical and (broadcasting).</summary>
        public static Tensor<bool> operator &(Tensor<bool> a, Tensor<bool> b)
            => Elementwise.Zip<bool, bool, LogicalOperator>(Checked(a), Checked(b), new(LogicalOperator.And), "logical and");

        /// <summary>Elementwise logical or (broadcasting).</summary>
        public static Tensor<bool> operator |(Tensor<bool> a, Tensor<bool> b)
            => Elementwise.Zip<bool, bool, LogicalOperator>(Checked(a), Checked(b), new(LogicalOperator.Or), "logical or");

        /// <summary>Elementwise exclusive or (broadcasting).</summary>
        public static Tensor<bool> operator ^(Tensor<bool> a, Tensor<bool> b)
            => Elementwise.Zip<bool, bool, LogicalOperator>(Checked(a), Checked(b), new(LogicalOperator.Xor), "logical xor");

        /// <summary>Elementwise logical not.</summary>
        public static Tensor<bool> operator !(Tensor<bool> a)
            => Elementwise.Map<bool, bool, LogicalNotOperator>(Checked(a), default);
    }

    extension(Tensor<bool> mask)
    {
        /// <summary>True when any element is true.</summary>
        public bool Any() => mask.CountTrue() > 0;

        /// <summary>True when every element is true (also for an empty mask).</summary>
        public bool All() => mask.CountTrue() == mask.Length;

        /// <summary>How many elements are true.</summary>
        public int CountTrue()
        {
            int count = 0;
            foreach (var b in mask.Contiguous().AsSpan())
                if (b) count++;
            return count;
        }
    }

    /// <summary>Picks from <paramref name="a"/> where the condition holds and from <paramref name="b"/> elsewhere (all three broadcast).</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcasting.Shapes(Broadcasting.Shapes(condition.ShapeArray, a.ShapeArray, "where"), b.ShapeArray, "where");
        var result = new Tensor<T>(Elementwise.Allocate<T>(Shape.CheckedCount(shape)), shape);
        StridedLoop.Run(new WhereRow<T>(result.Storage, condition.Storage, a.Storage, b.Storage), shape,
            [new(result.StrideArray, 0),
             new(Broadcasting.StridesTo(condition.ShapeArray, condition.StrideArray, shape, "where"), condition.Offset),
             new(Broadcasting.StridesTo(a.ShapeArray, a.StrideArray, shape, "where"), a.Offset),
             new(Broadcasting.StridesTo(b.ShapeArray, b.StrideArray, shape, "where"), b.Offset)]);
        return Recorder.Binary(result, OpCode.Where, a, b, new MaskArguments(condition));
    }

    /// <summary>Where with a scalar for the true branch.</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, T a, Tensor<T> b) where T : unmanaged => Where(condition, Scalar(a), b);

    /// <summary>Where with scalars for both branches (a mask converted to two values).</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, T a, T b) where T : unmanaged => Where(condition, Scalar(a), Scalar(b));

    /// <summary>Where with a scalar for the false branch.</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, T b) where T : unmanaged => Where(condition, a, Scalar(b));

    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>A copy with masked elements replaced by <paramref name="value"/> (the mask broadcasts).</summary>
        public Tensor<T> MaskedFill(Tensor<bool> mask, T value) => Where(mask, Scalar(value), x);
    }

    /// <summary>
    /// True when a and b have broadcast-compatible shapes and |a - b| &lt;= atol + rtol * |b| everywhere
    /// (NumPy's allclose; NaNs compare equal only with <paramref name="equalNaN"/>).
    /// </summary>
    public static bool AllClose<T>(Tensor<T> a, Tensor<T> b, double rtol = 1e-5, double atol = 1e-8, bool equalNaN = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => IsClose(a, b, rtol, atol, equalNaN).All();

    /// <summary>Elementwise closeness mask (NumPy's isclose).</summary>
    public static Tensor<bool> IsClose<T>(Tensor<T> a, Tensor<T> b, double rtol = 1e-5, double atol = 1e-8, bool equalNaN = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Zip<T, bool, CloseOperator<T>>(Checked(a), Checked(b), new(rtol, atol, equalNaN), "isclose");

    /// <summary>True when the shapes are equal and every element is equal (NaN is never equal).</summary>
    public static bool ContentEquals<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.ShapeArray.AsSpan().SequenceEqual(b.ShapeArray)) return false;
        var x = a.Contiguous().AsSpan();
        var y = b.Contiguous().AsSpan();
        for (int i = 0; i < x.Length; i++)
            if (!x[i].Equals(y[i]) || IsNaNValue(x[i])) return false;
        return true;
    }

    private static bool IsNaNValue<T>(T v) => v is float f ? float.IsNaN(f) : v is double d ? double.IsNaN(d) : v is Half h && Half.IsNaN(h);

    private static Tensor<bool> Compare<T>(Tensor<T> a, Tensor<T> b, Comparison kind) where T : unmanaged, INumber<T>
        => Elementwise.Zip<T, bool, CompareOperator<T>>(Checked(a), Checked(b), new(kind), "compare");
}

internal readonly struct WhereRow<T>(T[] destination, bool[] condition, T[] a, T[] b) : IRowKernel
{
    public void Run(int n, int o0, int s0, int o1, int s1, int o2, int s2, int o3, int s3)
    {
        for (int i = 0; i < n; i++)
            destination[o0 + i * s0] = condition[o1 + i * s1] ? a[o2 + i * s2] : b[o3 + i * s3];
    }
}

/// <summary>|x - y| &lt;= atol + rtol |y|, with infinities equal only to themselves.</summary>
internal readonly struct CloseOperator<T>(double rtol, double atol, bool equalNaN) : IBinaryOperator<T, bool>
    where T : IFloatingPointIeee754<T>
{
    public bool Invoke(T x, T y)
    {
        if (T.IsNaN(x) || T.IsNaN(y)) return equalNaN && T.IsNaN(x) && T.IsNaN(y);
        if (T.IsInfinity(x) || T.IsInfinity(y)) return x == y;
        double dx = double.CreateTruncating(x), dy = double.CreateTruncating(y);
        return Math.Abs(dx - dy) <= atol + rtol * Math.Abs(dy);
    }

    public void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<bool> d) => ScalarLoops.Zip<T, bool, CloseOperator<T>>(this, x, y, d);
    public void Invoke(ReadOnlySpan<T> x, T y, Span<bool> d) => ScalarLoops.Zip<T, bool, CloseOperator<T>>(this, x, y, d);
    public void Invoke(T x, ReadOnlySpan<T> y, Span<bool> d) => ScalarLoops.Zip<T, bool, CloseOperator<T>>(this, x, y, d);
}
