using System.Numerics;
using DeepMath.Kernels;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>|x|.</summary>
        public Tensor<T> Abs() => Unary(x, default(AbsOperator<T>), OpCode.Abs);

        /// <summary>sign(x): -1, 0 or 1 (NaN stays NaN).</summary>
        public Tensor<T> Sign() => Unary(x, default(SignOperator<T>), OpCode.Sign);

        /// <summary>x * x.</summary>
        public Tensor<T> Square() => Unary(x, default(SquareOperator<T>), OpCode.Square);

        /// <summary>The Heaviside step: 1 where x &gt; 0, else 0 (not recorded: its derivative is zero almost everywhere).</summary>
        public Tensor<T> Heaviside() => Elementwise.Map<T, T, HeavisideOperator<T>>(Checked(x).Detach(), default);

        /// <summary>max(x, 0) (NaN stays NaN).</summary>
        public Tensor<T> Relu() => Unary(x, default(ReluOperator<T>), OpCode.Relu);

        /// <summary>Limits every element to [low, high] (NaN stays NaN).</summary>
        /// <exception cref="ArgumentException">low is greater than high.</exception>
        public Tensor<T> Clamp(T low, T high)
        {
            if (low > high) throw new ArgumentException($"Clamp bounds are reversed: low {low} > high {high}.");
            var result = Elementwise.Map<T, T, ClampOperator<T>>(Checked(x), new(low, high));
            return Recorder.Unary(result, OpCode.Clamp, x, new ScalarArguments<T>(low, high));
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>e^x.</summary>
        public Tensor<T> Exp() => Unary(x, default(ExpOperator<T>), OpCode.Exp, Elementwise.CostlyGrain);

        /// <summary>Natural logarithm.</summary>
        public Tensor<T> Log() => Unary(x, default(LogOperator<T>), OpCode.Log, Elementwise.CostlyGrain);

        /// <summary>log(1 + x), accurate for tiny x.</summary>
        public Tensor<T> Log1P() => Unary(x, default(Log1POperator<T>), OpCode.Log1P, Elementwise.CostlyGrain);

        /// <summary>e^x - 1, accurate for tiny x.</summary>
        public Tensor<T> ExpM1() => Unary(x, default(ExpM1Operator<T>), OpCode.ExpM1, Elementwise.CostlyGrain);

        /// <summary>Square root.</summary>
        public Tensor<T> Sqrt() => Unary(x, default(SqrtOperator<T>), OpCode.Sqrt);

        /// <summary>The error function erf(x) = 2/sqrt(pi) times the integral of e^(-t^2) from 0 to x.</summary>
        public Tensor<T> Erf() => Unary(x, default(ErfOperator<T>), OpCode.Erf, Elementwise.CostlyGrain);

        /// <summary>Sine.</summary>
        public Tensor<T> Sin() => Unary(x, default(SinOperator<T>), OpCode.Sin, Elementwise.CostlyGrain);

        /// <summary>Cosine.</summary>
        public Tensor<T> Cos() => Unary(x, default(CosOperator<T>), OpCode.Cos, Elementwise.CostlyGrain);

        /// <summary>Hyperbolic tangent.</summary>
        public Tensor<T> Tanh() => Unary(x, default(TanhOperator<T>), OpCode.Tanh, Elementwise.CostlyGrain);

        /// <summary>The logistic sigmoid 1 / (1 + e^-x), stable for large |x|.</summary>
        public Tensor<T> Sigmoid() => Unary(x, default(SigmoidOperator<T>), OpCode.Sigmoid, Elementwise.CostlyGrain);

        /// <summary>1 / x.</summary>
        public Tensor<T> Reciprocal() => Divide(Scalar(T.One), x);

        /// <summary>x raised to a scalar power.</summary>
        public Tensor<T> Pow(T exponent) => Pow(x, Scalar(exponent));

        /// <summary>Masks of NaN elements.</summary>
        public Tensor<bool> IsNaN() => Elementwise.Map<T, bool, IsNaNOperator<T>>(Checked(x), default);

        /// <summary>Masks of finite elements (not NaN, not infinite).</summary>
        public Tensor<bool> IsFinite() => Elementwise.Map<T, bool, IsFiniteOperator<T>>(Checked(x), default);
    }

    /// <summary>Elementwise power with broadcasting.</summary>
    public static Tensor<T> Pow<T>(Tensor<T> x, Tensor<T> exponent) where T : unmanaged, IFloatingPointIeee754<T>
        => Recorder.Binary(Elementwise.Zip<T, T, PowOperator<T>>(Checked(x), Checked(exponent), default, "pow", Elementwise.CostlyGrain),
            OpCode.Pow, x, exponent);

    /// <summary>destination = e^x, into an existing tensor (NumPy's out=). Not recorded.</summary>
    public static void Exp<T>(Tensor<T> x, Tensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.MapInto<T, T, ExpOperator<T>>(Checked(x), CheckedOut(destination, x), default, "exp", Elementwise.CostlyGrain);

    private static Tensor<T> Unary<T, TOp>(Tensor<T> x, TOp op, OpCode code, int grain = Elementwise.CheapGrain)
        where T : unmanaged where TOp : struct, IUnaryOperator<T, T>
        => Recorder.Unary(Elementwise.Map<T, T, TOp>(Checked(x), op, grain), code, x);
}
