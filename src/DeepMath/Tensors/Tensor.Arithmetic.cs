using System.Numerics;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    extension<T>(Tensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise sum with NumPy broadcasting.</summary>
        public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Add(a, b);

        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(Tensor<T> a, T b) => Recorder.ShouldRecord(a) ? Add(a, Scalar(b)) : Elementwise.ZipScalar<T, T, AddOperator<T>>(Checked(a), b, default, false, "add");

        /// <summary>Adds a scalar to every element.</summary>
        public static Tensor<T> operator +(T a, Tensor<T> b) => Recorder.ShouldRecord(b) ? Add(Scalar(a), b) : Elementwise.ZipScalar<T, T, AddOperator<T>>(Checked(b), a, default, true, "add");

        /// <summary>Elementwise difference with broadcasting.</summary>
        public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Subtract(a, b);

        /// <summary>Subtracts a scalar from every element.</summary>
        public static Tensor<T> operator -(Tensor<T> a, T b) => Recorder.ShouldRecord(a) ? Subtract(a, Scalar(b)) : Elementwise.ZipScalar<T, T, SubtractOperator<T>>(Checked(a), b, default, false, "subtract");

        /// <summary>A scalar minus every element.</summary>
        public static Tensor<T> operator -(T a, Tensor<T> b) => Recorder.ShouldRecord(b) ? Subtract(Scalar(a), b) : Elementwise.ZipScalar<T, T, SubtractOperator<T>>(Checked(b), a, default, true, "subtract");

        /// <summary>Elementwise product with broadcasting.</summary>
        public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Multiply(a, b);

        /// <summary>Scales every element.</summary>
        public static Tensor<T> operator *(Tensor<T> a, T b) => Recorder.ShouldRecord(a) ? Multiply(a, Scalar(b)) : Elementwise.ZipScalar<T, T, MultiplyOperator<T>>(Checked(a), b, default, false, "multiply");

        /// <summary>Scales every element.</summary>
        public static Tensor<T> operator *(T a, Tensor<T> b) => Recorder.ShouldRecord(b) ? Multiply(Scalar(a), b) : Elementwise.ZipScalar<T, T, MultiplyOperator<T>>(Checked(b), a, default, true, "multiply");

        /// <summary>Elementwise quotient with broadcasting (integer types divide as in C#).</summary>
        public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Divide(a, b);

        /// <summary>Divides every element by a scalar.</summary>
        public static Tensor<T> operator /(Tensor<T> a, T b) => Recorder.ShouldRecord(a) ? Divide(a, Scalar(b)) : Elementwise.ZipScalar<T, T, DivideOperator<T>>(Checked(a), b, default, false, "divide");

        /// <summary>A scalar divided by every element.</summary>
        public static Tensor<T> operator /(T a, Tensor<T> b) => Recorder.ShouldRecord(b) ? Divide(Scalar(a), b) : Elementwise.ZipScalar<T, T, DivideOperator<T>>(Checked(b), a, default, true, "divide");

        /// <summary>Elementwise negation.</summary>
        public static Tensor<T> operator -(Tensor<T> x) => Negate(x);
    }

    /// <summary>a + b with broadcasting.</summary>
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, AddOperator<T>>(Checked(a), Checked(b), default, "add"), OpCode.Add, a, b);

    /// <summary>a - b with broadcasting.</summary>
    public static Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, SubtractOperator<T>>(Checked(a), Checked(b), default, "subtract"), OpCode.Subtract, a, b);

    /// <summary>a * b (elementwise) with broadcasting.</summary>
    public static Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, MultiplyOperator<T>>(Checked(a), Checked(b), default, "multiply"), OpCode.Multiply, a, b);

    /// <summary>a / b (elementwise) with broadcasting.</summary>
    public static Tensor<T> Divide<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, DivideOperator<T>>(Checked(a), Checked(b), default, "divide"), OpCode.Divide, a, b);

    /// <summary>-x.</summary>
    public static Tensor<T> Negate<T>(Tensor<T> x) where T : unmanaged, INumber<T>
        => Recorder.Unary(Elementwise.Map<T, T, NegateOperator<T>>(Checked(x), default), OpCode.Negate, x);

    /// <summary>Elementwise maximum with broadcasting (NaN propagates).</summary>
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, MaximumOperator<T>>(Checked(a), Checked(b), default, "maximum"), OpCode.Maximum, a, b);

    /// <summary>Elementwise minimum with broadcasting (NaN propagates).</summary>
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Recorder.Binary(Elementwise.Zip<T, T, MinimumOperator<T>>(Checked(a), Checked(b), default, "minimum"), OpCode.Minimum, a, b);

    /// <summary>destination = a + b, writing into an existing tensor (NumPy's out=). Not recorded.</summary>
    public static void Add<T>(Tensor<T> a, Tensor<T> b, Tensor<T> destination) where T : unmanaged, INumber<T>
        => Elementwise.ZipInto<T, T, AddOperator<T>>(Checked(a), Checked(b), CheckedOut(destination, a, b), default, "add");

    /// <summary>destination = a - b into an existing tensor. Not recorded.</summary>
    public static void Subtract<T>(Tensor<T> a, Tensor<T> b, Tensor<T> destination) where T : unmanaged, INumber<T>
        => Elementwise.ZipInto<T, T, SubtractOperator<T>>(Checked(a), Checked(b), CheckedOut(destination, a, b), default, "subtract");

    /// <summary>destination = a * b into an existing tensor. Not recorded.</summary>
    public static void Multiply<T>(Tensor<T> a, Tensor<T> b, Tensor<T> destination) where T : unmanaged, INumber<T>
        => Elementwise.ZipInto<T, T, MultiplyOperator<T>>(Checked(a), Checked(b), CheckedOut(destination, a, b), default, "multiply");

    /// <summary>destination = a / b into an existing tensor. Not recorded.</summary>
    public static void Divide<T>(Tensor<T> a, Tensor<T> b, Tensor<T> destination) where T : unmanaged, INumber<T>
        => Elementwise.ZipInto<T, T, DivideOperator<T>>(Checked(a), Checked(b), CheckedOut(destination, a, b), default, "divide");

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>x += other (broadcast into x's shape), in place.</summary>
        public Tensor<T> AddInPlace(Tensor<T> other)
        {
            Recorder.CheckInPlace(x, "AddInPlace", other);
            Elementwise.ZipInto<T, T, AddOperator<T>>(x, Checked(other), x, default, "add");
            return x;
        }

        /// <summary>x -= other, in place.</summary>
        public Tensor<T> SubtractInPlace(Tensor<T> other)
        {
            Recorder.CheckInPlace(x, "SubtractInPlace", other);
            Elementwise.ZipInto<T, T, SubtractOperator<T>>(x, Checked(other), x, default, "subtract");
            return x;
        }

        /// <summary>x *= other, in place.</summary>
        public Tensor<T> MultiplyInPlace(Tensor<T> other)
        {
            Recorder.CheckInPlace(x, "MultiplyInPlace", other);
            Elementwise.ZipInto<T, T, MultiplyOperator<T>>(x, Checked(other), x, default, "multiply");
            return x;
        }

        /// <summary>x /= other, in place.</summary>
        public Tensor<T> DivideInPlace(Tensor<T> other)
        {
            Recorder.CheckInPlace(x, "DivideInPlace", other);
            Elementwise.ZipInto<T, T, DivideOperator<T>>(x, Checked(other), x, default, "divide");
            return x;
        }

        /// <summary>x += value, in place.</summary>
        public Tensor<T> AddInPlace(T value) => x.AddInPlace(Scalar(value));

        /// <summary>x *= value, in place.</summary>
        public Tensor<T> MultiplyInPlace(T value) => x.MultiplyInPlace(Scalar(value));

        /// <summary>x += alpha * other (BLAS axpy), in place; the hot path of optimizer updates.</summary>
        public Tensor<T> AddScaledInPlace(T alpha, Tensor<T> other)
        {
            Recorder.CheckInPlace(x, "AddScaledInPlace", other);
            Elementwise.ZipInto(x, Checked(other), x, new AxpyOperator<T>(alpha), "add scaled");
            return x;
        }
    }

    private static Tensor<T> Checked<T>(Tensor<T> x) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        return x;
    }

    /// <summary>A destination for an operation that writes plain numbers: refused if it, or a source, takes part in recording.</summary>
    private static Tensor<T> CheckedOut<T>(Tensor<T> destination, Tensor<T> first, Tensor<T>? second = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        Recorder.CheckInPlace(destination, "writing into a destination", first);
        if (second is not null) Recorder.CheckInPlace(destination, "writing into a destination", second);
        return destination;
    }
}
