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

        /// <summary>tan x.</summary>
        public Tensor<T> Tan() => Scalar<T, TanFunction<T>>(x, OpCode.Tan);

        /// <summary>arctan x, in (-pi/2, pi/2).</summary>
        public Tensor<T> Atan() => Scalar<T, AtanFunction<T>>(x, OpCode.Atan);

        /// <summary>arcsin x, in [-pi/2, pi/2] (NaN outside [-1, 1]).</summary>
        public Tensor<T> Asin() => Scalar<T, AsinFunction<T>>(x, OpCode.Asin);

        /// <summary>arccos x, in [0, pi] (NaN outside [-1, 1]).</summary>
        public Tensor<T> Acos() => Scalar<T, AcosFunction<T>>(x, OpCode.Acos);

        /// <summary>sinh x.</summary>
        public Tensor<T> Sinh() => Scalar<T, SinhFunction<T>>(x, OpCode.Sinh);

        /// <summary>cosh x.</summary>
        public Tensor<T> Cosh() => Scalar<T, CoshFunction<T>>(x, OpCode.Cosh);

        /// <summary>arsinh x.</summary>
        public Tensor<T> Asinh() => Scalar<T, AsinhFunction<T>>(x, OpCode.Asinh);

        /// <summary>arcosh x (NaN below 1).</summary>
        public Tensor<T> Acosh() => Scalar<T, AcoshFunction<T>>(x, OpCode.Acosh);

        /// <summary>artanh x (+-inf at +-1, NaN beyond), accurate near 0.</summary>
        public Tensor<T> Atanh() => Scalar<T, AtanhFunction<T>>(x, OpCode.Atanh);

        /// <summary>The complementary error function 1 - erf x, accurate in the upper tail (erfc 26 = 5.7e-296).</summary>
        public Tensor<T> Erfc() => Scalar<T, ErfcFunction<T>>(x, OpCode.Erfc);

        /// <summary>softplus x = log(1 + e^x), finite for every finite x; its derivative is sigmoid x.</summary>
        public Tensor<T> Softplus() => Scalar<T, SoftplusFunction<T>>(x, OpCode.Softplus);

        /// <summary>log sigmoid x = -softplus(-x), finite for every finite x (log sigmoid(-1000) = -1000).</summary>
        public Tensor<T> LogSigmoid() => Scalar<T, LogSigmoidFunction<T>>(x, OpCode.LogSigmoid);

        /// <summary>The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2 (Phi(-38) is a subnormal, not 0).</summary>
        public Tensor<T> NormalCdf() => Scalar<T, NormalCdfFunction<T>>(x, OpCode.NormalCdf);

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

    private static Tensor<T> Scalar<T, TFunction>(Tensor<T> x, OpCode code) where T : unmanaged where TFunction : IScalarFunction<T>
        => Unary(x, default(ScalarFunctionOperator<T, TFunction>), code, Elementwise.CostlyGrain);

    private static Tensor<T> Unary<T, TOp>(Tensor<T> x, TOp op, OpCode code, int grain = Elementwise.CheapGrain)
        where T : unmanaged where TOp : struct, IUnaryOperator<T, T>
        => Recorder.Unary(Elementwise.Map<T, T, TOp>(Checked(x), op, grain), code, x);
}
