using System.Numerics;
using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// AdaGrad (Duchi et al., 2011), PyTorch's form: d = g + wd p; G = G + d^2;
/// p = p - lr / (1 + (t - 1) decay) d / (sqrt(G) + eps).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AdaGrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public AdaGrad(IEnumerable<Tensor<T>> parameters, double learningRate = 1e-2, double learningRateDecay = 0, double weightDecay = 0,
        double initialAccumulator = 0, double epsilon = 1e-10)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(learningRateDecay >= 0) || double.IsInfinity(learningRateDecay)) throw new ArgumentOutOfRangeException(nameof(learningRateDecay), learningRateDecay, "The learning-rate decay must be finite and non-negative.");
        if (!(initialAccumulator >= 0) || double.IsInfinity(initialAccumulator)) throw new ArgumentOutOfRangeException(nameof(initialAccumulator), initialAccumulator, "The initial accumulator must be finite and non-negative.");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and non-negative.");
        LearningRateDecay = learningRateDecay;
        InitialAccumulator = initialAccumulator;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the effective learning rate with the step count.</summary>
    public double LearningRateDecay { get; }

    /// <summary>Starting value of the squared-gradient sum.</summary>
    public double InitialAccumulator { get; }

    /// <summary>Added to the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adagrad";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].BaseLearningRate, ["lr_decay"] = LearningRateDecay, ["eps"] = Epsilon, ["weight_decay"] = Groups[0].WeightDecay,
    };

    /// <inheritdoc/>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var sum = context.State("sum", out bool created);
        if (created) sum.Fill(T.CreateTruncating(InitialAccumulator));
        T lr = T.CreateTruncating(context.Group.LearningRate / (1 + (context.Step - 1) * LearningRateDecay));
        OptimizerKernels.AdaGrad(parameter, gradient, sum, lr, T.CreateTruncating(context.Group.WeightDecay), T.CreateTruncating(Epsilon));
    }
}

/// <summary>
/// RMSprop (Hinton), PyTorch's form: d = g + wd p; s = a s + (1 - a) d^2; with centering
/// c = a c + (1 - a) d and the denominator sqrt(s - c^2) + eps, else sqrt(s) + eps; with momentum
/// b = mu b + d / denominator, p = p - lr b; else p = p - lr d / denominator.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public RmsProp(IEnumerable<Tensor<T>> parameters, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(alpha >= 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1).");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and non-negative.");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        Alpha = alpha;
        Epsilon = epsilon;
        Momentum = momentum;
        Centered = centered;
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public double Alpha { get; }

    /// <summary>Added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>Momentum coefficient (0 for none).</summary>
    public double Momentum { get; }

    /// <summary>Divide by the centered second moment (an estimate of the variance).</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].BaseLearningRate, ["alpha"] = Alpha, ["eps"] = Epsilon, ["momentum"] = Momentum, ["centered"] = Centered ? 1 : 0,
        ["weight_decay"] = Groups[0].WeightDecay,
    };

    /// <inheritdoc/>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var square = context.State("square_avg");
        var average = Centered ? context.State("grad_avg") : Span<T>.Empty;
        var buffer = Momentum > 0 ? context.State("momentum_buffer") : Span<T>.Empty;
        OptimizerKernels.RmsProp(parameter, gradient, square, average, buffer, T.CreateTruncating(context.Group.LearningRate),
            T.CreateTruncating(context.Group.WeightDecay), T.CreateTruncating(Alpha), T.CreateTruncating(Epsilon), T.CreateTruncating(Momentum));
    }
}

/// <summary>
/// Adadelta (Zeiler, 2012), PyTorch's form: d = g + wd p; s = rho s + (1 - rho) d^2;
/// u = sqrt(a + eps) / sqrt(s + eps) d; a = rho a + (1 - rho) u^2; p = p - lr u (lr = 1 by default).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Adadelta<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public Adadelta(IEnumerable<Tensor<T>> parameters, double learningRate = 1.0, double rho = 0.9, double epsilon = 1e-6, double weightDecay = 0)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(rho >= 0 && rho <= 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1].");
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>Decay of both running averages.</summary>
    public double Rho { get; }

    /// <summary>Added inside both square roots.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adadelta";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].BaseLearningRate, ["rho"] = Rho, ["eps"] = Epsilon, ["weight_decay"] = Groups[0].WeightDecay,
    };

    /// <inheritdoc/>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var square = context.State("square_avg");
        var delta = context.State("acc_delta");
        OptimizerKernels.Adadelta(parameter, gradient, square, delta, T.CreateTruncating(context.Group.LearningRate),
            T.CreateTruncating(context.Group.WeightDecay), T.CreateTruncating(Rho), T.CreateTruncating(Epsilon));
    }
}
